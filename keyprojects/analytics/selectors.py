"""Reads of the analytics module: colour lists and their changes, in the caller's scope."""

from django.db.models import OuterRef, Q, Subquery

from keyprojects.analytics.models import ColorRecord
from keyprojects.reports.models import Period


def previous_period(period: Period) -> Period | None:
    year, month = (period.year, period.month - 1) if period.month > 1 else (period.year - 1, 12)
    return Period.objects.filter(year=year, month=month).first()


def color_records(user, period: Period):
    """The period's colours with last month's beside them (for "changed this month"), in one query."""
    records = (
        ColorRecord.objects.visible_to(user)
        .filter(period=period)
        .select_related("project", "project__region", "project__owner")
    )
    previous = previous_period(period)
    if previous is not None:
        earlier = ColorRecord.objects.filter(period=previous, project=OuterRef("project"))
        records = records.annotate(
            previous_computed=Subquery(earlier.values("computed_color")[:1]),
            previous_override=Subquery(earlier.values("override_color")[:1]),
        )
    return records.order_by("project__region__sort_order", "project__code")


def previous_color(record) -> str | None:
    computed = getattr(record, "previous_computed", None)
    return (getattr(record, "previous_override", "") or computed) if computed else None


FLAGGED = ("黄", "红")


def flagged(user, period: Period):
    """The period's yellow and red projects (after overrides), as plain rows for documents."""
    records = (
        ColorRecord.objects.visible_to(user)
        .filter(period=period)
        .filter(Q(override_color__in=FLAGGED) | Q(override_color="", computed_color__in=FLAGGED))
    )
    return records.order_by("project__region__sort_order", "project__code").values_list(
        "override_color", "computed_color", "project__name", "project__region__name", "gap", "reason"
    )


def changed_count(user, period: Period) -> int:
    """How many projects have a different colour (after overrides) from the month before: two plain
    queries compared by project, cheaper than a correlated subquery per record."""
    previous = previous_period(period)
    if previous is None:
        return 0

    def shown(of: Period) -> dict:
        rows = (
            ColorRecord.objects.visible_to(user)
            .filter(period=of)
            .values_list("project_id", "override_color", "computed_color")
        )
        return {project: override or computed for project, override, computed in rows}

    before = shown(previous)
    return sum(1 for project, color in shown(period).items() if project in before and before[project] != color)
