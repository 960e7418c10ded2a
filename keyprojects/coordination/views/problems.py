"""问题清单: the list and ledger, a department's to-do, one problem with its steps."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from keyprojects.accounts.decorators import perm_required
from keyprojects.accounts.models import Department
from keyprojects.accounts.permissions import Perm, has_perm
from keyprojects.accounts.scope import log_not_owned, visible_or_404
from keyprojects.coordination import exports, selectors, services
from keyprojects.coordination.choices import OPEN_STATES, ProblemStatus
from keyprojects.coordination.forms import ProblemEditForm, ProblemForm
from keyprojects.coordination.models import Problem
from keyprojects.core.downloads import attachment
from keyprojects.core.errors import Refusal
from keyprojects.core.forms import add_service_errors, form_page
from keyprojects.reports.models import RaisedProblem, Report

ACTIONS = {
    "accept": (Perm.HANDLE_PROBLEMS, services.problem_accept, {}, "已签收"),
    "reply": (Perm.HANDLE_PROBLEMS, services.problem_reply, {"reply": "reply"}, "已办结，等待核实销号"),
    "return": (Perm.HANDLE_PROBLEMS, services.problem_return, {"reason": "reason"}, "已退回"),
    "close": (Perm.ASSIGN_PROBLEMS, services.problem_close, {}, "已销号"),
    "reopen": (Perm.ASSIGN_PROBLEMS, services.problem_reopen, {"reason": "reason"}, "已退回重办"),
    "escalate": (Perm.ASSIGN_PROBLEMS, services.problem_escalate, {"level": "level"}, "已升级"),
}


@require_GET
@perm_required(Perm.VIEW_PROBLEMS)
def problem_list(request) -> HttpResponse:
    problems = Problem.objects.visible_to(request.user).select_related("project", "project__region", "lead_department")
    status = request.GET.get("status", "")
    if status == "open":
        problems = problems.filter(status__in=OPEN_STATES)
    elif status in ProblemStatus.values:
        problems = problems.filter(status=status)
    if request.GET.get("overdue"):
        problems = problems.filter(pk__in=selectors.overdue_problems(request.user).values("pk"))
    if request.GET.get("department", "").isdigit():
        problems = problems.filter(lead_department_id=int(request.GET["department"]))
    if request.GET.get("format") == "xlsx":
        return attachment(exports.problems_xlsx(problems), "问题清单台账.xlsx")
    pending_raised = []
    if has_perm(request.user, Perm.ASSIGN_PROBLEMS):
        reports = Report.objects.visible_to(request.user)
        converted = Problem.objects.filter(source_report__isnull=False).values("source_report_id")
        pending_raised = (
            RaisedProblem.objects.filter(report__in=reports)
            .exclude(report_id__in=converted)
            .select_related("report__project", "report__period")[:50]
        )
    context = {
        "problems": problems[:500],
        "count": problems.count(),
        "status": status,
        "statuses": ProblemStatus.choices,
        "statistics": selectors.department_statistics(request.user),
        "by_category": selectors.category_statistics(request.user),
        "departments": Department.objects.all(),
        "overdue_count": selectors.overdue_problems(request.user).count(),
        "due_soon": selectors.due_soon_problems(request.user).select_related("project"),
        "pending_raised": pending_raised,
        "can_assign": has_perm(request.user, Perm.ASSIGN_PROBLEMS),
        "today": timezone.localdate(),
    }
    return render(request, "coordination/problem_list.html", context)


@perm_required(Perm.ASSIGN_PROBLEMS)
def problem_create(request) -> HttpResponse:
    initial = {"project": request.GET.get("project")} if request.GET.get("project") else {}
    form = ProblemForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        co_departments = data.pop("co_departments")
        problem = services.problem_create(by=request.user, co_departments=co_departments, **data)
        messages.success(request, f"已交办给{problem.lead_department}。")
        return redirect("coordination:problem", pk=problem.pk)
    return form_page(request, form, "交办问题", "coordination:problems")


@perm_required(Perm.ASSIGN_PROBLEMS)
def problem_edit(request, pk: int) -> HttpResponse:
    problem = _problem(request, pk)
    _refuse_unless_assigner(request, problem)
    form = ProblemEditForm(request.POST or None, instance=problem)
    if request.method == "POST" and form.is_valid():
        try:
            services.problem_edit(
                by=request.user, problem=Problem.objects.get(pk=pk), **{k: form.cleaned_data[k] for k in form.fields}
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "已修改。")
            return redirect("coordination:problem", pk=pk)
    return form_page(request, form, f"修改问题：{problem.project}", "coordination:problems")


@require_POST
@perm_required(Perm.ASSIGN_PROBLEMS)
def raised_assign(request, pk: int) -> HttpResponse:
    """Turn a problem an owner raised with a monthly report into a 问题清单 item for a lead department."""
    raised = visible_or_404(
        RaisedProblem.objects.filter(report__in=Report.objects.visible_to(request.user)).select_related("report"),
        request.user,
        f"月报问题 {pk}",
        pk=pk,
    )
    department = Department.objects.filter(pk=request.POST.get("lead_department") or 0).first()
    if department is None:
        messages.error(request, "请选择牵头部门。")
        return redirect("coordination:problems")
    problem = services.problem_create(
        by=request.user,
        project=raised.report.project,
        category=raised.category,
        description=raised.description,
        lead_department=department,
        source_report=raised.report,
    )
    messages.success(request, f"已交办给{department}。")
    return redirect("coordination:problem", pk=problem.pk)


def _problem(request, pk: int) -> Problem:
    problems = Problem.objects.visible_to(request.user).select_related("project", "lead_department", "meeting")
    return visible_or_404(problems, request.user, f"问题 {pk}", pk=pk)


def _refuse_unless_assigner(request, problem: Problem) -> None:
    """403, logged, for a step only the assigning office takes on a problem the caller may see (a county on the
    city's problem)."""
    if not selectors.may_assign_problem(request.user, problem):
        log_not_owned(request.user, f"问题 {problem.pk}")
        raise Refusal("该问题由上级交办，修改由交办单位进行，您只能查看。")


@require_GET
@perm_required(Perm.VIEW_PROBLEMS)
def problem_detail(request, pk: int) -> HttpResponse:
    from keyprojects.core.models import ChangeLogEntry

    problem = _problem(request, pk)
    user = request.user
    leads = user.role != "department" or user.department_id == problem.lead_department_id
    context = {
        "problem": problem,
        "history": ChangeLogEntry.objects.for_object(problem),
        "can_handle": has_perm(user, Perm.HANDLE_PROBLEMS) and leads,
        "can_assign": selectors.may_assign_problem(user, problem),
        "departments": Department.objects.filter(is_active=True),
        "note": services.workdays.deadline_note(problem.accepted_on, problem.limit_days) if problem.accepted_on else "",
    }
    return render(request, "coordination/problem_detail.html", context)


@require_POST
@perm_required(Perm.VIEW_PROBLEMS)
def problem_action(request, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS and action != "reassign":
        raise Http404
    problem = _problem(request, pk)
    try:
        if action == "reassign":
            if not has_perm(request.user, Perm.ASSIGN_PROBLEMS):
                raise PermissionDenied
            department = Department.objects.filter(pk=request.POST.get("lead_department") or 0).first()
            if department is None:
                raise ValidationError("请选择牵头部门。")
            services.problem_reassign(by=request.user, problem=problem, lead_department=department)
            done = f"已重新交办给{department}"
        else:
            perm, step, fields, done = ACTIONS[action]
            if not has_perm(request.user, perm):
                raise PermissionDenied
            step(by=request.user, problem=problem, **{key: request.POST.get(name, "") for key, name in fields.items()})
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, f"问题{done}。")
    return redirect("coordination:problem", pk=problem.pk)
