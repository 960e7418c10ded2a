from django.urls import path

from keyprojects.assessment import views

app_name = "assessment"

urlpatterns = [
    path("", views.index, name="index"),
    path("schemes/new/", views.scheme_create, name="scheme_create"),
    path("schemes/<int:pk>/", views.scheme_detail, name="scheme"),
    path("schemes/<int:pk>/edit/", views.scheme_edit, name="scheme_edit"),
    path("schemes/<int:pk>/version/", views.scheme_version, name="scheme_version"),
    path("schemes/<int:pk>/delete/", views.scheme_delete, name="scheme_delete"),
    path("compute/", views.compute, name="compute"),
    path("results/<int:pk>/", views.result, name="result"),
    path("results/<int:pk>/publish/", views.result_publish, name="result_publish"),
    path("results/<int:pk>/report.<str:fmt>", views.result_report, name="result_report"),
    path("scores/<int:pk>/", views.score_detail, name="score"),
    path("scores/<int:pk>/notice.docx", views.score_notice, name="score_notice"),
    path("adjustments/", views.adjustments, name="adjustments"),
    path("adjustments/<int:pk>/delete/", views.adjustment_delete, name="adjustment_delete"),
]
