from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from keyprojects.accounts import services


class Command(BaseCommand):
    help = "把指定 GB/T 2260 代码的城市设为本平台管理的城市，其下辖县（市、区）成为排名区划；可重复执行。"

    def add_arguments(self, parser):
        parser.add_argument("code", help="地级市的6位区划代码，如 510100（成都市）、411000（许昌市）")

    def handle(self, *args, code: str, **options):
        try:
            city = services.setup_city(code=code)
        except ValidationError as error:
            raise CommandError("；".join(error.messages)) from None
        counties = city.children.filter(is_ranked=True)
        self.stdout.write(f"本平台管理的城市：{city.name}（{city.code}），下辖 {counties.count()} 个县（市、区）：")
        self.stdout.write("、".join(county.name for county in counties))
