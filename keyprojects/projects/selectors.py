"""Reads for the project library, always through the caller's scope."""

import datetime

from django.db.models import Max

from keyprojects.projects.models import AnnualEntry, Project


def list_years() -> list[int]:
    return sorted(AnnualEntry.objects.values_list("year", flat=True).distinct(), reverse=True)


def default_year() -> int:
    return AnnualEntry.objects.aggregate(year=Max("year"))["year"] or datetime.date.today().year


def annual_list(user, year: int, as_of: datetime.date | None = None):
    """The year's list in the caller's scope: as it stands now, or as it stood on `as_of`."""
    entries = AnnualEntry.objects.visible_to(user).filter(year=year)
    entries = entries.as_of(as_of) if as_of else entries.current()
    return entries.select_related("project", "project__region", "project__owner", "project__domain",
                                  "project__industry", "project__task_force")


def projects_for(user):
    return Project.objects.visible_to(user).select_related(
        "region", "owner", "domain", "industry", "task_force", "package"
    )
