"""Four-colour management (DOMAIN.md §8): the rule, and its computation for a whole period.

The rule is a pure function of a project's figures, tested on every boundary. `compute()` gathers
those figures for all listed projects with a handful of grouped queries (no loop over reports),
decides each colour, and stores the colours of the period, keeping the city's overrides.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from keyprojects.analytics.choices import Color
from keyprojects.analytics.models import ColorComputation, ColorRecord, ColorRule
from keyprojects.core.aggregates import MoneySum, money
from keyprojects.projects.choices import Category
from keyprojects.projects.models import AnnualEntry, MonthlyPlan
from keyprojects.reports.choices import ReportStatus
from keyprojects.reports.models import Period, Report

GAP_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class Figures:
    category: str
    annual_plan: Decimal
    plan_to_date: Fraction  # X: the monthly split of months 1..m, or annual_plan × m / 12, kept exact
    ytd: Decimal
    planned_start: datetime.date | None
    actual_start: datetime.date | None
    actual_completion: datetime.date | None
    invested_last_two_months: Decimal  # confirmed investment of the two months the stall rule looks at


def months_between(start: datetime.date, year: int, month: int) -> int:
    return (year - start.year) * 12 + month - start.month


def color_for(
    figures: Figures, rule: ColorRule, year: int, month: int, *, provisional: bool = False
) -> tuple[str, Decimal | None, str]:
    """(colour, gap in percentage points or None, why) for one project at period m of `year`;
    `provisional` while month m is still being reported (the stall rule then looks a month earlier).

    The gap is compared as an exact fraction (no rounding before comparing, DOMAIN.md §8) and
    returned rounded to 4 places for display."""
    end = _end(year, month)
    not_started = figures.actual_start is None or figures.actual_start > end
    if figures.category == Category.NEW_START and not_started:
        if figures.planned_start is None or figures.planned_start > end:
            return Color.WHITE, None, "未到计划开工时间"
        late = months_between(figures.planned_start, year, month)
        if late >= rule.start_red_months:
            return Color.RED, None, f"应开未开已{late}个月"
        return Color.YELLOW, None, "应开未开" if late else "本月应开工未开工"
    gap = _gap(figures)
    shown = (
        None
        if gap is None
        else (Decimal(gap.numerator) / Decimal(gap.denominator)).quantize(GAP_PLACES, rounding=ROUND_HALF_UP)
    )
    watched = stall_months(month, provisional=provisional)
    if watched and _stalled(figures, year, watched, end):
        return Color.RED, shown, f"连续两个月（{watched[0]}—{watched[1]}月）无投资（基本停滞）"
    if gap is None:
        return Color.WHITE, None, "年度计划投资为0"
    if gap >= Fraction(rule.green_gap):
        return Color.GREEN, shown, "超计划推进"
    if gap > Fraction(rule.yellow_gap):
        return Color.WHITE, shown, "正常推进"
    if gap >= Fraction(rule.red_gap):
        return Color.YELLOW, shown, "进度较慢"
    return Color.RED, shown, "严重滞后"


def _end(year: int, month: int) -> datetime.date:
    return datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)


def _gap(figures: Figures) -> Fraction | None:
    """g = 100 × (ytd − X) / annual_plan, as an exact fraction."""
    if not figures.annual_plan:
        return None
    return 100 * (Fraction(figures.ytd) - figures.plan_to_date) / Fraction(figures.annual_plan)


def stall_months(month: int, *, provisional: bool) -> tuple[int, int] | None:
    """The two months of the year the stall rule looks at: m−1 and m, or m−2 and m−1 while m is still being
    reported (a report not yet due is not a missing report); None when the year has no two such months."""
    last = month - 1 if provisional else month
    return (last - 1, last) if last >= 2 else None


def _stalled(figures: Figures, year: int, watched: tuple[int, int], end: datetime.date) -> bool:
    """Under construction through both watched months, not completed by E, with no confirmed investment in either."""
    if figures.actual_start is None or figures.actual_start >= datetime.date(year, watched[0], 1):
        return False
    if figures.actual_completion is not None and figures.actual_completion <= end:
        return False  # a finished project is not stalled
    return not figures.invested_last_two_months


def rule_for(year: int) -> ColorRule:
    return ColorRule.objects.filter(year=year).first() or ColorRule(year=year)


def _by_project(reports, **filters) -> dict:
    """Confirmed sums grouped by the listed project (a module's reports count for its package)."""
    rows = (
        reports.filter(status=ReportStatus.CONFIRMED, **filters)
        .values(listed=Coalesce("project__package_id", "project_id"))
        .annotate(total=MoneySum("amount"))
    )
    return {row["listed"]: money(row["total"]) for row in rows}


def reported_by(period: Period) -> datetime.datetime:
    """When the month stops being reported: the end of the county deadline day, Beijing time."""
    day = period.county_deadline + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day))


