from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "keyprojects.reports"
    verbose_name = "月报"
