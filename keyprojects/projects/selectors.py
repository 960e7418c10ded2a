"""Reads for the project library, always through the caller's scope."""

import datetime

from django.db.models import Count, Max
from django.utils import timezone

from keyprojects.core.aggregates import MoneySum, money
from keyprojects.projects.models import AnnualEntry, Project


def list_years() -> list[int]:
    return list(AnnualEntry.objects.order_by("-year").values_list("year", flat=True).distinct())


def default_year() -> int:
    return AnnualEntry.objects.aggregate(year=Max("year"))["year"] or timezone.localdate().year


LIST_RELATED = [
    "project",
    "project__region",
    "project__owner",
    "project__domain",
    "project__industry",
    "project__task_force",
]


def annual_list(user, year: int, as_of: datetime.date | None = None):
    """The year's list in the caller's scope: as it stands now, or as it stood on `as_of`."""
    entries = AnnualEntry.objects.visible_to(user).filter(year=year)
    entries = entries.as_of(as_of) if as_of else entries.current()
    return entries.select_related(*LIST_RELATED)


def page_rows(entries, start: int, stop: int) -> list:
    """One page of a filtered list, fetched as a "deferred join": the sort runs over narrow rows to pick
    the page's ids, then only those rows are read with everything the table shows."""
    ids = list(entries.select_related(None).values_list("pk", flat=True)[start:stop])
    rows = AnnualEntry.objects.filter(pk__in=ids).select_related(*LIST_RELATED).in_bulk()
    return [rows[pk] for pk in ids]


def projects_for(user):
    return Project.objects.visible_to(user).select_related(
        "region", "owner", "domain", "industry", "task_force", "package"
    )


def list_totals(entries) -> dict:
    """Count and sums of a (filtered) annual list, in one query."""
    totals = entries.order_by().aggregate(
        count=Count("id"), total_investment=MoneySum("project__total_investment"), annual_plan=MoneySum("annual_plan")
    )
    return {
        **totals,
        "total_investment": money(totals["total_investment"]),
        "annual_plan": money(totals["annual_plan"]),
    }
