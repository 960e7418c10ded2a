"""Two years of the demo city's monthly reports, from a fixed seed, placed relative to the day of loading.

Every month up to the one before last is confirmed and locked, written in bulk with one change-log
entry per report. Last month is being filled: in every county some owners still to report, one report
returned with its reason, some waiting for the county, some waiting for the city (these through the real
workflow), the rest confirmed. About one project in twenty has stalled for the last four
months (no investment), and some owners reported late in the past.

The demo owner's continuing project has no report yet (the owner fills and submits it today) and its
new start was returned by 建安区 with a reason. Its window opened on the 25th of last month; owners are
due by the 3rd of this month, and loaded after the 3rd the window is extended so the owners' deadline
is today (the county's and the city's move by as many days).
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from keyprojects.accounts.choices import UserRole
from keyprojects.accounts.models import User
from keyprojects.core.changelog import bulk_log
from keyprojects.core.demo import DemoCalendar, shift
from keyprojects.projects.demo import OWNER_PROJECTS
from keyprojects.projects.models import AnnualEntry
from keyprojects.reports import services
from keyprojects.reports.choices import ReportStatus, Stage
from keyprojects.reports.models import Confirmation, Period, Report

SEED = 20261
SEASON = [4, 5, 8, 9, 10, 10, 9, 9, 10, 10, 9, 7]  # share of the year's work per month, in percent
STALLED_MONTHS = 4
LATE_SHARE = 0.08
CENT = Decimal("0.01")
# Last month, in each region: shares of the reports not yet in, waiting for the county and for the city.
MISSING_SHARE, SUBMITTED_SHARE, APPROVED_SHARE = Decimal("0.08"), Decimal("0.10"), Decimal("0.10")
OFFICE_HOURS = (8, 17)
RETURN_REASON = "形象进度描述过简，请补充现场照片后重新提交"
PROGRESS = {
    Stage.PREPARATION: "前期手续办理中",
    Stage.SITE_READY: "场地平整完成，施工单位进场",
    Stage.CONSTRUCTION: "主体结构施工",
    Stage.INSTALLATION: "设备安装调试",
    Stage.ACCEPTANCE: "竣工验收",
}
MISSING, RETURNED, SUBMITTED, APPROVED, CONFIRMED = "missing", "returned", "submitted", "approved", "confirmed"


def _aware(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


def _count(share: Decimal, total: int) -> int:
    return max(1, int((share * total).to_integral_value()))


def states_of(entries: list, rng: random.Random) -> list[tuple[AnnualEntry, str]]:
    """One region's reports of last month: at least one in each state, the demo owner's in the two it acts on."""
    total = len(entries)
    missing, submitted, approved = (_count(s, total) for s in (MISSING_SHARE, SUBMITTED_SHARE, APPROVED_SHARE))
    states = [MISSING] * missing + [RETURNED] + [SUBMITTED] * submitted + [APPROVED] * approved
    states += [CONFIRMED] * (total - len(states))
    rng.shuffle(entries)
    owners = {e.project.name: e for e in entries if e.project.name in OWNER_PROJECTS}
    if owners:  # the owner's continuing project is still to report; its new start was returned
        rest = [e for e in entries if e.project.name not in owners]
        entries = [owners[OWNER_PROJECTS[0]], *rest[: missing - 1], owners[OWNER_PROJECTS[1]], *rest[missing - 1 :]]
    return list(zip(entries, states, strict=True))


class DemoReports:
    def __init__(self, calendar: DemoCalendar):
        self.calendar = calendar
        self.stall_from = shift(calendar.open_month, 1 - STALLED_MONTHS)
        self.rng = random.Random(SEED)
        self.city = User.objects.filter(role=UserRole.CITY_ADMIN).order_by("pk").first()
        self.factor, self.stalled, self.done = {}, set(), {}

    def periods(self) -> list[Period]:
        """Every reported month, and this month's period (not open yet)."""
        months = [*self.calendar.months(), shift(self.calendar.open_month, 1)]
        return [services.period_get_or_create(year=year, month=month) for year, month in months]

    def amount(self, entry: AnnualEntry, period: Period) -> Decimal:
        project = entry.project
        if not project.actual_start or project.actual_start > period.end_date:
            return Decimal("0.00")
        if project.pk in self.stalled and (period.year, period.month) >= self.stall_from:
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
        years = self.calendar.report_years
        entries = {year: list(AnnualEntry.objects.filter(year=year).select_related("project")) for year in years}
        for period in periods:
            if (period.year, period.month) >= self.calendar.open_month:
                continue
            listed = [e for e in entries[period.year] if e.added_on <= period.end_date]
            self.confirmed([self.report(e, period, self.amount(e, period)) for e in listed], "历史月报（已确认）")
            Period.objects.filter(pk=period.pk).update(is_locked=True, is_open=False)

    def confirmed(self, reports: list[Report], what: str) -> None:
        """Confirmed reports in bulk, each with its confirmation and its own change-log entry."""
        reports = Report.objects.bulk_create(reports)
        Confirmation.objects.bulk_create(
            Confirmation(report=r, amount=r.amount, confirmed_at=r.confirmed_at, confirmed_by=self.city)
            for r in reports
        )
        bulk_log(by=None, created=reports, reason=f"演示数据：{what}")

    def open_window(self, period: Period) -> Period:
        """Last month's window, open; extended (as the city would) when the owners' day has passed."""
        late = (self.calendar.today - period.owner_deadline).days
        if late > 0:
            extended = {
                name: getattr(period, name) + datetime.timedelta(days=late)
                for name in ("owner_deadline", "county_deadline", "city_deadline")
            }
            services.period_update(by=self.city, period=period, reason="延长报送期限", **extended)
        return services.period_update(by=self.city, period=period, reason="开放填报", is_open=True)

    def handed_in(self, since: datetime.datetime | None = None) -> datetime.datetime:
        """A time in office hours between the window's opening (or `since`) and now."""
        since, now = since or _aware(self.calendar.window_opened, 9), timezone.now()
        moment = timezone.localtime(since + (now - since) * self.rng.random())
        return max(since, min(moment.replace(hour=self.rng.randint(*OFFICE_HOURS)), now))

    def open_month(self, period: Period) -> None:
        """Last month in every state a city sees while a month is being filled. The reports still waiting
        for someone go through the real workflow; those already confirmed are written in bulk (fast)."""
        period = self.open_window(period)
        counties = {u.region_id: u for u in User.objects.filter(role=UserRole.COUNTY_ADMIN)}
        regions = {}
        for entry in (
            AnnualEntry.objects.filter(year=period.year).current().select_related("project__owner", "project__region")
        ):
            regions.setdefault(entry.project.region_id, []).append(entry)
        done = []
        for region_id, entries in sorted(regions.items()):
            reviewer = counties.get(region_id, self.city)  # the city reviews for the zones it runs itself
            for entry, state in states_of(entries, self.rng):
                if state == CONFIRMED:
                    done.append(self.confirmed_now(entry, period))
                elif state != MISSING:
                    self.walk(entry, period, state, reviewer)
        self.confirmed(done, f"{period}月报（已确认）")

    def confirmed_now(self, entry: AnnualEntry, period: Period) -> Report:
        report = self.report(entry, period, self.amount(entry, period))
        report.submitted_at = self.handed_in()
        report.reviewed_at = self.handed_in(report.submitted_at)
        report.confirmed_at = self.handed_in(report.reviewed_at)
        return report

    def walk(self, entry: AnnualEntry, period: Period, state: str, reviewer) -> None:
        owner = entry.project.owner.users.first() if entry.project.owner else None
        report = self.report(entry, period, self.amount(entry, period))
        report.status, report.submitted_at, report.reviewed_at, report.confirmed_at = "draft", None, None, None
        report = services.report_save(by=owner, report=report)
        services.report_submit(by=owner, report=report)
        Report.objects.filter(pk=report.pk).update(submitted_at=self.handed_in())
        if state == RETURNED:
            services.report_return(by=reviewer, report=report, reason=RETURN_REASON)
        elif state == APPROVED:
            services.report_approve(by=reviewer, report=report)

    def load(self) -> None:
        if Report.objects.exists() or not AnnualEntry.objects.exists():
            return
        year = self.calendar.year
        stalled = list(AnnualEntry.objects.filter(year=year, category="continuing").values_list("project", flat=True))
        self.stalled = set(self.rng.sample(stalled, max(1, len(stalled) // 20)))
        periods = self.periods()
        self.history(periods)
        self.open_month(next(p for p in periods if (p.year, p.month) == self.calendar.open_month))


def load(calendar: DemoCalendar) -> list:
    DemoReports(calendar).load()
    return []
