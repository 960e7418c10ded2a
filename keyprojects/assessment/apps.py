from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "keyprojects.assessment"
    verbose_name = "考核"
