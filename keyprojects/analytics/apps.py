from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "keyprojects.analytics"
    verbose_name = "统计分析"
