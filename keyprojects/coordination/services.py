"""Problem handling (DOMAIN.md §10): 待签收 → 办理中 → 已办结 → 已销号, 退回 at any step, reopened when
verification fails. Each step is a conditional update on the old state, checked against who may take it
(the lead department signs for and answers a problem; the office that raised or oversees it closes it),
and logged. A refused attempt changes nothing and is written to the security log."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from keyprojects.accounts.choices import UserRole
from keyprojects.accounts.scope import log_not_owned, security_log
from keyprojects.coordination import workdays
from keyprojects.coordination.choices import OPEN_STATES, Escalation, ProblemStatus
from keyprojects.coordination.models import Meeting, Problem, Procedure, Visit
from keyprojects.core.changelog import log_create, log_update, save_logged, snapshot, update_logged
from keyprojects.core.errors import Refusal
from keyprojects.core.notify import notify

OFFICE_ROLES = {UserRole.CITY_ADMIN, UserRole.COUNTY_ADMIN}
REPLY_MAX_LENGTH = 2000  # 办理情况, like a report's 形象进度: the page, the API and the service share it
CLOSE = "销号"  # the office's verification; a department's answer is 办结 (problem_reply)


def _require(text: str, what: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"reason": f"{what}必须说明原因。"})
    return text


def _refuse(by, problem: Problem, what: str, why: str) -> None:
    security_log.warning(
        "拒绝操作：用户 %s 试图%s问题 %s（牵头部门：%s）", by.get_username(), what, problem.pk, problem.lead_department
    )
    raise Refusal(why)


def _department_must_lead(by, problem: Problem, what: str) -> None:
    if by.role == UserRole.DEPARTMENT and by.department_id != problem.lead_department_id:
        _refuse(by, problem, what, f"该问题的牵头部门是{problem.lead_department}，不是您所在的部门，您不能{what}。")
    if by.role not in OFFICE_ROLES | {UserRole.DEPARTMENT}:
        _refuse(by, problem, what, f"只有牵头部门（{problem.lead_department}）或交办单位能{what}该问题。")


def _office_only(by, problem: Problem, what: str) -> None:
    """Steps of the office that assigned the problem. A department refused here leads the problem (or helps
    with it): telling it the problem is not assigned to it would be false, so it is told who does this."""
    if by.role in OFFICE_ROLES:
        if not Problem.objects.assignable_by(by).filter(pk=problem.pk).exists():
            # A county sees the problems the city assigned on its projects; their verification stays the city's.
            _refuse(by, problem, what, f"该问题由上级交办，{what}由交办单位进行，您不能{what}。")
        return
    why = f"{what}由交办问题的县（市、区）或市重点项目办进行，您不能{what}。"
    if by.role == UserRole.DEPARTMENT and what == CLOSE:
        why += "部门办完后请填写办理情况并“办结”，交办单位核实后销号。"
    _refuse(by, problem, what, why)


def _step(*, by, problem: Problem, sources, target: str, reason: str = "", **fields) -> Problem:
    before = snapshot(problem)
    if not Problem.objects.filter(pk=problem.pk, status__in=sources).update(status=target, **fields):
        current = Problem.objects.get(pk=problem.pk)
        raise ValidationError(f"问题当前为“{current.get_status_display()}”，不能执行此操作。")
    problem.refresh_from_db()
    log_update(by=by, obj=problem, before=before, reason=reason)
    return problem


@transaction.atomic
def problem_create(*, by, co_departments=(), **fields) -> Problem:
    problem = Problem(raised_by=by, **fields)
    problem.full_clean()
    problem.save()
    problem.co_departments.set(co_departments)
    log_create(by=by, obj=problem)
    notify(
        problem.lead_department.users.filter(is_active=True),
        title=f"新交办问题：{problem.project}",
        body=problem.description[:100],
        url=f"/coordination/problems/{problem.pk}/",
    )
    return problem


@transaction.atomic
def problem_accept(*, by, problem: Problem, today: datetime.date | None = None) -> Problem:
    """签收: the deadline is `limit_days` working days after today (statutory calendar)."""
    _department_must_lead(by, problem, "签收")
    today = today or timezone.localdate()
    deadline = workdays.add_working_days(today, problem.limit_days)
    return _step(
        by=by,
        problem=problem,
        sources=[ProblemStatus.PENDING],
        target=ProblemStatus.IN_PROGRESS,
        accepted_on=today,
        deadline=deadline,
    )


@transaction.atomic
def problem_reply(*, by, problem: Problem, reply: str, today: datetime.date | None = None) -> Problem:
    """办结: the lead department gives its answer, which the office then verifies."""
    _department_must_lead(by, problem, "办结")
    reply = (reply or "").strip()
    if not reply:
        raise ValidationError({"reply": "请填写办理情况。"})
    if len(reply) > REPLY_MAX_LENGTH:
        message = f"办理情况最多 {REPLY_MAX_LENGTH:,} 字，现有 {len(reply):,} 字，请精简后再办结。"
        raise ValidationError({"reply": message})
    return _step(
        by=by,
        problem=problem,
        sources=[ProblemStatus.IN_PROGRESS],
        target=ProblemStatus.REPLIED,
        reply=reply,
        replied_on=today or timezone.localdate(),
    )


@transaction.atomic
def problem_close(*, by, problem: Problem) -> Problem:
    """销号: verified solved by the office."""
    _office_only(by, problem, CLOSE)
    return _step(
        by=by,
        problem=problem,
        sources=[ProblemStatus.REPLIED],
        target=ProblemStatus.CLOSED,
        closed_on=timezone.localdate(),
    )


@transaction.atomic
def problem_reopen(*, by, problem: Problem, reason: str) -> Problem:
    """Verification failed: back to 办理中, same deadline."""
    _office_only(by, problem, "退回重办")
    reason = _require(reason, "退回重办")
    return _step(
        by=by,
        problem=problem,
        sources=[ProblemStatus.REPLIED],
        target=ProblemStatus.IN_PROGRESS,
        reason=reason,
        return_reason=reason[:200],
        replied_on=None,
    )


@transaction.atomic
def problem_return(*, by, problem: Problem, reason: str) -> Problem:
    """退回 at any open step (e.g. "not ours"); the office reassigns it."""
    _department_must_lead(by, problem, "退回")
    reason = _require(reason, "退回")
    sources = [ProblemStatus.PENDING, ProblemStatus.IN_PROGRESS, ProblemStatus.REPLIED]
    return _step(
        by=by,
        problem=problem,
        sources=sources,
        target=ProblemStatus.RETURNED,
        reason=reason,
        return_reason=reason[:200],
    )


@transaction.atomic
def problem_reassign(*, by, problem: Problem, lead_department, limit_days: int | None = None) -> Problem:
    _office_only(by, problem, "重新交办")
    fields = {"lead_department": lead_department, "accepted_on": None, "deadline": None}
    if limit_days:
        fields["limit_days"] = limit_days
    problem = _step(
        by=by,
        problem=problem,
        sources=[ProblemStatus.RETURNED],
        target=ProblemStatus.PENDING,
        reason=f"重新交办给{lead_department}",
        **fields,
    )
    notify(
        lead_department.users.filter(is_active=True),
        title=f"新交办问题：{problem.project}",
        body=problem.description[:100],
        url=f"/coordination/problems/{problem.pk}/",
    )
    return problem


@transaction.atomic
def problem_escalate(*, by, problem: Problem, level: str) -> Problem:
    _office_only(by, problem, "升级")
    if level not in (Escalation.MEETING, Escalation.MAYOR):
        raise ValidationError("升级方式应为列入调度会议或市长解难直通车。")
    if problem.status not in OPEN_STATES + [ProblemStatus.REPLIED]:
        raise ValidationError("已销号的问题不能再升级。")
    before = snapshot(problem)
    problem.escalation = level
    problem.save(update_fields=["escalation"])
    log_update(by=by, obj=problem, before=before, reason=f"升级：{problem.get_escalation_display()}")
    return problem


@transaction.atomic
def problem_edit(*, by, problem: Problem, **fields) -> Problem:
    """A closed problem is history: it cannot be edited."""
    _office_only(by, problem, "修改")
    if problem.status == ProblemStatus.CLOSED:
        security_log.warning("拒绝操作：用户 %s 试图修改已销号问题 %s", by.get_username(), problem.pk)
        raise ValidationError("已销号的问题不能修改。")
    before = snapshot(problem)
    for name, value in fields.items():
        setattr(problem, name, value)
    problem.full_clean()
    problem.save()
    log_update(by=by, obj=problem, before=before)
    return problem


@transaction.atomic
def procedure_save(*, by, procedure: Procedure) -> Procedure:
    return save_logged(procedure, by=by)


@transaction.atomic
def meeting_create(*, by, **fields) -> Meeting:
    """A meeting whose agenda is drawn from overdue and escalated problems and this month's red projects."""
    from keyprojects.coordination import selectors

    meeting = Meeting(created_by=by, **fields)
    meeting.full_clean()
    meeting.save()
    meeting.agenda_problems.set(selectors.agenda_problems(by))
    meeting.agenda_projects.set(selectors.agenda_projects(by))
    log_create(by=by, obj=meeting)
    return meeting


@transaction.atomic
def meeting_update(*, by, meeting: Meeting, **fields) -> Meeting:
    """Only the office that convened the meeting changes it (`MeetingQuerySet.editable_by`)."""
    if not Meeting.objects.editable_by(by).filter(pk=meeting.pk).exists():
        raise meeting_refusal(by, meeting)
    return update_logged(meeting, by=by, **fields)


def meeting_refusal(by, meeting: Meeting) -> Refusal:
    """The logged refusal of a change to a meeting another level convened (the caller may still read it)."""
    log_not_owned(by, f"会议 {meeting.pk}")
    return Refusal(f"“{meeting.title}”由上级召集，您只能查看，不能修改。")


@transaction.atomic
def visit_create(*, by, **fields) -> Visit:
    return save_logged(Visit(created_by=by, **fields), by=by)
