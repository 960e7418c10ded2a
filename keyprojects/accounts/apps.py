from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "keyprojects.accounts"
    verbose_name = "区划与账号"
