"""Writes of the assessment module: schemes and their versions, adjustments, computing and publishing
results. Every write is logged; a frozen scheme and a published result refuse changes."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from keyprojects.accounts.scope import account_of
from keyprojects.assessment import scoring
from keyprojects.assessment.choices import DEDUCTIONS, MEASURES_FOR, Cycle, Measure, Subject
from keyprojects.assessment.models import Adjustment, Assessment, Scheme, SchemeIndicator, Score, ScoreLine
from keyprojects.assessment.windows import Window, window_of
from keyprojects.core.changelog import (
    log_create,
    log_delete,
    log_event,
    log_update,
    log_values,
    save_logged,
    snapshot,
)

# The defaults a new scheme starts from (weights in points; deductions: per item, at most the weight).
DEFAULT_INDICATORS = {
    Subject.REGION: [
        (Measure.RANKING, 60, None),
        (Measure.TIMELINESS, 20, None),
        (Measure.PROBLEMS, 20, None),
        (Measure.NOT_STARTED, 5, 1),
        (Measure.LETTER_UNANSWERED, 6, 2),
        (Measure.ADJUSTMENT, 5, None),
    ],
    Subject.DEPARTMENT: [
        (Measure.PROBLEMS, 50, None),
        (Measure.PROCEDURES, 50, None),
        (Measure.PROBLEM_OVERDUE, 10, 1),
        (Measure.ADJUSTMENT, 5, None),
    ],
    Subject.UNIT: [
        (Measure.INVESTMENT, 40, None),
        (Measure.NEW_START, 20, None),
        (Measure.COMPLETION, 10, None),
        (Measure.TIMELINESS, 30, None),
        (Measure.NOT_STARTED, 10, 2),
        (Measure.ADJUSTMENT, 5, None),
    ],
}
DEFAULT_PRAISED = {Subject.REGION: 7, Subject.DEPARTMENT: 5, Subject.UNIT: 0}  # DOMAIN.md §9
DEFAULT_SUMMONED = {Subject.REGION: 3, Subject.DEPARTMENT: 0, Subject.UNIT: 0}


def indicators_snapshot(scheme: Scheme) -> list:
    return [[i.measure, str(i.weight), str(i.per_item or "")] for i in scheme.indicators.all()]


def _check_indicators(subject: str, indicators: list[dict]) -> None:
    allowed = MEASURES_FOR[subject]
    errors, seen = [], set()
    for row in indicators:
        label = Measure(row["measure"]).label
        if row["measure"] not in allowed:
            errors.append(f"“{label}”不适用于{Subject(subject).label}。")
        if row["measure"] in seen:
            errors.append(f"“{label}”重复。")
        seen.add(row["measure"])
        if row["weight"] is None or row["weight"] <= 0:
            errors.append(f"“{label}”的分值应大于 0。")
        if row["measure"] in DEDUCTIONS and not row.get("per_item"):
            errors.append(f"“{label}”要写每项扣几分。")
    if not indicators:
        errors.append("方案至少要有一项指标。")
    if errors:
        raise ValidationError(errors)


def _write_indicators(scheme: Scheme, indicators: list[dict]) -> None:
    scheme.indicators.all().delete()
    SchemeIndicator.objects.bulk_create(
        SchemeIndicator(
            scheme=scheme,
            measure=row["measure"],
            weight=row["weight"],
            per_item=row.get("per_item") if row["measure"] in DEDUCTIONS else None,
            sort_order=number,
        )
        for number, row in enumerate(indicators)
    )


def default_indicators(subject: str) -> list[dict]:
    return [
        {"measure": m, "weight": Decimal(w), "per_item": Decimal(p) if p else None}
        for m, w, p in DEFAULT_INDICATORS[subject]
    ]


@transaction.atomic
def scheme_create(*, by, indicators: list[dict] | None = None, **fields) -> Scheme:
    """The first version of a year's scheme. It may take effect on a past date: an office recording a
    scheme it adopted on paper before using the platform (it is then frozen at once)."""
    scheme = Scheme(created_by=account_of(by), version=1, **fields)
    if Scheme.objects.filter(year=scheme.year, subject=scheme.subject, cycle=scheme.cycle).exists():
        raise ValidationError("这一年度、对象和周期已有考核方案；要修改请在原方案上另立新版本。")
    scheme.full_clean()
    indicators = default_indicators(scheme.subject) if indicators is None else indicators
    _check_indicators(scheme.subject, indicators)
    scheme.save()
    _write_indicators(scheme, indicators)
    log_create(by=by, obj=scheme)
    log_values(by=by, obj=scheme, before=[], after=indicators_snapshot(scheme), reason="考核指标")
    return scheme


def scheme_default(*, by, subject: str, window: Window) -> Scheme | None:
    """Where the year has no scheme at all for this subject and cycle (a fresh database run from the command
    line), its first version from the defaults, in force from the period's start; None where one exists."""
    if Scheme.objects.filter(year=window.year, subject=subject, cycle=window.cycle).exists():
        return None
    return scheme_create(
        by=by,
        year=window.year,
        subject=subject,
        cycle=window.cycle,
        name=f"{window.year}年{Subject(subject).label}{Cycle(window.cycle).label}考核方案（默认指标）",
        effective_from=window.start,
        praised_count=DEFAULT_PRAISED[subject],
        summoned_count=DEFAULT_SUMMONED[subject],
    )


