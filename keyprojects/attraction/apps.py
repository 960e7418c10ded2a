from django.apps import AppConfig


class AttractionConfig(AppConfig):
    name = "keyprojects.attraction"
    verbose_name = "招商引资、储备库与要素保障"
