from django.urls import path

from keyprojects.accounts import views

app_name = "accounts"

urlpatterns = [
    path("setup/", views.first_run, name="first_run"),
    path("profile/", views.profile, name="profile"),
    path("profile/token/", views.token_regenerate, name="token_regenerate"),
    path("accounts/users/", views.user_list, name="user_list"),
    path("accounts/users/new/", views.user_create, name="user_create"),
    path("accounts/users/<int:pk>/", views.user_edit, name="user_edit"),
    path("accounts/users/<int:pk>/password/", views.user_password, name="user_password"),
    path("accounts/departments/", views.department_list, name="department_list"),
    path("accounts/departments/new/", views.department_form, name="department_create"),
    path("accounts/departments/<int:pk>/", views.department_form, name="department_edit"),
    path("regions/", views.region_list, name="region_list"),
    path("regions/zones/new/", views.zone_create, name="zone_create"),
    path("regions/<str:code>/", views.region_detail, name="region_detail"),
    path("regions/<str:code>/edit/", views.region_edit, name="region_edit"),
]
