"""The monthly-report workflow (DOMAIN.md §5): 草稿 → 已提交 → 县审核通过 / 退回 → 已确认.

Every step is a conditional UPDATE on the old state (and on the period being unlocked), so two
reviewers acting at once cannot both win: the second finds nothing to update and is refused.
Every step writes the change log with who, when, before and after.
"""

import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from keyprojects.accounts.permissions import Perm, has_perm
from keyprojects.accounts.scope import account_of
from keyprojects.core.changelog import log_create, log_event, log_update, log_values, snapshot, update_logged
from keyprojects.core.dates import chinese_date
from keyprojects.core.notify import notify
from keyprojects.projects.services import project_update
from keyprojects.reports import evidence, selectors
from keyprojects.reports.choices import EDITABLE, ReportStatus
from keyprojects.reports.models import Attachment, Confirmation, Period, RaisedProblem, Report

JUMP_FACTOR = Decimal(3)  # a month above 3× the project's average month is flagged
REPEAT_MONTHS = 3  # the same non-zero figure three months running is flagged
EVIDENCE_LOG_KEY = "佐证材料"  # evidence is logged on its report, so it shows in the report's 流转记录


# Periods -----------------------------------------------------------------------------------------


def period_get_or_create(*, year: int, month: int, by=None) -> Period:
    period = Period.objects.filter(year=year, month=month).first()
    if period is None:
        period = Period(year=year, month=month, **Period.default_deadlines(year, month))
        period.full_clean()
        period.save()
        log_create(by=by, obj=period)
    return period


@transaction.atomic
def period_update(*, by, period: Period, reason: str = "", **fields) -> Period:
    """Open or close a period, or change its deadlines (the city only)."""
    return update_logged(period, by=by, reason=reason, **fields)


