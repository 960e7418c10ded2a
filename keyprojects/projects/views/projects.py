import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from keyprojects.accounts.decorators import perm_required
from keyprojects.accounts.models import Region
from keyprojects.accounts.permissions import Perm, has_perm
from keyprojects.accounts.scope import visible_or_404
from keyprojects.accounts.services import enterprise_get_or_create
from keyprojects.analytics.models import ColorRecord
from keyprojects.core.downloads import attachment
from keyprojects.core.forms import add_service_errors
from keyprojects.core.models import ChangeLogEntry
from keyprojects.projects import exports, selectors, services
from keyprojects.projects.filters import AnnualEntryFilter
from keyprojects.projects.forms import ProjectForm
from keyprojects.projects.models import Domain, Industry, IndustryChain, Leader, Project, TaskForce

PAGE_SIZE = 50
COLOR_HISTORY_MONTHS = 24
PROJECT_FIELDS = ProjectForm.Meta.fields


def _year_and_date(request) -> tuple[int, datetime.date | None]:
    try:
        year = int(request.GET.get("year") or selectors.default_year())
    except ValueError:
        year = selectors.default_year()
    try:
        as_of = datetime.date.fromisoformat(request.GET["as_of"]) if request.GET.get("as_of") else None
    except ValueError:
        as_of = None
    return year, as_of


def _filtered_list(request):
    year, as_of = _year_and_date(request)
    entries = selectors.annual_list(request.user, year, as_of)
    return year, as_of, AnnualEntryFilter(request.GET, queryset=entries)


@require_GET
@login_required
def project_list(request) -> HttpResponse:
    year, as_of, filterset = _filtered_list(request)
    totals = selectors.list_totals(filterset.qs)
    paginator = Paginator(filterset.qs, PAGE_SIZE)
    paginator.count = totals["count"]  # already counted with the sums; spares a second COUNT query
    page = paginator.get_page(request.GET.get("page"))
    start = (page.number - 1) * PAGE_SIZE
    page.object_list = selectors.page_rows(filterset.qs, start, start + PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "page": page,
        "totals": totals,
        "year": year,
        "as_of": as_of,
        "years": selectors.list_years(),
        "regions": Region.objects.visible_to(request.user).exclude(kind="province"),
        "domains": Domain.objects.all(),
        "chains": IndustryChain.objects.all(),
        "industries": Industry.objects.select_related("domain"),
        "leaders": Leader.objects.all(),
        "task_forces": TaskForce.objects.all(),
        "query": query.urlencode(),
        "can_edit": has_perm(request.user, Perm.EDIT_PROJECTS),
        "can_manage_list": has_perm(request.user, Perm.MANAGE_ANNUAL_LIST),
    }
    return render(request, "projects/project_list.html", context)


@require_GET
@login_required
def project_export(request) -> HttpResponse:
    year, as_of, filterset = _filtered_list(request)
    content = exports.annual_list_xlsx(filterset.qs, year=year, as_of=as_of)
    return attachment(content, f"{year}年重点项目名单.xlsx")


@require_GET
@login_required
def project_detail(request, pk: int) -> HttpResponse:
    project = visible_or_404(selectors.projects_for(request.user), request.user, f"项目 {pk}", pk=pk)
    context = {
        "project": project,
        "entries": project.annual_entries.prefetch_related("milestones", "monthly_plans").order_by(
            "-year", "-added_on"
        ),
        "modules": project.modules.all(),
        "history": ChangeLogEntry.objects.for_object(project)[:20],
        "colors": ColorRecord.objects.filter(project=project)
        .select_related("period")
        .order_by("-period__year", "-period__month")[:COLOR_HISTORY_MONTHS],
        "can_edit": has_perm(request.user, Perm.EDIT_PROJECTS),
        "can_manage_list": has_perm(request.user, Perm.MANAGE_ANNUAL_LIST),
        "today": timezone.localdate(),
    }
    return render(request, "projects/project_detail.html", context)


def _project_fields(request, form) -> dict:
    fields = {name: form.cleaned_data[name] for name in PROJECT_FIELDS}
    owner_name = form.cleaned_data["owner_name"].strip()
    fields["owner"] = (
        enterprise_get_or_create(by=request.user, name=owner_name, region=fields["region"]) if owner_name else None
    )
    return fields


@perm_required(Perm.EDIT_PROJECTS)
def project_create(request) -> HttpResponse:
    form = ProjectForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                project = services.project_create(by=request.user, **_project_fields(request, form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已新建项目“{project.name}”，项目代码 {project.code}。")
            return redirect("projects:detail", pk=project.pk)
    return render(request, "projects/project_form.html", {"form": form, "title": "新建项目", "object": None})


@perm_required(Perm.EDIT_PROJECTS)
def project_edit(request, pk: int) -> HttpResponse:
    project = visible_or_404(Project.objects.visible_to(request.user), request.user, f"项目 {pk}", pk=pk)
    form = ProjectForm(request.POST or None, instance=Project.objects.get(pk=pk), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.project_update(by=request.user, project=project, **_project_fields(request, form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已保存项目“{project.name}”。")
            return redirect("projects:detail", pk=project.pk)
    return render(
        request, "projects/project_form.html", {"form": form, "title": f"编辑项目：{project}", "object": project}
    )
