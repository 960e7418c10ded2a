from django.apps import AppConfig


class CoordinationConfig(AppConfig):
    name = "keyprojects.coordination"
    verbose_name = "协调调度"
