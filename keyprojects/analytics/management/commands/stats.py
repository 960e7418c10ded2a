from django.core.management.base import BaseCommand, CommandError

from keyprojects.accounts.models import Region
from keyprojects.analytics.filters import Filters, level_code
from keyprojects.analytics.indicators import KEYS, indicators, period_of
from keyprojects.core.commandline import acting_user, to_json

LABELS = {
    "project_count": "项目个数",
    "total_investment": "总投资（万元）",
    "annual_plan": "年度计划投资（万元）",
    "ytd_completed": "累计完成投资（万元）",
    "completion_rate": "投资完成率（%）",
    "time_schedule_rate": "序时进度（%）",
    "new_start_planned": "计划新开工",
    "new_start_started": "已开工",
    "start_rate": "开工率（%）",
    "completion_planned": "计划竣工",
    "completion_done": "已竣工",
    "completion_done_rate": "竣工率（%）",
    "ytd_completed_last_year": "去年同期完成（万元）",
    "yoy_growth": "同比增长（%）",
}


class Command(BaseCommand):
    help = "某月的重点项目统计指标（DOMAIN.md §6）；--json 输出 INTERFACES.md 约定的键。"

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help="月份，如 2026-10")
        parser.add_argument("--region", default="", help="6位区划代码：只统计该区划及其下辖")
        parser.add_argument("--level", default="", help="级别（含以上）：省、市或县")
        parser.add_argument("--user", default="", help="按该账号的权限范围统计（默认：系统，全市范围）")
        parser.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args, period: str, region: str, level: str, user: str, json: bool, **options):
        try:
            year, month = period_of(period)
        except ValueError as error:
            raise CommandError(str(error)) from None
        region_obj = None
        if region:
            region_obj = Region.objects.filter(code=region).first()
            if region_obj is None:
                raise CommandError(f"区划代码“{region}”不存在。")
        if level and not level_code(level):
            raise CommandError(f"级别“{level}”应为 国家、省、市 或 县。")
        figures = indicators(acting_user(user), year, month, Filters(region=region_obj, level=level_code(level)))
        if json:
            self.stdout.write(to_json(figures))
            return
        for key in KEYS:
            value = figures[key]
            self.stdout.write(f"{LABELS[key]}：{'—' if value is None else value}")
