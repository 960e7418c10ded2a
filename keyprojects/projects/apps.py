from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "keyprojects.projects"
    verbose_name = "项目库"
