"""The period page (who owes what), the owner's report form, and a report's own page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from keyprojects.accounts.decorators import perm_required
from keyprojects.accounts.permissions import Perm, has_perm
from keyprojects.accounts.scope import visible_or_404
from keyprojects.core.downloads import attachment, stored_file
from keyprojects.core.forms import add_service_errors
from keyprojects.core.models import ChangeLogEntry
from keyprojects.projects.models import Project
from keyprojects.reports import evidence, exports, selectors, services
from keyprojects.reports.choices import EDITABLE, ReportStatus
from keyprojects.reports.forms import AttachmentForm, ProblemForm, ReportForm
from keyprojects.reports.models import Attachment, Period, Report
from keyprojects.reports.views.common import get_period, get_report

STATUS_FILTERS = {"missing": "未报送", **dict(ReportStatus.choices)}


@require_GET
@perm_required(Perm.VIEW_REPORTS)
def index(request) -> HttpResponse:
    period = selectors.current_period()
    if period is None:
        return render(request, "reports/no_period.html", {"can_manage": has_perm(request.user, Perm.MANAGE_PERIODS)})
    return redirect("reports:period", period=period.code)


@require_GET
@perm_required(Perm.VIEW_REPORTS)
def period_page(request, period: str) -> HttpResponse:
    period = get_period(period)
    rows = selectors.timeliness_rows(request.user, period)
    status = request.GET.get("status", "")
    if status == "missing":
        rows = rows.filter(report_id__isnull=True)
    elif status:
        rows = rows.filter(report_status=status)
    if request.GET.get("region"):
        rows = rows.filter(project__region__code=request.GET["region"])
    if request.GET.get("format") == "xlsx":
        return attachment(exports.period_xlsx(rows, period), f"{period}月报报送情况.xlsx")
    context = {
        "period": period,
        "rows": rows,
        "status": status,
        "statuses": STATUS_FILTERS,
        "counts": selectors.status_counts(request.user, period),
        "deadline_end": selectors.deadline_end(period),
        "periods": Period.objects.all()[:24],
        "can_submit": has_perm(request.user, Perm.SUBMIT_REPORTS),
        "can_review": has_perm(request.user, Perm.REVIEW_REPORTS),
        "can_confirm": has_perm(request.user, Perm.CONFIRM_REPORTS),
    }
    return render(request, "reports/period.html", context)


@perm_required(Perm.SUBMIT_REPORTS)
def report_edit(request, period: str, project: int) -> HttpResponse:
    """The owner's form, made for a phone: starts from last month, so only what changed is typed."""
    period = get_period(period)
    project = visible_or_404(Project.objects.visible_to(request.user), request.user, f"项目 {project}", pk=project)
    report = Report.objects.filter(project=project, period=period).first() or services.report_start(project, period)
    if report.pk and report.status not in EDITABLE:
        return redirect("reports:detail", pk=report.pk)
    form = ReportForm(request.POST or None, instance=report)
    problem_form = ProblemForm(request.POST or None, prefix="problem")
    if request.method == "POST" and form.is_valid() and problem_form.is_valid():
        problems = (
            [
                {
                    "category": problem_form.cleaned_data["category"],
                    "description": problem_form.cleaned_data["description"].strip(),
                }
            ]
            if problem_form.cleaned_data.get("category")
            else []
        )
        try:
            with transaction.atomic():
                report = services.report_save(by=request.user, report=form.instance, problems=problems)
                if "submit" in request.POST:
                    services.report_submit(by=request.user, report=report)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            done = "已提交，等待县级审核" if "submit" in request.POST else "草稿已保存"
            messages.success(request, f"{project}{period}月报{done}。")
            return redirect("reports:detail", pk=report.pk)
    totals = selectors.project_totals(project, period, provisional=True, exclude=report)
    previous = selectors.previous_report(project, period)
    context = {
        "form": form,
        "problem_form": problem_form,
        "project": project,
        "period": period,
        "report": report,
        "totals": totals,
        "previous": previous,
    }
    return render(request, "reports/report_form.html", context)


@require_GET
@perm_required(Perm.VIEW_REPORTS)
def report_detail(request, pk: int) -> HttpResponse:
    report = get_report(request, pk)
    user = request.user
    status = report.status
    context = {
        "report": report,
        "totals": selectors.project_totals(report.project, report.period, provisional=True),
        "official": selectors.project_totals(report.project, report.period),
        "history": ChangeLogEntry.objects.for_object(report),
        "attachment_form": AttachmentForm(),
        "can_edit": has_perm(user, Perm.SUBMIT_REPORTS) and status in EDITABLE and not report.period.is_locked,
        "can_attach": has_perm(user, Perm.SUBMIT_REPORTS) and not services.attachment_refusal(report),
        "can_review": has_perm(user, Perm.REVIEW_REPORTS) and status == ReportStatus.SUBMITTED,
        "can_return": has_perm(user, Perm.REVIEW_REPORTS)
        and (
            status == ReportStatus.SUBMITTED
            or (status == ReportStatus.COUNTY_APPROVED and has_perm(user, Perm.CONFIRM_REPORTS))
        ),
        "can_confirm": has_perm(user, Perm.CONFIRM_REPORTS) and status == ReportStatus.COUNTY_APPROVED,
        "can_reopen": has_perm(user, Perm.CONFIRM_REPORTS)
        and status == ReportStatus.CONFIRMED
        and not report.period.is_locked,
    }
    return render(request, "reports/report_detail.html", context)


@require_POST
@perm_required(Perm.SUBMIT_REPORTS)
def attachment_add(request, pk: int) -> HttpResponse:
    report = get_report(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect("reports:detail", pk=report.pk)
    upload = form.cleaned_data["file"]
    try:
        added = services.attachment_add(
            by=request.user, report=report, kind=form.cleaned_data["kind"], name=upload.name, data=upload.read()
        )
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, f"已上传《{added.name}》。")
    return redirect("reports:detail", pk=report.pk)


@require_POST
@perm_required(Perm.SUBMIT_REPORTS)
def attachment_remove(request, pk: int) -> HttpResponse:
    report = get_report(request, pk)
    chosen = request.POST.get("attachment", "")
    removed = report.attachments.filter(pk=chosen).first() if chosen.isdigit() else None
    if removed is None:  # already removed (a second tap), or no such file on this report
        messages.error(request, "找不到该佐证材料，可能已被删除。")
        return redirect("reports:detail", pk=report.pk)
    try:
        services.attachment_remove(by=request.user, attachment=removed)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, f"已删除《{removed.name}》。")
    return redirect("reports:detail", pk=report.pk)


def _visible_attachment(request, pk: int) -> Attachment:
    attachments = Attachment.objects.filter(report__in=Report.objects.visible_to(request.user))
    return visible_or_404(attachments, request.user, f"佐证材料 {pk}", pk=pk)


@require_GET
@perm_required(Perm.VIEW_REPORTS)
def attachment_download(request, pk: int) -> HttpResponse:
    """Always a download, typed by what decoding found when it was kept (an old file: plain bytes)."""
    kept = _visible_attachment(request, pk)
    return stored_file(kept.file.open("rb"), kept.name, evidence.content_type(kept.file_type))


@require_GET
@perm_required(Perm.VIEW_REPORTS)
def attachment_preview(request, pk: int) -> HttpResponse:
    """A photo shown on the report page: inline only because the platform re-encoded it; never a PDF."""
    kept = _visible_attachment(request, pk)
    if not kept.is_image:
        raise Http404
    return stored_file(kept.file.open("rb"), kept.name, evidence.content_type(kept.file_type), inline=True)
