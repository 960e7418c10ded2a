"""Two years of the demo city's monthly reports (2025-01 … 2026-10), from a fixed seed.

History up to 2026-09 is confirmed and locked, written in bulk with one change-log entry per report.
October 2026 is still open and goes through the real workflow: most confirmed, some waiting for the
county or the city, a few returned, some not yet reported. About one project in twenty stalls from
July 2026 (no investment), and some owners report late.
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from keyprojects.accounts.choices import UserRole
from keyprojects.accounts.models import User
from keyprojects.core.changelog import bulk_log
from keyprojects.projects.demo import CURRENT_YEAR, YEARS
from keyprojects.projects.models import AnnualEntry
from keyprojects.reports import services
from keyprojects.reports.choices import ReportStatus, Stage
from keyprojects.reports.models import Confirmation, Period, Report

SEED = 20261
OPEN_MONTH = 10  # October 2026: the month being reported now
SEASON = [4, 5, 8, 9, 10, 10, 9, 9, 10, 10, 9, 7]  # share of the year's work per month, in percent
STALL_FROM = 7
LATE_SHARE = 0.08
CENT = Decimal("0.01")
PROGRESS = {
    Stage.PREPARATION: "前期手续办理中",
    Stage.SITE_READY: "场地平整完成，施工单位进场",
    Stage.CONSTRUCTION: "主体结构施工",
    Stage.INSTALLATION: "设备安装调试",
    Stage.ACCEPTANCE: "竣工验收",
}


def _aware(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


class DemoReports:
    def __init__(self):
        self.rng = random.Random(SEED)
        self.city = User.objects.filter(role=UserRole.CITY_ADMIN).order_by("pk").first()
        self.factor, self.stalled, self.done = {}, set(), {}

    def periods(self) -> list[Period]:
        periods = []
        for year in YEARS:
            for month in range(1, 13):
                if (year, month) > (CURRENT_YEAR, OPEN_MONTH + 1):
                    break
                periods.append(services.period_get_or_create(year=year, month=month))
        return periods

    def amount(self, entry: AnnualEntry, period: Period) -> Decimal:
        project = entry.project
        if not project.actual_start or project.actual_start > period.end_date:
            return Decimal("0.00")
        if project.pk in self.stalled and (period.year, period.month) >= (CURRENT_YEAR, STALL_FROM):
            return Decimal("0.00")
        factor = self.factor.setdefault(project.pk, self.rng.uniform(0.85, 1.4))
        # A project that starts during the year spreads its plan over the months it has left.
        first = project.actual_start.month if project.actual_start.year == period.year else 1
        season = Decimal(SEASON[period.month - 1]) / sum(SEASON[first - 1 :])
        share = season * Decimal(str(factor * self.rng.uniform(0.8, 1.2)))
        room = project.total_investment * Decimal("0.95") - project.opening_completed - self.done.get(project.pk, 0)
        amount = max(Decimal("0"), min(entry.annual_plan * share, room)).quantize(CENT)
        self.done[project.pk] = self.done.get(project.pk, 0) + amount
        return amount

    def report(self, entry: AnnualEntry, period: Period, amount: Decimal) -> Report:
        project = entry.project
        started = project.actual_start and project.actual_start <= period.end_date
        stage = Stage.CONSTRUCTION if started else Stage.PREPARATION
        late = self.rng.random() < LATE_SHARE
        submitted = period.owner_deadline + datetime.timedelta(
            days=self.rng.randint(1, 6) if late else -self.rng.randint(0, 5)
        )
        return Report(
            project=project,
            period=period,
            amount=amount,
            stage=stage,
            progress=PROGRESS[stage] + ("" if amount else "，本月无投资"),
            actual_start=project.actual_start if started else None,
            submitted_at=_aware(submitted, 16),
            status=ReportStatus.CONFIRMED,
            reviewed_at=_aware(period.county_deadline, 10),
            confirmed_at=_aware(period.city_deadline, 10),
        )

    def history(self, periods: list[Period]) -> None:
        entries = {year: list(AnnualEntry.objects.filter(year=year).select_related("project")) for year in YEARS}
        for period in periods:
            if (period.year, period.month) >= (CURRENT_YEAR, OPEN_MONTH):
                continue
            listed = [e for e in entries[period.year] if e.added_on <= period.end_date]
            reports = Report.objects.bulk_create([self.report(e, period, self.amount(e, period)) for e in listed])
            Confirmation.objects.bulk_create(
                Confirmation(report=r, amount=r.amount, confirmed_at=r.confirmed_at, confirmed_by=self.city)
                for r in reports
            )
            bulk_log(by=None, created=reports, reason="演示数据：历史月报（已确认）")
            Period.objects.filter(pk=period.pk).update(is_locked=True, is_open=False)

    def open_month(self, period: Period) -> None:
        """October 2026 through the real workflow, in every state a city sees a week after the deadline."""
        Period.objects.filter(pk=period.pk).update(is_open=True)
        period.refresh_from_db()
        counties = {u.region_id: u for u in User.objects.filter(role=UserRole.COUNTY_ADMIN)}
        for entry in (
            AnnualEntry.objects.filter(year=CURRENT_YEAR).current().select_related("project__owner", "project__region")
        ):
            draw = self.rng.random()
            if draw < 0.08:
                continue  # not reported yet
            owner = entry.project.owner.users.first() if entry.project.owner else None
            report = self.report(entry, period, self.amount(entry, period))
            handed_in = report.submitted_at  # the demo's story: when this owner really reported
            report.status, report.submitted_at, report.reviewed_at, report.confirmed_at = "draft", None, None, None
            report = services.report_save(by=owner, report=report)
            services.report_submit(by=owner, report=report)
            Report.objects.filter(pk=report.pk).update(submitted_at=handed_in)
            reviewer = counties.get(entry.project.region_id, self.city)
            if draw < 0.11:
                services.report_return(by=reviewer, report=report, reason="形象进度描述过简，请补充现场照片")
            elif draw < 0.20:
                continue  # waiting for the county
            else:
                services.report_approve(by=reviewer, report=report)
                if draw >= 0.30:
                    services.report_confirm(by=self.city, report=report)

    def load(self) -> None:
        if Report.objects.exists() or not AnnualEntry.objects.exists():
            return
        stalled = list(
            AnnualEntry.objects.filter(year=CURRENT_YEAR, category="continuing").values_list("project", flat=True)
        )
        self.stalled = set(self.rng.sample(stalled, max(1, len(stalled) // 20)))
        periods = self.periods()
        self.history(periods)
        self.open_month(next(p for p in periods if (p.year, p.month) == (CURRENT_YEAR, OPEN_MONTH)))


def load() -> list:
    DemoReports().load()
    return []
