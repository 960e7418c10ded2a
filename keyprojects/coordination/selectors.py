"""Reads of the coordination module: overdue and due-soon items, agendas and department statistics."""

import datetime

from django.db.models import Q
from django.utils import timezone

from keyprojects.coordination import workdays
from keyprojects.coordination.choices import OPEN_STATES, ProblemStatus, ProcedureStatus
from keyprojects.coordination.models import Problem, Procedure

DUE_SOON_WORKING_DAYS = 2


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


def department_statistics(user) -> list[dict]:
    """Per lead department: received, closed, closed on time, average working days to answer."""
    rows: dict = {}
    problems = list(Problem.objects.visible_to(user).select_related("lead_department"))
    calendar = workdays.WorkCalendar.covering((p.accepted_on, p.replied_on) for p in problems)
    for problem in problems:
        row = rows.setdefault(
            problem.lead_department_id,
            {"department": problem.lead_department, "received": 0, "closed": 0, "on_time": 0, "days": [], "overdue": 0},
        )
        row["received"] += 1
        if problem.status == ProblemStatus.CLOSED:
            row["closed"] += 1
            if problem.deadline and problem.replied_on and problem.replied_on <= problem.deadline:
                row["on_time"] += 1
        if problem.accepted_on and problem.replied_on:
            row["days"].append(calendar.working_days_between(problem.accepted_on, problem.replied_on))
        if problem.is_overdue:
            row["overdue"] += 1
    for row in rows.values():
        days = row.pop("days")
        row["average_days"] = round(sum(days) / len(days), 1) if days else None
    return sorted(rows.values(), key=lambda row: str(row["department"]))


def procedure_statistics(user) -> list[dict]:
    """Per department: procedures handled, done, overdue, average elapsed working days."""
    today = timezone.localdate()
    rows: dict = {}
    procedures = list(Procedure.objects.visible_to(user).filter(applied_on__isnull=False).select_related("department"))
    calendar = workdays.WorkCalendar.covering((p.applied_on, p.approved_on or today) for p in procedures)
    for procedure in procedures:
        row = rows.setdefault(
            procedure.department_id,
            {"department": procedure.department or "（未指定）", "count": 0, "done": 0, "overdue": 0, "days": []},
        )
        elapsed = calendar.working_days_between(procedure.applied_on, procedure.approved_on or today)
        row["count"] += 1
        row["days"].append(elapsed)
        row["done"] += procedure.status == ProcedureStatus.DONE
        row["overdue"] += procedure.status == ProcedureStatus.IN_PROGRESS and elapsed > procedure.limit_days
    for row in rows.values():
        days = row.pop("days")
        row["average_days"] = round(sum(days) / len(days), 1) if days else None
    return sorted(rows.values(), key=lambda row: str(row["department"]))


def procedure_chain(project) -> dict:
    return chain_of(list(project.procedures.all()))


def chain_of(procedures: list) -> dict:
    """A project's whole-chain approval time: first application to last approval, in working days."""
    procedures = [p for p in procedures if p.status != ProcedureStatus.NOT_APPLICABLE]
    applied = [p.applied_on for p in procedures if p.applied_on]
    approved = [p.approved_on for p in procedures if p.approved_on]
    done = procedures and all(p.status == ProcedureStatus.DONE for p in procedures)
    if not applied:
        return {"days": None, "complete": False}
    end = max(approved) if done and approved else timezone.localdate()
    return {"days": workdays.working_days_between(min(applied), end), "complete": bool(done)}
