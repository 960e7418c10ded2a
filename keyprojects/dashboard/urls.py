from django.urls import path

from keyprojects.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.cockpit, name="cockpit"),
    path("mine/", views.my_package, name="mine"),
    path("map/", views.project_map, name="map"),
    path("battle/", views.battle_chart, name="battle"),
]
