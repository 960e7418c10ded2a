"""Periods (opened, closed, locked by the city), timeliness and reminders."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from keyprojects.accounts.decorators import perm_required
from keyprojects.accounts.permissions import Perm, has_perm
from keyprojects.core.downloads import attachment
from keyprojects.reports import exports, selectors, services
from keyprojects.reports.forms import PeriodForm, ReasonForm
from keyprojects.reports.models import Period
from keyprojects.reports.views.common import get_period


@require_GET
@perm_required(Perm.VIEW_REPORTS)
def period_list(request) -> HttpResponse:
    today = timezone.localdate()
    next_month = (
        (today.year, today.month)
        if not Period.objects.filter(year=today.year, month=today.month).exists()
        else (today.year + today.month // 12, today.month % 12 + 1)
    )
    context = {
        "periods": Period.objects.all(),
        "can_manage": has_perm(request.user, Perm.MANAGE_PERIODS),
        "next_code": f"{next_month[0]}-{next_month[1]:02d}",
    }
    return render(request, "reports/period_list.html", context)


@require_POST
@perm_required(Perm.MANAGE_PERIODS)
def period_create(request) -> HttpResponse:
    try:
        year, month = (int(part) for part in request.POST.get("code", "").split("-"))
        period = services.period_get_or_create(year=year, month=month, by=request.user)
    except (ValueError, ValidationError):
        messages.error(request, "月份应写成 YYYY-MM，如 2026-11。")
        return redirect("reports:period_list")
    messages.success(request, f"已建立{period}填报月份。")
    return redirect("reports:period_edit", period=period.code)


@perm_required(Perm.MANAGE_PERIODS)
def period_edit(request, period: str) -> HttpResponse:
    period = get_period(period)
    form = PeriodForm(request.POST or None, instance=Period.objects.get(pk=period.pk))
    reason_form = ReasonForm(prefix="lock")
    if request.method == "POST" and form.is_valid():
        try:
            services.period_update(by=request.user, period=period, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"已保存{period}的填报设置。")
            return redirect("reports:period_list")
    return render(request, "reports/period_form.html", {"form": form, "period": period, "reason_form": reason_form})


@require_POST
@perm_required(Perm.MANAGE_PERIODS)
def period_lock(request, period: str, action: str) -> HttpResponse:
    if action not in ("lock", "unlock"):
        raise Http404
    period = get_period(period)
    reason = request.POST.get("lock-reason", "")
    try:
        if action == "lock":
            services.period_lock(by=request.user, period=period, reason=reason or "本月数据已确认")
        else:
            services.period_unlock(by=request.user, period=period, reason=reason)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, f"{period}已{'锁定' if action == 'lock' else '解锁'}。")
    return redirect("reports:period_edit", period=period.code)


@require_GET
@perm_required(Perm.VIEW_REPORTS)
def timeliness(request, period: str) -> HttpResponse:
    period = get_period(period)
    regions = selectors.timeliness_by_region(request.user, period)
    total = selectors.timeliness_total(regions)
    if request.GET.get("format") == "xlsx":
        return attachment(exports.timeliness_xlsx([*regions, total], period), f"{period}月报报送率.xlsx")
    missing = selectors.timeliness_rows(request.user, period).filter(report_id__isnull=True)
    context = {
        "period": period,
        "regions": regions,
        "total": total,
        "missing": missing,
        "can_remind": has_perm(request.user, Perm.REVIEW_REPORTS),
    }
    return render(request, "reports/timeliness.html", context)


@require_POST
@perm_required(Perm.REVIEW_REPORTS)
def remind(request, period: str) -> HttpResponse:
    period = get_period(period)
    missing = selectors.timeliness_rows(request.user, period).filter(report_id__isnull=True)
    sent = services.remind(by=request.user, period=period, projects=[entry.project for entry in missing])
    messages.success(request, f"已向未报送项目的项目单位和县级管理员发送提醒 {sent} 条（已提醒过的不再重复发送）。")
    return redirect("reports:timeliness", period=period.code)
