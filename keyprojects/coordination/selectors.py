"""Reads of the coordination module: overdue and due-soon items, agendas and department statistics."""

import datetime
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Max, Min, Q
from django.utils import timezone

from keyprojects.accounts.models import Department
from keyprojects.accounts.permissions import Perm, has_perm
from keyprojects.coordination import workdays
from keyprojects.coordination.choices import OPEN_STATES, ProblemCategory, ProblemStatus, ProcedureStatus
from keyprojects.coordination.models import Meeting, Problem, Procedure

DUE_SOON_WORKING_DAYS = 2
TENTH = Decimal("0.1")
UNASSIGNED = "（未指定）"


def may_edit_meeting(user, meeting: Meeting) -> bool:
    """Whether `user` may change the meeting (its fields and 纪要): the page shows the form, the POST saves."""
    return has_perm(user, Perm.ASSIGN_PROBLEMS) and Meeting.objects.editable_by(user).filter(pk=meeting.pk).exists()


def may_assign_problem(user, problem: Problem) -> bool:
    """Whether `user` may change the problem's assignment (edit, reassign, close, reopen, escalate)."""
    return has_perm(user, Perm.ASSIGN_PROBLEMS) and Problem.objects.assignable_by(user).filter(pk=problem.pk).exists()


WITH_DEPARTMENT = [ProblemStatus.PENDING, ProblemStatus.IN_PROGRESS]


def overdue_problems(user, today: datetime.date | None = None):
    today = today or timezone.localdate()
    return Problem.objects.visible_to(user).filter(status__in=WITH_DEPARTMENT, deadline__lt=today)


def due_soon_problems(user, today: datetime.date | None = None):
    today = today or timezone.localdate()
    horizon = workdays.add_working_days(today, DUE_SOON_WORKING_DAYS)
    return Problem.objects.visible_to(user).filter(status__in=OPEN_STATES, deadline__gte=today, deadline__lte=horizon)


def overdue_procedures(user, today: datetime.date | None = None) -> list[Procedure]:
    """Procedures in progress past their limit in working days since application."""
    today = today or timezone.localdate()
    running = list(
        Procedure.objects.visible_to(user)
        .filter(status=ProcedureStatus.IN_PROGRESS, applied_on__isnull=False)
        .select_related("project", "department")
    )
    calendar = workdays.WorkCalendar.covering((p.applied_on, today) for p in running)
    return [p for p in running if calendar.working_days_between(p.applied_on, today) > p.limit_days]


def agenda_problems(user):
    """A meeting's agenda: open problems that are overdue or escalated."""
    today = timezone.localdate()
    return (
        Problem.objects.visible_to(user)
        .filter(status__in=OPEN_STATES)
        .filter(Q(deadline__lt=today) | ~Q(escalation=""))
    )


def agenda_projects(user):
    """… and the red projects of the latest coloured month."""
    from keyprojects.analytics.models import ColorRecord
    from keyprojects.projects.models import Project

    latest = ColorRecord.objects.order_by("-period__year", "-period__month").values("period_id").first()
    if latest is None:
        return Project.objects.none()
    red = (
        ColorRecord.objects.filter(period_id=latest["period_id"])
        .filter(Q(override_color="红") | Q(override_color="", computed_color="红"))
        .values("project_id")
    )
    return Project.objects.visible_to(user).filter(pk__in=red)


def department_statistics(user, today: datetime.date | None = None) -> list[dict]:
    """Per lead department (DOMAIN.md §10): received, closed, closed on time, overdue, average working days."""
    departments = Department.objects.values_list("pk", "sort_order", "name")
    order = {pk: (sort_order, name) for pk, sort_order, name in departments}
    rows = sorted(_problem_figures(user, "lead_department", today), key=lambda row: order[row["lead_department"]])
    for row in rows:
        row["department"] = order[row.pop("lead_department")][1]
    return rows


def category_statistics(user, today: datetime.date | None = None) -> list[dict]:
    """The same figures per problem category (用地, 规划 …), in the order of the categories."""
    rows = {row["category"]: row for row in _problem_figures(user, "category", today)}
    return [{**rows[value], "category": label} for value, label in ProblemCategory.choices if value in rows]


