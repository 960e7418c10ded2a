"""Workflow steps on one report, and in bulk for a period: thin views over reports.services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from keyprojects.accounts.decorators import perm_required
from keyprojects.accounts.permissions import Perm, has_perm
from keyprojects.reports import services
from keyprojects.reports.models import Report
from keyprojects.reports.views.common import get_period, get_report

# action → (permission, service, needs a reason, what the user is told)
ACTIONS = {
    "submit": (Perm.SUBMIT_REPORTS, services.report_submit, False, "已提交"),
    "approve": (Perm.REVIEW_REPORTS, services.report_approve, False, "已审核通过"),
    "return": (Perm.REVIEW_REPORTS, services.report_return, True, "已退回"),
    "confirm": (Perm.CONFIRM_REPORTS, services.report_confirm, False, "已确认"),
    "reopen": (Perm.CONFIRM_REPORTS, services.report_reopen, True, "已撤回确认"),
}
BULK_ACTIONS = {"approve", "confirm"}


@require_POST
@perm_required(Perm.SUBMIT_REPORTS)  # the least any action needs; each action checks its own below
def report_action(request, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    perm, step, needs_reason, done = ACTIONS[action]
    if not has_perm(request.user, perm):
        raise PermissionDenied
    report = get_report(request, pk)
    extra = {"reason": request.POST.get("reason", "")} if needs_reason else {}
    try:
        step(by=request.user, report=report, **extra)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, f"{report.project}{report.period}月报{done}。")
    return redirect("reports:detail", pk=report.pk)


@require_POST
@perm_required(Perm.REVIEW_REPORTS)
def bulk_action(request, period: str) -> HttpResponse:
    period = get_period(period)
    action = request.POST.get("action", "")
    if action not in BULK_ACTIONS:
        messages.error(request, "请选择批量审核通过或批量确认。")
        return redirect("reports:period", period=period.code)
    perm, step, _, done = ACTIONS[action]
    if not has_perm(request.user, perm):
        raise PermissionDenied
    ids = [int(value) for value in request.POST.getlist("report") if value.isdigit()]
    reports = Report.objects.visible_to(request.user).filter(period=period, pk__in=ids).select_related("project")
    count, refusals = services.bulk(by=request.user, reports=reports, step=step)
    messages.success(request, f"批量操作：{count} 份月报{done}。")
    for refusal in refusals[:20]:
        messages.warning(request, refusal)
    return redirect("reports:period", period=period.code)
