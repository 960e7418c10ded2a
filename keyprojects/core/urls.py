from django.urls import path

from keyprojects.core import imports, notifications, views

app_name = "core"

urlpatterns = [
    path("changelog/", views.changelog, name="changelog"),
    path("history/<str:model>/<str:pk>/", views.object_history, name="history"),
    path("imports/errors/<str:token>.xlsx", imports.import_errors, name="import_errors"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/read/", notifications.mark_all_read, name="notifications_read"),
]