def frozen_message(scheme: Scheme) -> str:
    return f"{scheme}已于{scheme.effective_from:%Y年%-m月%-d日}起施行，不能再修改；请另立新版本。"


@transaction.atomic
def scheme_update(*, by, scheme: Scheme, indicators: list[dict], **fields) -> Scheme:
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    if scheme.is_frozen():
        raise ValidationError(frozen_message(scheme))
    before, before_indicators = snapshot(scheme), indicators_snapshot(scheme)
    for name, value in fields.items():
        setattr(scheme, name, value)
    _check_effective_from(scheme)
    scheme.full_clean()
    _check_indicators(scheme.subject, indicators)
    scheme.save()
    _write_indicators(scheme, indicators)
    log_update(by=by, obj=scheme, before=before)
    after = indicators_snapshot(scheme)
    if after != before_indicators:
        log_values(by=by, obj=scheme, before=before_indicators, after=after, reason="考核指标")
    return scheme


@transaction.atomic
def scheme_delete(*, by, scheme: Scheme) -> None:
    """Discard a version that has not taken effect (a draft revision, or a scheme entered by mistake)."""
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    if scheme.is_frozen():
        raise ValidationError(f"{scheme}已施行，不能删除。")
    before = {**snapshot(scheme), "indicators": indicators_snapshot(scheme)}
    log_delete(by=by, obj=scheme, before=before)
    scheme.delete()


def _check_effective_from(scheme: Scheme) -> None:
    """A later version is written down before it applies: not in the past, and after the version it replaces."""
    if scheme.version == 1:
        return
    if scheme.effective_from < timezone.localdate():
        raise ValidationError({"effective_from": "新版本的施行日期不能早于今天：考核规则要在考核期开始前定好。"})
    earlier = Scheme.objects.filter(
        year=scheme.year, subject=scheme.subject, cycle=scheme.cycle, version__lt=scheme.version
    ).order_by("-version")
    if earlier and scheme.effective_from <= earlier[0].effective_from:
        raise ValidationError({"effective_from": f"新版本的施行日期应晚于第{earlier[0].version}版的施行日期。"})


