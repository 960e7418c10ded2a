from django.urls import path

from keyprojects.core import views

app_name = "core"

urlpatterns = [
    path("changelog/", views.changelog, name="changelog"),
    path("history/<str:model>/<str:pk>/", views.object_history, name="history"),
]
