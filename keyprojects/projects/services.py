"""Writes for projects, the annual list and its plans. Each is atomic, validated and change-logged."""

import copy
import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from keyprojects.core.aggregates import MoneySum, money
from keyprojects.core.changelog import bulk_log, log_create, log_update, log_values, save_logged, snapshot
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


# A locked month never changes (README › 设计决定): the list of a month is the annual list on its last day,
# so a day on which a project enters or leaves the list, or its figures change, must lie after every locked
# month of the year.


def _day(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _latest_locked(year: int):
    from keyprojects.reports.models import Period  # reports builds on projects, not the other way round

    return Period.objects.filter(year=year, is_locked=True).order_by("-month").first()


def first_open_day(year: int) -> datetime.date:
    """The first day of year Y whose month, and every month after it, is unlocked: 1 January of Y when nothing is
    locked; 1 January of Y+1 when December is."""
    locked = _latest_locked(year)
    return datetime.date(year, 1, 1) if locked is None else locked.end_date + datetime.timedelta(days=1)


def _check_open_day(year: int, day: datetime.date, what: str, field: str) -> None:
    opens = first_open_day(year)
    if day < opens:
        locked = _latest_locked(year)
        if opens.year > year:
            raise ValidationError({field: f"{locked}已锁定，{year}年各月的名单都不能再改变。"})
        raise ValidationError({field: f"{locked}已锁定，{what}应在{_day(opens)}或以后，否则会改变已锁定月份的名单。"})


def entry_start_day(year: int, added_on: datetime.date | None = None) -> datetime.date:
    """The day a project enters the list of year Y, unless the city picks another day of Y after every locked month.

    While no month of Y is locked the list is still being set up, so it counts from 1 January (an office that
    imports its list, then last months' reports, sees them counted). Once a month is locked, a project added
    to the current year's list enters on the day it is added (Beijing date), so no locked month changes; one
    added to a past year's list counts from the first day after that year's locked months."""
    today = timezone.localdate()
    latest = min(max(today, datetime.date(year, 1, 1)), datetime.date(year, 12, 31))
    opens = first_open_day(year)
    day = added_on or (opens if year < today.year or opens == datetime.date(year, 1, 1) else latest)
    if day.year != year:
        raise ValidationError({"added_on": f"列入日期应在{year}年内。"})
    if day > latest:
        raise ValidationError({"added_on": f"列入日期不能晚于{_day(latest)}。"})
    _check_open_day(year, day, "列入日期", "added_on")
    return day


@transaction.atomic
def entry_add(
    *,
    by,
    project: Project,
    year: int,
    category: str,
    level: str,
    annual_plan: Decimal,
    reason: str,
    added_on: datetime.date | None = None,
    annual_goal: str = "",
) -> AnnualEntry:
    """Put a project on the year's list (动态调整 调入) from `entry_start_day`. The reason is kept with the
    entry and in the log."""
    reason = _require_reason(reason, "调入年度名单")
    if project.package_id:
        raise ValidationError(f"“{project}”是打包项目“{project.package}”的模块，年度名单只列打包项目。")
    entry = AnnualEntry(
        project=project,
        year=year,
        category=category,
        level=level,
        annual_plan=annual_plan,
        annual_goal=annual_goal,
        added_on=entry_start_day(year, added_on),
        added_reason=reason,
    )
    _save(entry, by=by, before=None, reason=reason)
    return entry


# What the statistics of a month read from an entry; the monthly split (MonthlyPlan) is read too.
STATISTIC_FIELDS = ("category", "level", "annual_plan")


def entries_revise(changes: list[tuple[AnnualEntry, dict]], *, by, reason: str) -> list[AnnualEntry]:
    """Apply `fields` to each entry; return the entries that now carry them, in order.

    An entry that a locked month counts is not rewritten: it is closed on the first open day (kept, marked
    `revised`) and continued from that day by a new row with the change, its monthly split copied and its
    nodes moved over, so the locked months keep their figures and later months use the new ones."""
    result, in_place, befores, closing, successors, opening = [], [], {}, [], [], {}
    for entry, fields in changes:
        befores[entry.pk] = snapshot(entry, with_m2m=False)
        if entry.year not in opening:
            opening[entry.year] = first_open_day(entry.year)
        opens = opening[entry.year]
        if entry.added_on >= opens:
            for name, value in fields.items():
                setattr(entry, name, value)
            if fields:
                in_place.append(entry)
            result.append(entry)
            continue
        if opens.year > entry.year:
            raise ValidationError(f"{entry.year}年12月已锁定，“{entry.project}”{entry.year}年的计划不能再修改。")
        successor = AnnualEntry(
            project_id=entry.project_id,
            year=entry.year,
            category=entry.category,
            level=entry.level,
            annual_plan=entry.annual_plan,
            annual_goal=entry.annual_goal,
            added_on=opens,
            added_reason=f"计划调整：{reason}"[:200],
        )
        for name, value in fields.items():
            setattr(successor, name, value)
        entry.removed_on, entry.removed_reason, entry.revised = opens, f"计划调整，自{_day(opens)}起按新计划统计", True
        closing.append(entry)
        successors.append(successor)
        result.append(successor)
    names = sorted({name for _, fields in changes for name in fields})
    if in_place and names:
        AnnualEntry.objects.bulk_update(in_place, names, batch_size=500)
    AnnualEntry.objects.bulk_update(closing, ["removed_on", "removed_reason", "revised"], batch_size=500)
    AnnualEntry.objects.bulk_create(successors, batch_size=500)
    _carry_over(closing, successors)
    bulk_log(
        by=by,
        created=successors,
        updated=[(entry, befores[entry.pk]) for entry in in_place + closing],
        reason=reason,
    )
    return result


def _carry_over(closing: list[AnnualEntry], successors: list[AnnualEntry]) -> None:
    """The new rows get a copy of the old split (the old rows keep theirs for the locked months) and the nodes."""
    successor_of = {old.pk: new for old, new in zip(closing, successors, strict=True)}
    plans = MonthlyPlan.objects.filter(entry_id__in=list(successor_of))
    MonthlyPlan.objects.bulk_create(
        [MonthlyPlan(entry=successor_of[p.entry_id], month=p.month, amount=p.amount) for p in plans], batch_size=1000
    )
    nodes = list(Milestone.objects.filter(entry_id__in=list(successor_of)))
    for node in nodes:
        node.entry = successor_of[node.entry_id]
    Milestone.objects.bulk_update(nodes, ["entry"], batch_size=1000)


@transaction.atomic
def entry_update(*, by, entry: AnnualEntry, reason: str = "修改年度计划", **fields) -> AnnualEntry:
    """Change an entry; returns the entry that carries the change (a new row when a locked month counts the
    old figures, see `entries_revise`)."""
    if entry.removed_on is not None:
        raise ValidationError("已调出名单的项目不能再修改，如需恢复请重新调入。")
    changed = {name: value for name, value in fields.items() if getattr(entry, name) != value}
    if not any(name in STATISTIC_FIELDS for name in changed):
        before = snapshot(entry)
        for name, value in changed.items():
            setattr(entry, name, value)
        _save(entry, by=by, before=before)
        return entry
    proposed = copy.copy(entry)
    for name, value in changed.items():
        setattr(proposed, name, value)
    proposed.full_clean()
    (entry,) = entries_revise([(entry, changed)], by=by, reason=reason)
    return entry


@transaction.atomic
def entry_remove(*, by, entry: AnnualEntry, removed_on: datetime.date, reason: str) -> AnnualEntry:
    """Take a project off the year's list (动态调整 调出); the row stays, so past lists can be rebuilt."""
    reason = _require_reason(reason, "调出年度名单")
    updated = AnnualEntry.objects.filter(pk=entry.pk, removed_on__isnull=True)
    if removed_on < entry.added_on:
        raise ValidationError({"removed_on": "调出日期不能早于列入日期。"})
    _check_open_day(entry.year, removed_on, "调出日期", "removed_on")
    before = snapshot(entry)
    if not updated.update(removed_on=removed_on, removed_reason=reason):
        raise ValidationError("该项目已调出名单。")
    entry.refresh_from_db()
    log_update(by=by, obj=entry, before=before, reason=reason)
    return entry


@transaction.atomic
def monthly_plan_set(*, by, entry: AnnualEntry, amounts: dict[int, Decimal] | None) -> AnnualEntry:
    """Set the monthly split, which must add up to the annual plan; None returns to the even split. Returns the
    entry that carries it (a new row when a locked month counts the old split, see `entries_revise`)."""
    current = {plan.month: plan.amount for plan in entry.monthly_plans.all()}
    wanted = {month: amounts.get(month) or Decimal("0") for month in MONTHS} if amounts else {}
    if current == wanted:
        return entry
    if amounts:
        total = sum((amounts.get(month) or Decimal("0") for month in MONTHS), Decimal("0"))
        if total != entry.annual_plan:
            raise ValidationError(
                f"月度计划合计 {total:,.2f} 万元，与年度计划投资 {entry.annual_plan:,.2f} 万元不一致。"
            )
        if any((amounts.get(month) or 0) < 0 for month in MONTHS):
            raise ValidationError("月度计划投资不能为负数。")
    (entry,) = entries_revise([(entry, {})], by=by, reason="月度计划分解")
    entry.monthly_plans.all().delete()
    if amounts:
        MonthlyPlan.objects.bulk_create(
            MonthlyPlan(entry=entry, month=month, amount=amounts.get(month) or Decimal("0")) for month in MONTHS
        )
    log_values(by=by, obj=entry, before=plan_text(current), after=plan_text(wanted), reason="月度计划分解")
    return entry


def plan_text(months: dict) -> dict:
    return {f"{month}月": str(amount) for month, amount in sorted(months.items())}


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
