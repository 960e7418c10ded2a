from django.core.management.base import BaseCommand, CommandError

from keyprojects.analytics.indicators import period_of
from keyprojects.analytics.ranking import ranking, rows_for
from keyprojects.core.commandline import acting_user, to_json


class Command(BaseCommand):
    help = "某月各县（市、区）重点项目排名（DOMAIN.md §9）；--json 输出 INTERFACES.md 约定的键。"

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help="月份，如 2026-10")
        parser.add_argument("--user", default="", help="按该账号的权限范围列出（默认：系统，全市范围）")
        parser.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args, period: str, user: str, json: bool, **options):
        try:
            year, month = period_of(period)
        except ValueError as error:
            raise CommandError(str(error)) from None
        rows = rows_for(acting_user(user), ranking(year, month))
        if json:
            self.stdout.write(to_json(rows))
            return
        for row in rows:
            self.stdout.write(f"第{row['rank']}名 {row['region_name']} 综合得分 {row['score']}")
