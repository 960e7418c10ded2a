from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from keyprojects.accounts.demo import DEMO_PASSWORD
from keyprojects.accounts.models import User
from keyprojects.core.demo import demo_calendar

# Each app that has demo data adds its loader here, in dependency order. Each takes the demo calendar
# (core/demo.py), so that every date is placed relative to the day the demo is loaded.
DEMO_LOADERS = [
    "keyprojects.accounts.demo.load",
    "keyprojects.projects.demo.load",
    "keyprojects.reports.demo.load",
    "keyprojects.analytics.demo.load",
    "keyprojects.coordination.demo.load",
    "keyprojects.attraction.demo.load",
    "keyprojects.assessment.demo.load",
]


class Command(BaseCommand):
    help = "载入演示城市许昌市（区划、部门、各角色演示账号及各模块演示数据，日期按今天排布）；可重复执行。"

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="数据库中已有账号时什么也不做（供 ./run 使用）")

    def handle(self, *args, if_empty: bool, **options):
        if if_empty and User.objects.exists():
            self.stdout.write("数据库已有数据，未载入演示城市。")
            return
        calendar = demo_calendar()  # once: a load that runs past midnight keeps one story
        with transaction.atomic():
            logins = []
            for loader in DEMO_LOADERS:
                result = import_string(loader)(calendar)
                logins.extend(result or [])
        self.stdout.write(f"演示城市许昌市已就绪。演示账号（密码均为 {DEMO_PASSWORD}）：")
        for username, description in logins:
            self.stdout.write(f"  {username:<8} {description}")
