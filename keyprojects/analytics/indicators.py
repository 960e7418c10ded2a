"""The indicators of DOMAIN.md §6 — the one place they are computed. Screens, API, command line,
cockpit and documents all call `indicators()`; nothing else sums report figures.

Every figure is an aggregate query in the database. Official figures count confirmed reports; with
`as_of` (a moment), each report counts with the figure it had been confirmed at by then, so a past
month is reproduced as it was published and a later correction shows as a correction.
"""

import datetime
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from keyprojects.analytics.filters import NO_FILTERS, Filters
from keyprojects.core.aggregates import MoneySum, money
from keyprojects.core.numbers import HUNDRED, rate, round2
from keyprojects.projects.choices import Category
from keyprojects.projects.models import AnnualEntry, Project
from keyprojects.reports.choices import ReportStatus
from keyprojects.reports.models import Confirmation, Report

ZERO = Decimal("0.00")
KEYS = [
    "project_count",
    "total_investment",
    "annual_plan",
    "ytd_completed",
    "completion_rate",
    "time_schedule_rate",
    "new_start_planned",
    "new_start_started",
    "start_rate",
    "completion_planned",
    "completion_done",
    "completion_done_rate",
    "ytd_completed_last_year",
    "yoy_growth",
]


def period_end(year: int, month: int) -> datetime.date:
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def end_of_day(day: datetime.date | None) -> datetime.datetime | None:
    """The moment a Beijing day ends (the next day's 00:00), for `as_of`: what had been confirmed by then."""
    if day is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time()))


def listed(user, year: int, month: int, filters: Filters = NO_FILTERS):
    """The annual list of `year` as it stood at the end of `month`, in the caller's scope, filtered.
    `user=None` is the whole city, for what every region is measured against (rankings)."""
    entries = AnnualEntry.objects.all() if user is None else AnnualEntry.objects.visible_to(user)
    entries = entries.filter(year=year, category__in=Category.values)
    return filters.apply(entries.as_of(period_end(year, month)))


def reports_of(entries, year: int, month: int, *, from_month: int = 1):
    """Reports of months from..month of `year` for the listed projects, or for the modules of listed packages."""
    projects = entries.values("project_id")
    # Filter on the report's own key through one subquery of member projects: PostgreSQL misjudges a
    # plain "project_id IN (list)" joined to the periods and probes the index row by row.
    members = Project.objects.filter(Q(pk__in=projects) | Q(package_id__in=projects)).values("pk")
    return Report.objects.filter(
        project_id__in=members, period__year=year, period__month__gte=from_month, period__month__lte=month
    )


def confirmed_total(reports, *, as_of: datetime.datetime | None = None):
    """The one rule of which figure a report counts with: the reports that count, and the sum of their
    figures as an aggregate (for `aggregate()` or `values().annotate()`). Now: the confirmed reports and
    their amounts; at the moment `as_of`: each report with the figure it had last been confirmed at by
    then (a report not yet confirmed by then counts as nothing, one confirmed and since reopened still
    counts with that figure)."""
    if as_of is None:
        return reports.filter(status=ReportStatus.CONFIRMED), MoneySum("amount")
    latest = Confirmation.objects.filter(report=OuterRef("pk"), confirmed_at__lte=as_of).order_by("-confirmed_at")
    return reports, MoneySum(Subquery(latest.values("amount")[:1]))


def completed_sum(reports, *, as_of: datetime.datetime | None = None) -> Decimal:
    """Sum of confirmed figures: now, or as they had been confirmed at the moment `as_of`."""
    reports, total = confirmed_total(reports, as_of=as_of)
    return money(reports.aggregate(total=total)["total"]) or ZERO


def _counts(year: int, month: int) -> dict:
    """The count and sum aggregates over annual entries, for `aggregate()` or `values().annotate()`."""
    end = period_end(year, month)
    return {
        "project_count": Count("id"),
        "total_investment": MoneySum("project__total_investment"),
        "annual_plan": MoneySum("annual_plan"),
        "new_start_planned": Count("id", filter=Q(category=Category.NEW_START)),
        "new_start_started": Count("id", filter=Q(category=Category.NEW_START, project__actual_start__lte=end)),
        "completion_planned": Count("id", filter=Q(project__planned_completion__year=year)),
        "completion_done": Count(
            "id", filter=Q(project__planned_completion__year=year, project__actual_completion__lte=end)
        ),
    }


def indicators(user, year: int, month: int, filters: Filters = NO_FILTERS, *, as_of=None) -> dict:
    """The §6 indicators for year Y at period m, with exactly the keys of INTERFACES.md `stats --json`."""
    entries = listed(user, year, month, filters)
    counts = entries.aggregate(**_counts(year, month))
    ytd = completed_sum(reports_of(entries, year, month), as_of=as_of)
    return _with_last_year(user, year, month, filters, counts, ytd, as_of=as_of)


def indicators_by_month(user, year: int, month: int, filters: Filters = NO_FILTERS) -> tuple[dict, list[Decimal]]:
    """The indicators and the confirmed investment of each month 1..m (the cockpit's curve), the
    year-to-date figure being their sum — one grouped query instead of two."""
    entries = listed(user, year, month, filters)
    counts = entries.aggregate(**_counts(year, month))
    reports, total = confirmed_total(reports_of(entries, year, month))
    rows = dict(reports.order_by().values_list("period__month").annotate(total=total))
    months = [money(rows.get(number)) or ZERO for number in range(1, month + 1)]
    figures = _with_last_year(user, year, month, filters, counts, sum(months, ZERO))
    return figures, months


def _with_last_year(user, year: int, month: int, filters: Filters, counts: dict, ytd: Decimal, *, as_of=None):
    last_entries = listed(user, year - 1, month, filters)
    last_ytd = completed_sum(reports_of(last_entries, year - 1, month), as_of=as_of)
    return finish(counts, ytd, last_ytd, month)


def finish(counts: dict, ytd: Decimal, last_ytd: Decimal, month: int) -> dict:
    """The rates and growth from the counts and sums: the formulas, once."""
    annual_plan = money(counts["annual_plan"]) or ZERO
    return {
        "project_count": counts["project_count"],
        "total_investment": money(counts["total_investment"]) or ZERO,
        "annual_plan": annual_plan,
        "ytd_completed": ytd,
        "completion_rate": rate(ytd, annual_plan),
        "time_schedule_rate": rate(month, 12),
        "new_start_planned": counts["new_start_planned"],
        "new_start_started": counts["new_start_started"],
        "start_rate": rate(counts["new_start_started"], counts["new_start_planned"]),
        "completion_planned": counts["completion_planned"],
        "completion_done": counts["completion_done"],
        "completion_done_rate": rate(counts["completion_done"], counts["completion_planned"]),
        "ytd_completed_last_year": last_ytd,
        "yoy_growth": None if not last_ytd else round2((ytd / last_ytd - 1) * HUNDRED),
    }


def period_of(code: str) -> tuple[int, int]:
    """ "2026-10" → (2026, 10), the period need not have been opened for reporting."""
    from keyprojects.reports.models import parse_period_code

    return parse_period_code(code)
