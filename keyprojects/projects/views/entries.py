"""The annual list: putting a project on it (调入), taking it off (调出), its plan, split and nodes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render

from keyprojects.accounts.decorators import perm_required
from keyprojects.accounts.permissions import Perm
from keyprojects.accounts.scope import visible_or_404
from keyprojects.core.forms import add_service_errors
from keyprojects.projects import services
from keyprojects.projects.choices import DEFAULT_MILESTONES
from keyprojects.projects.forms import EntryAddForm, EntryForm, EntryRemoveForm, MilestoneFormSet, MonthlyPlanForm
from keyprojects.projects.models import AnnualEntry, Project


def _entry(request, pk: int) -> AnnualEntry:
    entries = AnnualEntry.objects.visible_to(request.user).select_related("project")
    return visible_or_404(entries, request.user, f"年度名单项目 {pk}", pk=pk)


@perm_required(Perm.MANAGE_ANNUAL_LIST)
def entry_add(request, pk: int) -> HttpResponse:
    project = visible_or_404(Project.objects.visible_to(request.user), request.user, f"项目 {pk}", pk=pk)
    form = EntryAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.entry_add(
                by=request.user,
                project=project,
                year=data["year"],
                category=data["category"],
                level=data["level"],
                annual_plan=data["annual_plan"],
                annual_goal=data["annual_goal"],
                added_on=data["added_on"],
                reason=data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已将“{project}”列入{data['year']}年重点项目名单。")
            return redirect("projects:detail", pk=project.pk)
    return render(
        request,
        "projects/entry_form.html",
        {"form": form, "project": project, "title": "列入年度名单", "plan_form": None},
    )


@perm_required(Perm.MANAGE_ANNUAL_LIST)
def entry_edit(request, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    form = EntryForm(request.POST or None, instance=AnnualEntry.objects.get(pk=pk), prefix="entry")
    initial = {f"m{plan.month}": plan.amount for plan in entry.monthly_plans.all()}
    plan_form = MonthlyPlanForm(request.POST or None, initial=initial, prefix="plan")
    if request.method == "POST" and form.is_valid() and plan_form.is_valid():
        try:
            with transaction.atomic():
                # A locked month keeps its figures: the change may continue the entry on a new row.
                entry = services.entry_update(by=request.user, entry=entry, **form.cleaned_data)
                services.monthly_plan_set(by=request.user, entry=entry, amounts=plan_form.amounts())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已保存“{entry.project}”{entry.year}年计划。")
            return redirect("projects:detail", pk=entry.project_id)
    context = {
        "form": form,
        "plan_form": plan_form,
        "project": entry.project,
        "entry": entry,
        "title": f"{entry.year}年计划",
    }
    return render(request, "projects/entry_form.html", context)


@perm_required(Perm.MANAGE_ANNUAL_LIST)
def entry_remove(request, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    form = EntryRemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_remove(by=request.user, entry=entry, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已将“{entry.project}”调出{entry.year}年名单。")
            return redirect("projects:detail", pk=entry.project_id)
    return render(
        request,
        "projects/entry_form.html",
        {"form": form, "project": entry.project, "entry": entry, "title": f"调出{entry.year}年名单", "plan_form": None},
    )


@perm_required(Perm.EDIT_PROJECTS)
def milestones_edit(request, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    initial = [
        {"name": m.name, "planned_date": m.planned_date, "actual_date": m.actual_date} for m in entry.milestones.all()
    ] or [{"name": name} for name in DEFAULT_MILESTONES]
    formset = MilestoneFormSet(request.POST or None, initial=initial)
    if request.method == "POST" and formset.is_valid():
        # A row counts once it has a name and a planned date; blank suggested rows are dropped.
        milestones = [
            {key: form.cleaned_data[key] for key in ("name", "planned_date", "actual_date")}
            for form in formset
            if form.cleaned_data.get("name")
            and form.cleaned_data.get("planned_date")
            and not form.cleaned_data.get("DELETE")
        ]
        services.milestones_set(by=request.user, entry=entry, milestones=milestones)
        messages.success(request, f"已保存“{entry.project}”{entry.year}年节点。")
        return redirect("projects:detail", pk=entry.project_id)
    return render(
        request, "projects/milestones_form.html", {"formset": formset, "entry": entry, "project": entry.project}
    )