def is_provisional(period: Period, now: datetime.datetime | None = None) -> bool:
    """Month m's colours are provisional while it is being reported (DOMAIN.md §8), unless the city locked it."""
    return not period.is_locked and (now or timezone.now()) < reported_by(period)


def outdated(period: Period, computed_at: datetime.datetime) -> bool:
    """Colours computed while the month was being reported, and it no longer is: they must be worked out again."""
    return computed_at < reported_by(period) <= timezone.now()


def gather(year: int, month: int, *, provisional: bool = False) -> dict[int, Figures]:
    """Figures of every project on the list at the end of the month, in five queries."""
    end = _end(year, month)
    listed = AnnualEntry.objects.filter(year=year, category__in=Category.values).as_of(end).order_by()
    fields = [
        "pk",
        "project_id",
        "category",
        "annual_plan",
        "project__planned_start",
        "project__actual_start",
        "project__actual_completion",
    ]
    entries = list(listed.values_list(*fields))  # plain rows: model instances cost ten times as much here
    reports = Report.objects.filter(period__year=year)
    ytd = _by_project(reports, period__month__lte=month)
    recent = _by_project(reports, period__month__in=stall_months(month, provisional=provisional) or [])
    plans_of_listed = MonthlyPlan.objects.filter(entry_id__in=listed.values("pk")).order_by()
    plans = dict(
        plans_of_listed.filter(month__lte=month)
        .values("entry_id")
        .annotate(total=Sum("amount"))
        .values_list("entry_id", "total")
    )
    split = set(plans_of_listed.values_list("entry_id", flat=True))
    figures = {}
    for entry_id, project_id, category, annual_plan, planned_start, actual_start, actual_completion in entries:
        figures[project_id] = Figures(
            category=category,
            annual_plan=annual_plan,
            plan_to_date=Fraction(plans.get(entry_id) or 0)
            if entry_id in split
            else Fraction(annual_plan) * month / 12,
            ytd=ytd.get(project_id) or Decimal("0"),
            planned_start=planned_start,
            actual_start=actual_start,
            actual_completion=actual_completion,
            invested_last_two_months=recent.get(project_id) or Decimal("0"),
        )
    return figures


@transaction.atomic
def compute(period: Period) -> int:
    """Work out and store every listed project's colour for the period; overrides are kept."""
    rule = rule_for(period.year)
    now = timezone.now()
    provisional = is_provisional(period, now)
    existing = {
        record.project_id: record
        for record in ColorRecord.objects.filter(period=period).only(
            "pk", "project_id", "computed_color", "gap", "reason"
        )
    }
    new, changed = [], []
    for project_id, figures in gather(period.year, period.month, provisional=provisional).items():
        color, gap, why = color_for(figures, rule, period.year, period.month, provisional=provisional)
        record = existing.pop(project_id, None)
        if record is None:
            new.append(
                ColorRecord(
                    period=period, project_id=project_id, computed_color=color, gap=gap, reason=why, computed_at=now
                )
            )
        elif (record.computed_color, record.gap, record.reason) != (color, gap, why):
            record.computed_color, record.gap, record.reason, record.computed_at = color, gap, why, now
            changed.append(record)
    ColorRecord.objects.bulk_create(new, batch_size=1000)
    ColorRecord.objects.bulk_update(changed, ["computed_color", "gap", "reason", "computed_at"], batch_size=1000)
    ColorRecord.objects.filter(pk__in=[record.pk for record in existing.values()]).delete()  # no longer listed
    ColorComputation.objects.update_or_create(period=period, defaults={"computed_at": now})
    return len(new) + len(changed)
