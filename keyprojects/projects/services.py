"""Writes for projects, the annual list and its plans. Each is atomic, validated and change-logged."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from keyprojects.core.aggregates import MoneySum, money
from keyprojects.core.changelog import log_create, log_update, log_values, save_logged, snapshot
from keyprojects.projects.models import AnnualEntry, Leader, Milestone, MonthlyPlan, Project, TaskForce

LOCAL_CODE_PREFIX = "L-"
MONTHS = range(1, 13)


def next_local_code(region) -> str:
    """The next free local code of a region: L-411003-00001, L-411003-00002 …"""
    prefix = f"{LOCAL_CODE_PREFIX}{region.code}-"
    last = Project.objects.filter(code__startswith=prefix).order_by("-code").values_list("code", flat=True).first()
    serial = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{serial:05d}"


def _save(obj, *, by, before: dict | None, reason: str = "") -> None:
    obj.full_clean()
    obj.save()
    if before is None:
        log_create(by=by, obj=obj, reason=reason)
    else:
        log_update(by=by, obj=obj, before=before, reason=reason)


def _recompute_package(package: Project | None, *, by) -> None:
    """A package's total investment is the sum of its modules' (DOMAIN.md §4, 模块化打包)."""
    if package is None:
        return
    total = money(package.modules.aggregate(total=MoneySum("total_investment"))["total"]) or Decimal("0.00")
    if total != package.total_investment:
        before = snapshot(package)
        package.total_investment = total
        _save(package, by=by, before=before, reason="打包项目总投资随模块项目汇总")


@transaction.atomic
def project_create(*, by, chains=(), leaders=(), **fields) -> Project:
    project = Project(**fields)
    if not project.code:
        project.code = next_local_code(project.region)
    project.full_clean()
    project.save()
    project.chains.set(chains)
    project.leaders.set(leaders)
    log_create(by=by, obj=project)
    _recompute_package(project.package, by=by)
    return project


@transaction.atomic
def project_update(*, by, project: Project, chains=None, leaders=None, **fields) -> Project:
    before = snapshot(project)
    old_package = project.package
    for name, value in fields.items():
        setattr(project, name, value)
    if not project.code:
        project.code = next_local_code(project.region)
    project.full_clean()
    project.save()
    if chains is not None:
        project.chains.set(chains)
    if leaders is not None:
        project.leaders.set(leaders)
    log_update(by=by, obj=project, before=before)
    for package in {old_package, project.package} - {None}:
        _recompute_package(package, by=by)
    return project


def _require_reason(reason: str, what: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": f"{what}必须说明原因。"})
    return reason


@transaction.atomic
def entry_add(
    *,
    by,
    project: Project,
    year: int,
    category: str,
    level: str,
    annual_plan: Decimal,
    added_on: datetime.date,
    reason: str,
    annual_goal: str = "",
) -> AnnualEntry:
    """Put a project on the year's list (动态调整 调入). The reason is kept with the entry and in the log."""
    reason = _require_reason(reason, "调入年度名单")
    if project.package_id:
        raise ValidationError(f"“{project}”是打包项目“{project.package}”的模块，年度名单只列打包项目。")
    if added_on.year != year:
        raise ValidationError({"added_on": f"列入日期应在{year}年内。"})
    entry = AnnualEntry(
        project=project,
        year=year,
        category=category,
        level=level,
        annual_plan=annual_plan,
        annual_goal=annual_goal,
        added_on=added_on,
        added_reason=reason,
    )
    _save(entry, by=by, before=None, reason=reason)
    return entry


@transaction.atomic
def entry_update(*, by, entry: AnnualEntry, **fields) -> AnnualEntry:
    if entry.removed_on is not None:
        raise ValidationError("已调出名单的项目不能再修改，如需恢复请重新调入。")
    before = snapshot(entry)
    for name, value in fields.items():
        setattr(entry, name, value)
    _save(entry, by=by, before=before)
    return entry


@transaction.atomic
def entry_remove(*, by, entry: AnnualEntry, removed_on: datetime.date, reason: str) -> AnnualEntry:
    """Take a project off the year's list (动态调整 调出); the row stays, so past lists can be rebuilt."""
    reason = _require_reason(reason, "调出年度名单")
    updated = AnnualEntry.objects.filter(pk=entry.pk, removed_on__isnull=True)
    if removed_on < entry.added_on:
        raise ValidationError({"removed_on": "调出日期不能早于列入日期。"})
    before = snapshot(entry)
    if not updated.update(removed_on=removed_on, removed_reason=reason):
        raise ValidationError("该项目已调出名单。")
    entry.refresh_from_db()
    log_update(by=by, obj=entry, before=before, reason=reason)
    return entry


@transaction.atomic
def monthly_plan_set(*, by, entry: AnnualEntry, amounts: dict[int, Decimal] | None) -> None:
    """Set the monthly split, which must add up to the annual plan; None returns to the even split."""
    before = {f"{plan.month}月": str(plan.amount) for plan in entry.monthly_plans.all()}
    if amounts:
        total = sum((amounts.get(month) or Decimal("0") for month in MONTHS), Decimal("0"))
        if total != entry.annual_plan:
            raise ValidationError(
                f"月度计划合计 {total:,.2f} 万元，与年度计划投资 {entry.annual_plan:,.2f} 万元不一致。"
            )
        if any((amounts.get(month) or 0) < 0 for month in MONTHS):
            raise ValidationError("月度计划投资不能为负数。")
    entry.monthly_plans.all().delete()
    if amounts:
        MonthlyPlan.objects.bulk_create(
            MonthlyPlan(entry=entry, month=month, amount=amounts.get(month) or Decimal("0")) for month in MONTHS
        )
    after = {f"{month}月": str(amounts.get(month) or Decimal("0")) for month in MONTHS} if amounts else {}
    if before != after:
        log_values(by=by, obj=entry, before=before, after=after, reason="月度计划分解")


@transaction.atomic
def milestones_set(*, by, entry: AnnualEntry, milestones: list[dict]) -> None:
    """Replace the entry's milestone nodes with `milestones` (name, planned_date, actual_date)."""
    before = {m.name: [str(m.planned_date), str(m.actual_date or "")] for m in entry.milestones.all()}
    entry.milestones.all().delete()
    rows = [Milestone(entry=entry, sort_order=order, **values) for order, values in enumerate(milestones, start=1)]
    for row in rows:
        row.full_clean(exclude=["entry"])
    Milestone.objects.bulk_create(rows)
    after = {m.name: [str(m.planned_date), str(m.actual_date or "")] for m in rows}
    if before != after:
        log_values(by=by, obj=entry, before=before, after=after, reason="节点计划")


@transaction.atomic
def leader_save(*, by, leader: Leader) -> Leader:
    return save_logged(leader, by=by)


@transaction.atomic
def task_force_save(*, by, task_force: TaskForce) -> TaskForce:
    return save_logged(task_force, by=by)


@transaction.atomic
def taxonomy_save(*, by, item):
    """A domain, industry or industry chain, added or renamed by the city office."""
    return save_logged(item, by=by)
