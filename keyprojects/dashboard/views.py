"""驾驶舱 and "my package": pages that look rather than read, for the wall screen and the phone."""

import datetime
from decimal import Decimal
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from keyprojects.accounts.services import managed_city
from keyprojects.analytics.views.common import chosen_filters, chosen_period, period_picker
from keyprojects.analytics.views.stats import filter_context
from keyprojects.coordination.choices import OPEN_STATES
from keyprojects.coordination.models import Problem
from keyprojects.core.commandline import to_json
from keyprojects.dashboard import selectors
from keyprojects.projects import selectors as project_selectors
from keyprojects.projects.models import Leader, TaskForce

BOUNDARIES = Path(__file__).resolve().parent / "static" / "vendor" / "echarts-china-cities-0.1.4"


@require_GET
@login_required
def cockpit(request) -> HttpResponse:
    year, month = chosen_period(request)
    data = selectors.cockpit(request.user, year, month)
    if request.GET.get("format") == "json":
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False}, encoder=_Encoder)
    context = {
        "data": data,
        "data_json": to_json(data),
        "wall": bool(request.GET.get("wall")),
        **period_picker(year, month),
    }
    return render(request, "dashboard/cockpit.html", context)


class _Encoder(DjangoJSONEncoder):
    """Amounts and rates as JSON numbers, as INTERFACES.md writes them."""

    def default(self, value):
        return float(value) if isinstance(value, Decimal) else super().default(value)


@require_GET
@login_required
def my_package(request) -> HttpResponse:
    """A leader's own package: the projects, task forces and problems assigned to them."""
    leader = Leader.objects.filter(user=request.user).first()
    projects = project_selectors.projects_for(request.user).filter(leaders=leader) if leader else []
    problems = (
        Problem.objects.visible_to(request.user)
        .filter(status__in=OPEN_STATES, responsible_leader=leader)
        .select_related("project")
        if leader
        else []
    )
    context = {
        "leader": leader,
        "projects": projects,
        "problems": problems,
        "task_forces": leader.task_forces.all() if leader else [],
    }
    return render(request, "dashboard/my_package.html", context)


@require_GET
@login_required
def project_map(request) -> HttpResponse:
    year, month = chosen_period(request)
    city = managed_city()
    map_name = city.name.removesuffix("市") if city else ""
    province = city.parent.name.removesuffix("省") if city and city.parent else ""
    boundary = f"vendor/echarts-china-cities-0.1.4/{province}/{city.name}.js" if city else ""
    has_boundary = bool(boundary) and (BOUNDARIES / province / f"{city.name}.js").exists()
    points = selectors.map_points(request.user, year, month, chosen_filters(request))
    context = {
        "points_json": to_json(points),
        "count": len(points),
        "map_name": map_name,
        "boundary": boundary if has_boundary else "",
        "year": year,
        "month": month,
        **period_picker(year, month),
        "center": [float(city.longitude), float(city.latitude)] if city and city.longitude else None,
        **filter_context(request),
    }
    return render(request, "dashboard/map.html", context)


@require_GET
@login_required
def battle_chart(request) -> HttpResponse:
    year, _ = chosen_period(request)
    task_force = int(request.GET["task_force"]) if request.GET.get("task_force", "").isdigit() else None
    leader = int(request.GET["leader"]) if request.GET.get("leader", "").isdigit() else None
    rows = selectors.battle_rows(request.user, year, task_force=task_force, leader=leader)
    for row in rows:
        for node in row["nodes"]:
            node["planned_at"] = _position(node["planned"], year)
            node["actual_at"] = _position(node["actual"], year) if node["actual"] else None
    context = {
        "rows": rows,
        "year": year,
        "task_forces": TaskForce.objects.all(),
        "leaders": Leader.objects.all(),
        "slipped": sum(1 for row in rows for node in row["nodes"] if node["slipped"]),
    }
    return render(request, "dashboard/battle.html", context)


def _position(day, year: int) -> float:
    """Where a date falls on the year's bar, in percent (clamped to the year)."""
    start = datetime.date(year, 1, 1)
    days = (datetime.date(year + 1, 1, 1) - start).days
    return round(min(max((day - start).days, 0), days) * 100 / days, 2)
