"""分包领导 and 专班: who is in charge of which projects ("my package")."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from keyprojects.accounts.decorators import perm_required
from keyprojects.accounts.permissions import Perm, has_perm
from keyprojects.core.aggregates import MoneySum
from keyprojects.core.downloads import attachment
from keyprojects.core.forms import form_page
from keyprojects.projects import exports, selectors, services
from keyprojects.projects.forms import LeaderForm, TaskForceForm
from keyprojects.projects.models import Leader, Project, TaskForce


@require_GET
@login_required
def leader_list(request) -> HttpResponse:
    visible = Project.objects.visible_to(request.user).values("pk")
    leaders = Leader.objects.annotate(
        project_count=Count("projects", filter=Q(projects__in=visible), distinct=True),
        investment=MoneySum("projects__total_investment", filter=Q(projects__in=visible)),
    )
    if request.GET.get("format") == "xlsx":
        return attachment(exports.leaders_xlsx(leaders), "分包领导.xlsx")
    return render(
        request,
        "projects/leader_list.html",
        {"leaders": leaders, "can_manage": has_perm(request.user, Perm.MANAGE_LEADERS)},
    )


@require_GET
@login_required
def leader_detail(request, pk: int) -> HttpResponse:
    leader = get_object_or_404(Leader, pk=pk)
    projects = selectors.projects_for(request.user).filter(leaders=leader)
    context = {
        "leader": leader,
        "projects": projects,
        "task_forces": leader.task_forces.all(),
        "can_manage": has_perm(request.user, Perm.MANAGE_LEADERS),
    }
    return render(request, "projects/leader_detail.html", context)


@perm_required(Perm.MANAGE_LEADERS)
def leader_form(request, pk: int | None = None) -> HttpResponse:
    instance = get_object_or_404(Leader, pk=pk) if pk else None
    form = LeaderForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        leader = services.leader_save(by=request.user, leader=form.instance)
        messages.success(request, f"已保存分包领导“{leader}”。")
        return redirect("projects:leader_detail", pk=leader.pk)
    return form_page(request, form, "编辑分包领导" if pk else "新增分包领导", "projects:leader_list")


@require_GET
@login_required
def task_force_list(request) -> HttpResponse:
    visible = Project.objects.visible_to(request.user).values("pk")
    task_forces = TaskForce.objects.select_related("lead_leader").annotate(
        project_count=Count("projects", filter=Q(projects__in=visible)),
        investment=MoneySum("projects__total_investment", filter=Q(projects__in=visible)),
    )
    if request.GET.get("format") == "xlsx":
        return attachment(exports.task_forces_xlsx(task_forces), "重点项目专班.xlsx")
    return render(
        request,
        "projects/task_force_list.html",
        {"task_forces": task_forces, "can_manage": has_perm(request.user, Perm.MANAGE_LEADERS)},
    )


@require_GET
@login_required
def task_force_detail(request, pk: int) -> HttpResponse:
    task_force = get_object_or_404(TaskForce.objects.select_related("lead_leader"), pk=pk)
    projects = selectors.projects_for(request.user).filter(task_force=task_force)
    return render(
        request,
        "projects/task_force_detail.html",
        {"task_force": task_force, "projects": projects, "can_manage": has_perm(request.user, Perm.MANAGE_LEADERS)},
    )


@perm_required(Perm.MANAGE_LEADERS)
def task_force_form(request, pk: int | None = None) -> HttpResponse:
    instance = get_object_or_404(TaskForce, pk=pk) if pk else None
    form = TaskForceForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        task_force = services.task_force_save(by=request.user, task_force=form.instance)
        messages.success(request, f"已保存专班“{task_force}”。")
        return redirect("projects:task_force_detail", pk=task_force.pk)
    return form_page(request, form, "编辑专班" if pk else "新建专班", "projects:task_force_list")
