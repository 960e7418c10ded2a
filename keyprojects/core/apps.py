from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "keyprojects.core"
    verbose_name = "平台基础"
