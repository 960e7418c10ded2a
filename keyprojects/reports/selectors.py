"""Reads for monthly reports: derived figures and timeliness, aggregated in the database."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, OuterRef, Q, Subquery
from django.utils import timezone

from keyprojects.core.aggregates import MoneySum, money
from keyprojects.core.numbers import rate
from keyprojects.projects.models import AnnualEntry
from keyprojects.reports.choices import HANDED_IN, ReportStatus
from keyprojects.reports.models import Period, Report

ZERO = Decimal("0.00")


def up_to(period: Period) -> Q:
    """Reports of months up to and including `period`."""
    return Q(period__year__lt=period.year) | Q(period__year=period.year, period__month__lte=period.month)


def counted(provisional: bool) -> Q:
    """Official figures count confirmed reports; provisional ones also count what is handed in."""
    return Q(status__in=HANDED_IN) if provisional else Q(status=ReportStatus.CONFIRMED)


@dataclass(frozen=True)
class ProjectTotals:
    ytd: Decimal  # 本年累计
    since_start: Decimal  # 开工累计


def project_totals(project, period: Period, *, provisional: bool = False, exclude=None) -> ProjectTotals:
    """Year-to-date and since-start for one project, in one query. `exclude` leaves out one report
    (the one being edited, whose new figure the caller adds itself)."""
    reports = Report.objects.filter(project=project).filter(up_to(period)).filter(counted(provisional))
    if exclude is not None and exclude.pk:
        reports = reports.exclude(pk=exclude.pk)
    sums = reports.aggregate(
        ytd=MoneySum("amount", filter=Q(period__year=period.year)),
        since_start=MoneySum("amount"),
    )
    return ProjectTotals(
        ytd=money(sums["ytd"]) or ZERO, since_start=(money(sums["since_start"]) or ZERO) + project.opening_completed
    )


def previous_report(project, period: Period) -> Report | None:
    earlier = Q(period__year__lt=period.year) | Q(period__year=period.year, period__month__lt=period.month)
    return Report.objects.filter(project=project).filter(earlier).order_by("-period__year", "-period__month").first()


def average_month(project, period: Period) -> Decimal | None:
    """The project's average confirmed month before `period` (for the 3× jump flag); None without history."""
    earlier = Q(period__year__lt=period.year) | Q(period__year=period.year, period__month__lt=period.month)
    value = (
        Report.objects.filter(project=project, status=ReportStatus.CONFIRMED)
        .filter(earlier)
        .aggregate(average=Avg("amount"))["average"]
    )
    return None if value is None else Decimal(value)


def last_amounts(project, period: Period, count: int) -> list[Decimal]:
    earlier = Q(period__year__lt=period.year) | Q(period__year=period.year, period__month__lt=period.month)
    rows = Report.objects.filter(project=project).filter(earlier).order_by("-period__year", "-period__month")
    return list(rows.values_list("amount", flat=True)[:count])


def deadline_end(period: Period) -> datetime.datetime:
    """The owners' deadline is the whole of that day, Beijing time."""
    day = period.owner_deadline + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day))


def expected_entries(user, period: Period):
    """The projects that owe a report for the period: the year's list as it stood at the period's end."""
    return AnnualEntry.objects.visible_to(user).filter(year=period.year).as_of(period.end_date)


def timeliness_rows(user, period: Period):
    """Each expected project with its report's status and first submission time (one query)."""
    report = Report.objects.filter(project=OuterRef("project"), period=period)
    return (
        expected_entries(user, period)
        .select_related("project", "project__region", "project__owner")
        .annotate(
            report_id=Subquery(report.values("pk")[:1]),
            report_status=Subquery(report.values("status")[:1]),
            report_amount=Subquery(report.values("amount")[:1]),
            report_flags=Subquery(report.values("flags")[:1]),
            submitted_at=Subquery(report.values("submitted_at")[:1]),
        )
        .order_by("project__region__sort_order", "project__code")
    )


def timeliness_by_region(user, period: Period) -> list[dict]:
    """Per region: expected, reported (报送), on time, late, missing, 报送率 and 及时率 (one query)."""
    report = Report.objects.filter(project=OuterRef("project"), period=period)
    end = deadline_end(period)
    rows = (
        expected_entries(user, period)
        .annotate(submitted_at=Subquery(report.values("submitted_at")[:1]))
        .values("project__region__code", "project__region__name", "project__region__sort_order")
        .annotate(
            expected=Count("id"),
            reported=Count("id", filter=Q(submitted_at__isnull=False)),
            on_time=Count("id", filter=Q(submitted_at__lt=end)),
        )
        .order_by("project__region__sort_order", "project__region__code")
    )
    return [
        _rates(
            {
                "region_code": row["project__region__code"],
                "region_name": row["project__region__name"],
                "expected": row["expected"],
                "reported": row["reported"],
                "on_time": row["on_time"],
            }
        )
        for row in rows
    ]


def _rates(row: dict) -> dict:
    row["late"] = row["reported"] - row["on_time"]
    row["missing"] = row["expected"] - row["reported"]
    row["report_rate"] = rate(row["reported"], row["expected"])
    row["timely_rate"] = rate(row["on_time"], row["expected"])
    return row


def timeliness_total(regions: list[dict]) -> dict:
    total = {key: sum(row[key] for row in regions) for key in ("expected", "reported", "on_time")}
    return _rates({"region_code": "", "region_name": "合计", **total})


def status_counts(user, period: Period) -> dict:
    rows = Report.objects.visible_to(user).filter(period=period).values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}


def current_period() -> Period | None:
    """The period people are working on: the latest open one, else the latest one."""
    return Period.objects.filter(is_open=True).first() or Period.objects.first()
