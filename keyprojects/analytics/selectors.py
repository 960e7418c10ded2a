"""Reads of the analytics module: colour lists and their changes, in the caller's scope."""

from django.db.models import Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, NullIf

from keyprojects.analytics.models import ColorRecord
from keyprojects.reports.models import Period

SHOWN_COLOR = Coalesce(NullIf("override_color", Value("")), "computed_color")  # the colour after overrides


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
    """How many projects have a different colour (after overrides) from the month before, counted in the
    database as a semi-join on the previous month's records."""
    previous = previous_period(period)
    if previous is None:
        return 0
    earlier = (
        ColorRecord.objects.filter(period=previous, project=OuterRef("project_id"))
        .annotate(shown=SHOWN_COLOR)
        .exclude(shown=OuterRef("shown"))
    )
    records = ColorRecord.objects.visible_to(user).filter(period=period).annotate(shown=SHOWN_COLOR)
    return records.filter(Exists(earlier)).count()
