from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from keyprojects.accounts.permissions import Perm, has_perm
from keyprojects.assessment import services
from keyprojects.assessment.choices import Subject
from keyprojects.assessment.models import Assessment
from keyprojects.assessment.windows import window_of
from keyprojects.core.commandline import acting_user, to_json


class Command(BaseCommand):
    help = "按考核期开始时施行的方案计算考核结果（草稿可重算，已公布的直接输出公布的结果）；--publish 同时公布。"

    def add_arguments(self, parser):
        parser.add_argument("--subject", required=True, choices=Subject.values, help="region、department 或 unit")
        parser.add_argument("--period", required=True, help="月度 2026-10，半年 2026-H1，年度 2026")
        parser.add_argument("--publish", action="store_true", help="计算后公布")
        parser.add_argument("--user", default="", help="以该账号计算（须为市级管理员；默认：系统）")
        parser.add_argument("--json", action="store_true", help="输出 JSON：每个考核对象的得分、名次和各项得分")

    def handle(self, *args, subject: str, period: str, publish: bool, user: str, json: bool, **options):
        by = acting_user(user)
        if not has_perm(by, Perm.MANAGE_ASSESSMENT):
            raise CommandError(f"账号“{by.username}”无权计算考核结果。")
        try:
            assessment = _published(subject, period)
            if assessment is not None:
                self.stderr.write(f"{assessment}已公布，输出公布的结果（不再重新计算）。")
            else:
                default = services.scheme_default(by=by, subject=subject, window=window_of(period))
                if default is not None:
                    self.stderr.write(
                        f"尚无{default.year}年的{default.get_subject_display()}考核方案，已按默认指标建立“{default}”。"
                    )
                assessment = services.assessment_compute(by=by, subject=subject, period_code=period)
                if publish:
                    services.assessment_publish(by=by, assessment=assessment)
        except ValidationError as error:
            raise CommandError("；".join(error.messages)) from None
        scores = assessment.scores.prefetch_related("lines__indicator")
        if json:
            self.stdout.write(to_json([_row(score) for score in scores]))
            return
        self.stdout.write(f"{assessment}（依据{assessment.scheme}）")
        for score in scores:
            mark = "，通报表扬" if score.praised else "，约谈" if score.summoned else ""
            place = f"第{score.rank}名" if score.rank else "不排名（本期无考核事项）"
            self.stdout.write(f"{place} {score.body_name} {score.total}分{mark}")


def _published(subject: str, period: str) -> Assessment | None:
    """The period's published result: final, so it is printed as published rather than computed again."""
    window = window_of(period)
    return (
        Assessment.objects.filter(
            scheme__subject=subject,
            scheme__year=window.year,
            scheme__cycle=window.cycle,
            period_code=window.code,
            is_published=True,
        )
        .select_related("scheme")
        .first()
    )


def _row(score) -> dict:
    return {
        "body_name": score.body_name,
        "body_code": score.body_code,
        "total": score.total,
        "rank": score.rank,
        "praised": score.praised,
        "summoned": score.summoned,
        "lines": [
            {"measure": line.indicator.measure, "value": line.value, "points": line.points}
            for line in score.lines.all()
        ],
    }
