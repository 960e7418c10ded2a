from django.core.management.base import BaseCommand

from keyprojects.attraction.selectors import STATS_KEYS, attraction_stats
from keyprojects.core.commandline import acting_user, to_json

LABELS = {
    "signed_count": "签约项目",
    "signed_amount": "签约金额（万元）",
    "funds_in_place": "到位资金（万元）",
    "performed_count": "履约项目",
    "performance_rate": "履约率（%）",
    "started_count": "开工项目",
    "start_rate": "开工率（%）",
    "producing_count": "投产项目",
    "in_talks_count": "在谈项目",
}


class Command(BaseCommand):
    help = "某年招商引资指标（DOMAIN.md §7）；--json 输出 INTERFACES.md 约定的键。"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--user", default="", help="按该账号的权限范围统计（默认：系统，全市范围）")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, year: int, user: str, json: bool, **options):
        figures = attraction_stats(acting_user(user), year)
        if json:
            self.stdout.write(to_json(figures))
            return
        for key in STATS_KEYS:
            self.stdout.write(f"{LABELS[key]}：{'—' if figures[key] is None else figures[key]}")
