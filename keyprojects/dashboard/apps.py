from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "keyprojects.dashboard"
    verbose_name = "驾驶舱"
