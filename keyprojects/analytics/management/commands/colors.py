from django.core.management.base import BaseCommand, CommandError

from keyprojects.analytics import selectors, services
from keyprojects.analytics.indicators import period_of
from keyprojects.core.commandline import acting_user, to_json
from keyprojects.core.numbers import round2


class Command(BaseCommand):
    help = "计算并列出某月各重点项目的四色（DOMAIN.md §8）；--json 输出 INTERFACES.md 约定的键。"

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help="月份，如 2026-10")
        parser.add_argument("--user", default="", help="按该账号的权限范围列出（默认：系统，全市范围）")
        parser.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args, period: str, user: str, json: bool, **options):
        try:
            year, month = period_of(period)
        except ValueError as error:
            raise CommandError(str(error)) from None
        period_obj = services.colors_current(year=year, month=month)
        rows = [
            {
                "project_code": record.project.code,
                "name": record.project.name,
                "color": record.color,
                "computed_color": record.computed_color,
                "gap": None if record.gap is None else round2(record.gap),
            }
            for record in selectors.color_records(acting_user(user), period_obj)
        ]
        if json:
            self.stdout.write(to_json(rows))
            return
        for row in rows:
            gap = "—" if row["gap"] is None else f"{row['gap']}"
            self.stdout.write(f"{row['color']} {row['project_code']} {row['name']}（进度差 {gap}）")
