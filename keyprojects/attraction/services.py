"""Writes of the pipeline: attraction projects and their stages, the reserve pool, element needs."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from keyprojects.attraction.choices import STAGE_DATES, ReserveStatus, Stage, stages_reached
from keyprojects.attraction.models import AttractionProject, FinancingList, FundsInPlace, ReserveProject
from keyprojects.core.changelog import log_update, save_logged, snapshot
from keyprojects.projects import services as project_services
from keyprojects.projects.choices import Category


def check_stage_dates(project: AttractionProject) -> None:
    """A stage reached needs its date (and the dates of the stages before it, in order)."""
    reached = stages_reached(project.stage)
    missing = [Stage(stage).label for stage in reached[1:] if not getattr(project, STAGE_DATES[stage])]
    if missing:
        raise ValidationError(f"阶段为“{project.get_stage_display()}”，请填写{'、'.join(missing)}日期。")


@transaction.atomic
def attraction_save(*, by, project: AttractionProject, require_dates: bool = True) -> AttractionProject:
    """Save a project entered on the form (every stage reached has its date) or imported (`require_dates=False`:
    a ledger's dates are optional, INTERFACES.md). A project in talks with no date is in talks from today."""
    if require_dates:
        check_stage_dates(project)
    if project.stage == Stage.TALKS and project.talks_on is None:
        project.talks_on = timezone.localdate()
    project = save_logged(project, by=by)
    if project.stage in (Stage.STARTED, Stage.PRODUCING) and project.registry_project is None:
        attraction_to_registry(by=by, project=project)
    return project


@transaction.atomic
def attraction_to_registry(*, by, project: AttractionProject):
    """An attraction project that starts becomes a project of the registry (linked both ways)."""
    registry = project_services.project_create(
        by=by,
        name=project.name,
        region=project.region,
        total_investment=project.contracted_amount,
        planned_start=project.started_on,
        actual_start=project.started_on,
        content=f"招商引资项目转入。投资方：{project.investor or '—'}",
    )
    before = snapshot(project)
    project.registry_project = registry
    project.save(update_fields=["registry_project"])
    log_update(by=by, obj=project, before=before, reason="开工转入项目库")
    return registry


@transaction.atomic
def funds_add(*, by, project: AttractionProject, date: datetime.date, amount) -> FundsInPlace:
    if amount <= 0:
        raise ValidationError({"amount": "到位资金应大于0。"})
    return save_logged(FundsInPlace(project=project, date=date, amount=amount), by=by)


@transaction.atomic
def reserve_save(*, by, reserve: ReserveProject) -> ReserveProject:
    if reserve.pk and ReserveProject.objects.get(pk=reserve.pk).status != ReserveStatus.ACTIVE:
        raise ValidationError("已转入名单或已退出的储备项目不能再修改。")
    return save_logged(reserve, by=by)


@transaction.atomic
def reserve_promote(*, by, reserve: ReserveProject, year: int, level: str, annual_plan):
    """Into the annual list of `year` as a new start from today (1 January for next year's list), carrying the
    reserve project's data over."""
    if reserve.status != ReserveStatus.ACTIVE:
        raise ValidationError("该储备项目已转入名单或已退出。")
    project = project_services.project_create(
        by=by,
        name=reserve.name,
        region=reserve.region,
        domain=reserve.domain,
        industry=reserve.industry,
        total_investment=reserve.total_investment,
        content=reserve.content,
    )
    project_services.entry_add(
        by=by,
        project=project,
        year=year,
        category=Category.NEW_START,
        level=level,
        annual_plan=annual_plan,
        reason="由储备库转入",
    )
    before = snapshot(reserve)
    reserve.status, reserve.promoted_to = ReserveStatus.PROMOTED, project
    reserve.save(update_fields=["status", "promoted_to"])
    log_update(by=by, obj=reserve, before=before, reason=f"转入{year}年重点项目名单")
    return project


@transaction.atomic
def reserve_exit(*, by, reserve: ReserveProject, reason: str) -> ReserveProject:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "退出储备库必须说明原因（负面清单条目）。"})
    if not ReserveProject.objects.filter(pk=reserve.pk, status=ReserveStatus.ACTIVE).update(
        status=ReserveStatus.EXITED, exit_reason=reason[:200]
    ):
        raise ValidationError("该储备项目已转入名单或已退出。")
    before = snapshot(reserve)
    reserve.refresh_from_db()
    log_update(by=by, obj=reserve, before=before, reason=reason)
    return reserve


@transaction.atomic
def element_save(*, by, need):
    return save_logged(need, by=by)


@transaction.atomic
def financing_list_publish(*, by, year: int, number: int, published_on: datetime.date) -> FinancingList:
    return save_logged(FinancingList(year=year, number=number, published_on=published_on, created_by=by), by=by)


@transaction.atomic
def financing_need_save(*, by, need):
    return save_logged(need, by=by)
