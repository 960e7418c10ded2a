from django.urls import path

from keyprojects.attraction.views import elements, pipeline

app_name = "attraction"

urlpatterns = [
    path("", pipeline.attraction_list, name="list"),
    path("new/", pipeline.attraction_form, name="create"),
    path("<int:pk>/", pipeline.attraction_form, name="edit"),
    path("<int:pk>/funds/", pipeline.funds_add, name="funds"),
    path("import/", pipeline.attraction_import, name="import"),
    path("import/template.xlsx", pipeline.attraction_template, name="import_template"),
    path("reserve/", pipeline.reserve_list, name="reserve"),
    path("reserve/new/", pipeline.reserve_form, name="reserve_create"),
    path("reserve/<int:pk>/", pipeline.reserve_form, name="reserve_edit"),
    path("reserve/<int:pk>/<str:action>/", pipeline.reserve_action, name="reserve_action"),
    path("elements/", elements.element_list, name="elements"),
    path("elements/new/", elements.element_form, name="element_create"),
    path("elements/<int:pk>/", elements.element_form, name="element_edit"),
    path("financing/publish/", elements.financing_publish, name="financing_publish"),
    path("financing/<int:pk>/", elements.financing_detail, name="financing"),
]