def next_period_start(cycle: str, today: datetime.date) -> datetime.date:
    """The first day of the next period of the cycle."""
    if cycle == Cycle.MONTH:
        return datetime.date(today.year + today.month // 12, today.month % 12 + 1, 1)
    if cycle == Cycle.HALF and today.month <= 6:
        return datetime.date(today.year, 7, 1)
    return datetime.date(today.year + 1, 1, 1)


@transaction.atomic
def scheme_new_version(*, by, scheme: Scheme, effective_from: datetime.date | None = None) -> Scheme:
    """A copy of the latest version, editable until it takes effect (by default at the next period's start)."""
    latest = Scheme.objects.filter(year=scheme.year, subject=scheme.subject, cycle=scheme.cycle).order_by("-version")[0]
    if not latest.is_frozen():
        raise ValidationError(f"{latest}尚未施行，可以直接修改，不必另立新版本。")
    indicators = [{"measure": i.measure, "weight": i.weight, "per_item": i.per_item} for i in latest.indicators.all()]
    copy = Scheme(
        year=latest.year,
        subject=latest.subject,
        cycle=latest.cycle,
        version=latest.version + 1,
        name=latest.name,
        effective_from=effective_from or next_period_start(latest.cycle, timezone.localdate()),
        praised_count=latest.praised_count,
        summoned_count=latest.summoned_count,
        note=latest.note,
        created_by=by,
    )
    _check_effective_from(copy)
    copy.full_clean()
    copy.save()
    _write_indicators(copy, indicators)
    log_create(by=by, obj=copy, reason=f"由第{latest.version}版修订")
    return copy


def scheme_for(year: int, subject: str, window: Window) -> Scheme:
    """The version in force when the period started."""
    scheme = (
        Scheme.objects.filter(year=year, subject=subject, cycle=window.cycle, effective_from__lte=window.start)
        .order_by("-version")
        .first()
    )
    if scheme is None:
        raise ValidationError(
            f"{window.label}开始前没有施行中的{Subject(subject).label}{Cycle(window.cycle).label}考核方案，不能计算。"
        )
    return scheme


@transaction.atomic
def assessment_compute(*, by, subject: str, period_code: str) -> Assessment:
    """Score every body for the period by the scheme version in force at its start and store the sheets.
    A draft is replaced by the new computation; a published result is final."""
    window = window_of(period_code)
    scheme = scheme_for(window.year, subject, window)
    existing = Assessment.objects.select_for_update().filter(scheme=scheme, period_code=window.code).first()
    if existing is not None and existing.is_published:
        raise ValidationError(f"{existing}已公布，不能重新计算。")
    sheets = scoring.score(scheme, window)
    if existing is not None:
        existing.scores.all().delete()
        assessment = existing
        assessment.computed_at, assessment.computed_by = timezone.now(), account_of(by)
        assessment.save()
        log_event(by=by, obj=assessment, reason="重新计算")
    else:
        assessment = Assessment.objects.create(
            scheme=scheme, period_code=window.code, computed_at=timezone.now(), computed_by=account_of(by)
        )
        log_create(by=by, obj=assessment)
    _store(assessment, scheme.subject, sheets)
    return assessment


BODY_FIELD = {Subject.REGION: "region_id", Subject.DEPARTMENT: "department_id", Subject.UNIT: "enterprise_id"}


def _store(assessment: Assessment, subject: str, sheets: list) -> None:
    scores = Score.objects.bulk_create(
        Score(
            assessment=assessment,
            body_name=sheet.name,
            body_code=sheet.code,
            total=sheet.total,
            rank=sheet.rank,
            praised=sheet.praised,
            summoned=sheet.summoned,
            **{BODY_FIELD[subject]: sheet.body_pk},
        )
        for sheet in sheets
    )
    ScoreLine.objects.bulk_create(
        (
            ScoreLine(
                score=score,
                indicator=line.indicator,
                value=line.value,
                points=line.points,
                basis=line.basis[:200],
                records=line.records,
            )
            for score, sheet in zip(scores, sheets, strict=True)
            for line in sheet.lines
        ),
        batch_size=500,
    )


@transaction.atomic
def assessment_publish(*, by, assessment: Assessment) -> Assessment:
    updated = Assessment.objects.filter(pk=assessment.pk, is_published=False).update(
        is_published=True, published_at=timezone.now()
    )
    if not updated:
        raise ValidationError(f"{assessment}已经公布过了。")
    assessment.refresh_from_db()
    log_event(by=by, obj=assessment, reason="公布考核结果")
    return assessment


def _published_covering(adjustment: Adjustment):
    """A published result whose period contains the adjustment's date (it can then no longer change)."""
    published = Assessment.objects.filter(
        is_published=True, scheme__subject=adjustment.subject, scheme__year=adjustment.occurred_on.year
    ).select_related("scheme")
    return next((a for a in published if a.window.start <= adjustment.occurred_on <= a.window.end), None)


@transaction.atomic
def adjustment_delete(*, by, adjustment: Adjustment) -> None:
    """Withdraw an adjustment entered by mistake, while no published result has counted it."""
    covered = _published_covering(adjustment)
    if covered is not None:
        raise ValidationError(f"{covered}已公布，不能再撤销该期的加减分。")
    log_delete(by=by, obj=adjustment, before=snapshot(adjustment), reason="撤销加减分")
    adjustment.delete()


@transaction.atomic
def adjustment_create(*, by, **fields) -> Adjustment:
    adjustment = Adjustment(created_by=by, **fields)
    body_subject = {"region": Subject.REGION, "department": Subject.DEPARTMENT, "enterprise": Subject.UNIT}
    chosen = [name for name in body_subject if getattr(adjustment, f"{name}_id")]
    if len(chosen) != 1:
        raise ValidationError("请选一个考核对象（县区、部门或项目单位中的一个）。")
    adjustment.subject = body_subject[chosen[0]]
    covered = _published_covering(adjustment)
    if covered is not None:
        raise ValidationError(f"{covered}已公布，不能再登记该期的加减分。")
    return save_logged(adjustment, by=by)
