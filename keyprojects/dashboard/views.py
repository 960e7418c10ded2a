"""驾驶舱 and "my package": pages that look rather than read, for the wall screen and the phone."""

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from keyprojects.analytics.views.common import chosen_period
from keyprojects.coordination.choices import OPEN_STATES
from keyprojects.coordination.models import Problem
from keyprojects.core.commandline import to_json
from keyprojects.dashboard import selectors
from keyprojects.projects import selectors as project_selectors
from keyprojects.projects.models import Leader


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
        "period_code": f"{year}-{month:02d}",
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
