"""The cockpit's figures: everything comes from the analytics, coordination and attraction selectors —
nothing is computed again here or in JavaScript."""

from django.db.models import Count
from django.utils import timezone

from keyprojects.accounts.models import Region
from keyprojects.accounts.permissions import Perm, has_perm
from keyprojects.analytics import selectors as analytics_selectors
from keyprojects.analytics.filters import NO_FILTERS, Filters
from keyprojects.analytics.grouped import region_figures
from keyprojects.analytics.indicators import indicators_by_month, listed
from keyprojects.analytics.models import ColorRecord
from keyprojects.analytics.ranking import ranking, rows_for
from keyprojects.analytics.selectors import SHOWN_COLOR
from keyprojects.analytics.services import colors_stored
from keyprojects.attraction.selectors import funnel
from keyprojects.coordination import selectors as coordination_selectors
from keyprojects.core.aggregates import money
from keyprojects.core.numbers import rate
from keyprojects.projects.models import AnnualEntry, Milestone


def curve(months: list, annual_plan) -> list[dict]:
    """Cumulative confirmed investment month by month against the even plan (序时计划)."""
    points, total = [], 0
    for number, amount in enumerate(months, start=1):
        total += amount
        points.append({"month": number, "completed": total, "planned": money(annual_plan * number / 12)})
    return points


def cockpit(user, year: int, month: int) -> dict:
    figures, months = indicators_by_month(user, year, month)
    city, own = region_figures(user, year, month)
    regions = Region.objects.filter(pk__in=own).order_by("code").values_list("pk", "name", "code")
    period = colors_stored(year=year, month=month)
    records = ColorRecord.objects.visible_to(user).filter(period=period)
    colors = dict(records.order_by().values_list(SHOWN_COLOR).annotate(n=Count("id")))
    data = {
        "year": year,
        "month": month,
        "provisional": not analytics_selectors.is_settled(year, month),
        "figures": figures,
        "curve": curve(months, figures["annual_plan"]),
        "regions": [
            {
                "name": name,
                "code": code,
                "plan": own[pk]["annual_plan"],
                "completed": own[pk]["ytd_completed"],
                "rate": own[pk]["completion_rate"],
            }
            for pk, name, code in regions
        ],
        "colors": [{"color": c, "count": colors.get(c, 0)} for c in ("绿", "白", "黄", "红")],
        "colors_changed": analytics_selectors.changed_count(user, period),
        "ranking": rows_for(user, ranking(year, month, by_region=city)),
        "overdue_problems": coordination_selectors.overdue_problems(user).count(),
        "overdue_procedures": len(coordination_selectors.overdue_procedures(user)),
        "new_start": {
            "planned": figures["new_start_planned"],
            "started": figures["new_start_started"],
            "rate": rate(figures["new_start_started"], figures["new_start_planned"]),
        },
    }
    if has_perm(user, Perm.VIEW_PIPELINE):
        data["funnel"] = funnel(user)
    return data


def map_points(user, year: int, month: int, filters: Filters = NO_FILTERS) -> list[dict]:
    """Every listed project with a location (filtered like the statistics), coloured by its colour of the
    month (after overrides)."""
    period = colors_stored(year=year, month=month)
    colors = {
        pid: override or computed
        for pid, override, computed in ColorRecord.objects.filter(period=period).values_list(
            "project_id", "override_color", "computed_color"
        )
    }
    rows = (
        listed(user, year, month, filters)
        .filter(project__longitude__isnull=False)
        .values_list("project_id", "project__name", "project__longitude", "project__latitude", "project__region__name")
    )
    return [
        {"id": pid, "name": name, "value": [float(lon), float(lat)], "region": region, "color": colors.get(pid, "白")}
        for pid, name, lon, lat, region in rows
    ]


def battle_rows(user, year: int, task_force=None, leader=None) -> list[dict]:
    """Milestone nodes planned vs actual for the year's listed projects (挂图作战)."""
    entries = AnnualEntry.objects.visible_to(user).filter(year=year).current()
    if task_force:
        entries = entries.filter(project__task_force_id=task_force)
    if leader:
        entries = entries.filter(project__leaders=leader)
    today = timezone.localdate()  # Beijing date: a node due today is not yet slipped
    rows: dict = {}
    nodes = (
        Milestone.objects.filter(entry__in=entries)
        .select_related("entry__project")
        .order_by("entry__project__code", "sort_order")
    )
    for node in nodes:
        project = node.entry.project
        row = rows.setdefault(project.pk, {"project": project, "nodes": []})
        slipped = (node.actual_date or today) > node.planned_date and not (
            node.actual_date and node.actual_date <= node.planned_date
        )
        row["nodes"].append(
            {
                "name": node.name,
                "planned": node.planned_date,
                "actual": node.actual_date,
                "slipped": slipped and (node.actual_date is not None or node.planned_date < today),
            }
        )
    return list(rows.values())