def _require(reason: str, what: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": f"{what}必须说明原因。"})
    return reason


@transaction.atomic
def period_lock(*, by, period: Period, reason: str = "本月数据已确认") -> Period:
    if not Period.objects.filter(pk=period.pk, is_locked=False).update(is_locked=True, is_open=False):
        raise ValidationError(f"{period}已锁定。")
    return _logged_period(by, period, reason)


@transaction.atomic
def period_unlock(*, by, period: Period, reason: str) -> Period:
    reason = _require(reason, "解锁")
    # Unlocked to correct it: the month opens again, or owners could not correct what was sent back.
    if not Period.objects.filter(pk=period.pk, is_locked=True).update(is_locked=False, is_open=True):
        raise ValidationError(f"{period}未锁定。")
    return _logged_period(by, period, reason)


def _logged_period(by, period: Period, reason: str) -> Period:
    before = snapshot(period)
    period.refresh_from_db()
    log_update(by=by, obj=period, before=before, reason=reason)
    return period


# Owners' reports ---------------------------------------------------------------------------------


def report_start(project, period: Period) -> Report:
    """A new report starts from last month's: only what changed needs typing."""
    previous = selectors.previous_report(project, period)
    report = Report(project=project, period=period, amount=Decimal("0.00"))
    if previous is not None:
        report.progress, report.stage = previous.progress, previous.stage
    report.actual_start = project.actual_start
    report.actual_completion = project.actual_completion
    return report


def _check_open(period: Period) -> None:
    if period.is_locked:
        raise ValidationError(f"{period}已锁定，不能再修改；如需更正请联系市重点项目办解锁。")
    if not period.is_open:
        raise ValidationError(f"{period}尚未开放填报或已关闭。")


def _check_figures(report: Report) -> None:
    if report.amount is None or report.amount < 0:
        raise ValidationError({"amount": "当月完成投资不能为负数。"})
    totals = selectors.project_totals(report.project, report.period, provisional=True, exclude=report)
    since_start = totals.since_start + report.amount
    if since_start > report.project.total_investment and not report.over_total_reason.strip():
        raise ValidationError(
            {
                "over_total_reason": (
                    f"开工累计完成投资将达 {since_start:,.2f} 万元，"
                    f"超过总投资 {report.project.total_investment:,.2f} 万元，"
                    "请核实；确需超出的，请填写超总投资说明。"
                )
            }
        )


@transaction.atomic
def report_save(*, by, report: Report, problems: list[dict] = ()) -> Report:
    """Create or change a report while it is a draft or returned, in an open, unlocked period."""
    _check_open(report.period)
    if report.pk and report.status not in EDITABLE:
        raise ValidationError(f"月报{report.get_status_display()}，不能再修改。")
    _check_figures(report)
    report.flags = review_flags(report)  # the owner sees them on the draft before handing it in
    report.full_clean()
    if report.pk is None:
        report.save()
        log_create(by=by, obj=report)
    else:
        before = snapshot(Report.objects.get(pk=report.pk))
        if not Report.objects.filter(pk=report.pk, status__in=EDITABLE, period__is_locked=False).exists():
            raise ValidationError("月报状态已变化，请刷新后重试。")
        report.save()
        log_update(by=by, obj=report, before=before)
    if problems:
        RaisedProblem.objects.bulk_create(RaisedProblem(report=report, **problem) for problem in problems)
    return report


def review_flags(report: Report) -> list[str]:
    """What a reviewer should look at twice (防止虚报): a jump, or the same figure three months running."""
    flags = []
    average = selectors.average_month(report.project, report.period)
    if average and report.amount > JUMP_FACTOR * average:
        flags.append(f"当月完成投资 {report.amount:,.2f} 万元，超过该项目月均（{average:,.2f} 万元）的3倍")
    previous = selectors.last_amounts(report.project, report.period, REPEAT_MONTHS - 1)
    if report.amount and len(previous) == REPEAT_MONTHS - 1 and all(amount == report.amount for amount in previous):
        flags.append(f"连续{REPEAT_MONTHS}个月填报相同金额 {report.amount:,.2f} 万元")
    return flags


# Workflow ----------------------------------------------------------------------------------------


def _transition(*, by, report: Report, sources, target: str, reason: str = "", **fields) -> Report:
    before = snapshot(report)
    # No join in this UPDATE: with one, Django writes "id IN (subquery)" and PostgreSQL would not
    # re-check the status of a row another reviewer changed while this one waited for its lock.
    unlocked = Period.objects.filter(is_locked=False).values("pk")
    updated = Report.objects.filter(pk=report.pk, status__in=sources, period_id__in=unlocked).update(
        status=target, updated_at=timezone.now(), **fields
    )
    if not updated:
        current = Report.objects.select_related("period").get(pk=report.pk)
        if current.period.is_locked:
            raise ValidationError(f"{current.period}已锁定，操作未执行。")
        raise ValidationError(f"月报当前为“{current.get_status_display()}”，不能{ACTION_NAMES[target]}。")
    report.refresh_from_db()
    log_update(by=by, obj=report, before=before, reason=reason)
    return report


ACTION_NAMES = {
    ReportStatus.SUBMITTED: "提交",
    ReportStatus.COUNTY_APPROVED: "审核通过",
    ReportStatus.RETURNED: "退回",
    ReportStatus.CONFIRMED: "确认",
}


@transaction.atomic
def report_submit(*, by, report: Report) -> Report:
    _check_open(report.period)
    _check_figures(report)
    fields = {"flags": review_flags(report), "submitted_by": account_of(by), "return_reason": ""}
    if report.submitted_at is None:
        fields["submitted_at"] = timezone.now()  # timeliness counts the first hand-in
    return _transition(by=by, report=report, sources=EDITABLE, target=ReportStatus.SUBMITTED, **fields)


@transaction.atomic
def report_approve(*, by, report: Report) -> Report:
    return _transition(
        by=by,
        report=report,
        sources=[ReportStatus.SUBMITTED],
        target=ReportStatus.COUNTY_APPROVED,
        reviewed_at=timezone.now(),
    )


@transaction.atomic
def report_return(*, by, report: Report, reason: str) -> Report:
    reason = _require(reason, "退回")
    # After the county has approved, only the city may still send the report back.
    city = has_perm(by, Perm.CONFIRM_REPORTS)
    sources = [ReportStatus.SUBMITTED, ReportStatus.COUNTY_APPROVED] if city else [ReportStatus.SUBMITTED]
    report = _transition(
        by=by, report=report, sources=sources, target=ReportStatus.RETURNED, reason=reason, return_reason=reason[:200]
    )
    _tell_owners(report, f"{report.project}{report.period}月报被退回", f"退回原因：{reason}")
    return report


@transaction.atomic
def report_confirm(*, by, report: Report) -> Report:
    report = _transition(
        by=by,
        report=report,
        sources=[ReportStatus.COUNTY_APPROVED],
        target=ReportStatus.CONFIRMED,
        confirmed_at=timezone.now(),
    )
    Confirmation.objects.create(
        report=report, amount=report.amount, confirmed_at=report.confirmed_at, confirmed_by=account_of(by)
    )
    apply_dates(by, report)
    return report


@transaction.atomic
def report_reopen(*, by, report: Report, reason: str) -> Report:
    """The city takes back a confirmation to correct it (only in an unlocked period)."""
    reason = _require(reason, "撤回确认")
    report = _transition(
        by=by,
        report=report,
        sources=[ReportStatus.CONFIRMED],
        target=ReportStatus.RETURNED,
        reason=reason,
        return_reason=reason[:200],
    )
    _tell_owners(report, f"{report.project}{report.period}月报需更正", f"市重点项目办撤回了确认：{reason}")
    return report


def apply_dates(by, report: Report) -> None:
    """A confirmed start or completion reached becomes the project's actual date."""
    project = report.project
    changes = {
        name: getattr(report, name)
        for name in ("actual_start", "actual_completion")
        if getattr(report, name) and getattr(project, name) != getattr(report, name)
    }
    if changes:
        project_update(by=by, project=project, **changes)


def _tell_owners(report: Report, title: str, body: str) -> None:
    owner = report.project.owner
    if owner is not None:
        notify(owner.users.filter(is_active=True), title=title, body=body, url=f"/reports/r/{report.pk}/")


# Evidence (佐证材料) ------------------------------------------------------------------------------


def attachment_refusal(report: Report, verb: str = "上传") -> str:
    """Why evidence cannot be added to or removed from the report now; "" while it can. Evidence may follow
    the figures (after submission too) until the city confirms them; its 撤回确认 opens the report again."""
    if report.period.is_locked:
        return f"{report.period}已锁定，不能再{verb}材料；如需更正请联系市重点项目办解锁。"
    if report.status == ReportStatus.CONFIRMED:
        return f"月报已确认，不能再{verb}材料；如需补充或更正，请联系市重点项目办撤回确认。"
    return ""


def attachment_add(*, by, report: Report, kind: str, name: str, data: bytes) -> Attachment:
    """Keep an evidence file on the report: what evidence.examine made of it (a photo re-encoded, a PDF that
    parsed). A refusal stores nothing, neither a row nor a file."""
    if refusal := attachment_refusal(report):
        raise ValidationError(refusal)
    found = evidence.examine(name, data)  # decoded before taking the lock: a large photo takes a moment
    with transaction.atomic():
        report = _report_taking_evidence(report.pk, "上传")
        attachment = Attachment(
            report=report,
            kind=kind,
            file_type=found.file_type,
            name=evidence.kept_name(name, found.file_type),
            size=len(found.content),
            taken_at=found.taken_at,
            latitude=found.latitude,
            longitude=found.longitude,
            uploaded_by=account_of(by),
        )
        attachment.full_clean(exclude=["file"])
        # Stored under a name of ours: nothing the uploader chose reaches the media directory.
        stored = f"{uuid.uuid4().hex}{evidence.EXTENSIONS[found.file_type][0]}"
        attachment.file.save(stored, ContentFile(found.content), save=False)
        try:
            attachment.save()
            log_values(
                by=by, obj=report, before={}, after={EVIDENCE_LOG_KEY: _described(attachment)}, reason="上传佐证材料"
            )
        except BaseException:
            attachment.file.delete(save=False)
            raise
    return attachment


@transaction.atomic
def attachment_remove(*, by, attachment: Attachment) -> None:
    report = _report_taking_evidence(attachment.report_id, "删除")
    described, stored = _described(attachment), attachment.file.name
    attachment.delete()
    log_values(by=by, obj=report, before={EVIDENCE_LOG_KEY: described}, after={}, reason="删除佐证材料")
    # The file goes once the row is gone for good: a removal that rolls back keeps both.
    transaction.on_commit(lambda: attachment.file.storage.delete(stored))


def _report_taking_evidence(pk: int, verb: str) -> Report:
    """The report, locked so that a confirmation cannot land between this check and the write."""
    report = Report.objects.select_for_update(of=("self",)).select_related("period").get(pk=pk)
    if refusal := attachment_refusal(report, verb):
        raise ValidationError(refusal)
    return report


def _described(attachment: Attachment) -> str:
    return f"《{attachment.name}》{attachment.get_kind_display()}，{attachment.get_file_type_display()}"


def bulk(*, by, reports, step) -> tuple[int, list[str]]:
    """Run one workflow step over many reports; each stands alone. Returns (done, refusals)."""
    done, refusals = 0, []
    for report in reports:
        try:
            step(by=by, report=report)
            done += 1
        except ValidationError as error:
            refusals.append(f"{report.project}：{'；'.join(error.messages)}")
    return done, refusals


@transaction.atomic
def remind(*, by, period: Period, projects) -> int:
    """Tell the owners (and their county offices) of the given projects that the report is due. Sent once
    per project and period, however often the button is pressed."""
    from keyprojects.accounts.choices import UserRole
    from keyprojects.accounts.models import User

    sent = 0
    for project in projects:
        owners = project.owner.users.filter(is_active=True) if project.owner else User.objects.none()
        counties = User.objects.filter(
            role=UserRole.COUNTY_ADMIN, is_active=True, region__path__in=_ancestor_paths(project.region.path)
        )
        sent += notify(
            list(owners) + list(counties),
            title=f"请报送{project}{period}月报",
            body=f"报送截止：{chinese_date(period.owner_deadline)}",
            url=f"/reports/{period.code}/{project.pk}/",
            key=f"remind:{period.code}:{project.pk}",
        )
    log_event(by=by, obj=period, reason=f"发送催报提醒 {sent} 条")
    return sent


def _ancestor_paths(path: str) -> list[str]:
    parts = path.strip("/").split("/")
    return ["/".join(parts[: index + 1]) + "/" for index in range(len(parts))]
