from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token

from keyprojects.accounts.models import User


class Command(BaseCommand):
    help = "打印用户的 API 令牌（没有则生成），供脚本以 Authorization: Token 令牌 调用接口。"

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"没有启用的账号“{username}”。")
        token, _ = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