def _problem_figures(user, key: str, today: datetime.date | None) -> list[dict]:
    """Counts by `key` in one grouped query; average working days from acceptance to reply on one calendar.
    Overdue means still with the department past the deadline (README › 设计决定)."""
    today = today or timezone.localdate()
    # The department's scope joins its co-departments; counting over the ids keeps each problem once.
    problems = Problem.objects.filter(pk__in=Problem.objects.visible_to(user).values("pk"))
    rows = list(
        problems.values(key)
        .annotate(
            received=Count("id"),
            closed=Count("id", filter=Q(status=ProblemStatus.CLOSED)),
            on_time=Count("id", filter=Q(status=ProblemStatus.CLOSED, replied_on__lte=F("deadline"))),
            overdue=Count("id", filter=Q(status__in=WITH_DEPARTMENT, deadline__lt=today)),
        )
        .order_by(key)
    )
    answered = problems.filter(accepted_on__isnull=False, replied_on__isnull=False)
    answered = list(answered.values_list(key, "accepted_on", "replied_on"))
    calendar = workdays.WorkCalendar.covering((accepted, replied) for _, accepted, replied in answered)
    days = defaultdict(list)
    for group, accepted, replied in answered:
        days[group].append(calendar.working_days_between(accepted, replied))
    for row in rows:
        row["average_days"] = _average(days[row[key]])
    return rows


def procedure_statistics(user, today: datetime.date | None = None) -> list[dict]:
    """Per department (DOMAIN.md §10): procedures (不涉及 left out), done, past their limit, and the average
    working days from application to approval of the done ones."""
    today = today or timezone.localdate()
    procedures = Procedure.objects.visible_to(user).exclude(status=ProcedureStatus.NOT_APPLICABLE)
    rows = list(
        procedures.values("department_id", "department__name")
        .annotate(count=Count("id"), done=Count("id", filter=Q(status=ProcedureStatus.DONE)))
        .order_by("department__sort_order", "department__name")
    )
    applied = list(
        procedures.filter(applied_on__isnull=False).values_list(
            "department_id", "status", "applied_on", "approved_on", "limit_days"
        )
    )
    calendar = workdays.WorkCalendar.covering((start, end or today) for _, _, start, end, _ in applied)
    days, overdue = defaultdict(list), defaultdict(int)
    for department, status, start, end, limit in applied:
        if status == ProcedureStatus.DONE and end:
            days[department].append(calendar.working_days_between(start, end))
        elif status == ProcedureStatus.IN_PROGRESS:
            overdue[department] += calendar.working_days_between(start, today) > limit
    return [
        {
            "department": row["department__name"] or UNASSIGNED,
            "count": row["count"],
            "done": row["done"],
            "overdue": overdue[row["department_id"]],
            "average_days": _average(days[row["department_id"]]),
        }
        for row in rows
    ]


def procedure_chains(user, today: datetime.date | None = None) -> list[tuple[str, dict]]:
    """Each project's whole-chain approval time (DOMAIN.md §10): working days from its first application to
    its last approval once every procedure it needs is done, else to today (办理中)."""
    today = today or timezone.localdate()
    needed = Procedure.objects.visible_to(user).exclude(status=ProcedureStatus.NOT_APPLICABLE)
    chains = list(
        needed.values("project_id", "project__name")
        .annotate(
            first=Min("applied_on"),
            last=Max("approved_on"),
            count=Count("id"),
            done=Count("id", filter=Q(status=ProcedureStatus.DONE)),
        )
        .order_by("project__name")
    )
    for chain in chains:
        chain["complete"] = chain["count"] == chain["done"] and chain["last"] is not None
        chain["end"] = chain["last"] if chain["complete"] else today
    calendar = workdays.WorkCalendar.covering((chain["first"], chain["end"]) for chain in chains)
    return [
        (
            chain["project__name"],
            {
                "days": calendar.working_days_between(chain["first"], chain["end"]) if chain["first"] else None,
                "complete": chain["complete"],
            },
        )
        for chain in chains
    ]


def _average(days: list[int]) -> Decimal | None:
    """Average working days to one place, half up; None when nothing was counted."""
    if not days:
        return None
    return (Decimal(sum(days)) / len(days)).quantize(TENTH, rounding=ROUND_HALF_UP)
