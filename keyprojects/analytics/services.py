"""Writes of the analytics module: storing a period's colours, the city's overrides and settings."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from keyprojects.accounts.models import Region
from keyprojects.analytics import colors, selectors
from keyprojects.analytics.choices import Color
from keyprojects.analytics.models import ColorComputation, ColorRecord, WarningLetter
from keyprojects.core.changelog import log_create, log_update, save_logged, snapshot
from keyprojects.core.models import ChangeLogEntry
from keyprojects.core.notify import notify
from keyprojects.reports.models import Period, RaisedProblem
from keyprojects.reports.services import period_get_or_create


def colors_stored(*, year: int, month: int) -> Period:
    """The period's stored colours, computed first only if it has none, or has provisional ones of a month no
    longer being reported (for pages that only look)."""
    period = period_get_or_create(year=year, month=month)
    run = ColorComputation.objects.filter(period=period).first()
    if not ColorRecord.objects.filter(period=period).exists() or (run and colors.outdated(period, run.computed_at)):
        return colors_refresh(year=year, month=month)
    return period


def colors_current(*, year: int, month: int) -> Period:
    """The period's colours as the data stands now: computed again only if anything was changed (the change
    log has an entry) since they were last computed — for the colours page, the bulletin, the API and CLI."""
    period = period_get_or_create(year=year, month=month)
    run = ColorComputation.objects.filter(period=period).first()
    if (
        run is None
        or colors.outdated(period, run.computed_at)
        or ChangeLogEntry.objects.filter(created_at__gt=run.computed_at).exists()
    ):
        return colors_refresh(year=year, month=month)
    return period


def colors_refresh(*, year: int, month: int) -> Period:
    """(Re)compute and store the period's colours — cheap enough to run whenever they are shown — and
    the previous month's if it has none yet, so that "changed this month" can be told."""
    period = period_get_or_create(year=year, month=month)
    colors.compute(period)
    previous = selectors.previous_period(period)
    if previous is not None and not ColorRecord.objects.filter(period=previous).exists():
        colors.compute(previous)
    return period


@transaction.atomic
def color_override(*, by, record: ColorRecord, color: str, reason: str) -> ColorRecord:
    """The city sets a colour by hand; both colours stay visible. An empty colour removes the override."""
    if color and color not in Color.values:
        raise ValidationError({"color": "颜色应为绿、白、黄或红。"})
    if color and not reason.strip():
        raise ValidationError({"reason": "调整颜色必须说明原因。"})
    before = snapshot(record)
    record.override_color, record.override_reason, record.overridden_by = color, reason.strip() if color else "", by
    record.full_clean()
    record.save()
    log_update(by=by, obj=record, before=before, reason=reason.strip() or "取消调整")
    return record


@transaction.atomic
def ranking_rule_save(*, by, rule):
    return color_rule_save(by=by, rule=rule)


@transaction.atomic
def color_rule_save(*, by, rule):
    """Save a year's colour thresholds or ranking weights (any per-year rule), logged."""
    return save_logged(rule, by=by)


LETTER_COLORS = ("黄", "红")


@transaction.atomic
def letters_issue(*, by, period: Period, deadline) -> list:
    """One letter to each ranked region with yellow or red projects this period (not twice)."""
    if deadline <= timezone.localdate():
        raise ValidationError({"deadline": "整改反馈期限应晚于今天。"})
    colors.compute(period)
    records = (
        ColorRecord.objects.filter(period=period)
        .select_related("project", "project__region")
        .prefetch_related("project__leaders")
    )
    flagged = [r for r in records if r.color in LETTER_COLORS]
    issued = []
    for region in Region.objects.filter(is_ranked=True).order_by("sort_order", "code"):
        mine = [r for r in flagged if r.project.region.path.startswith(region.path)]
        if not mine or WarningLetter.objects.filter(period=period, region=region).exists():
            continue
        letter = WarningLetter.objects.create(
            period=period,
            region=region,
            deadline=deadline,
            issued_at=timezone.now(),
            issued_by=by,
            number=f"提示函〔{period.year}〕{period.month}-{region.sort_order}号",
            projects=[_letter_project(r) for r in sorted(mine, key=lambda r: (r.color != "红", r.project.code))],
        )
        log_create(by=by, obj=letter)
        notify(
            region.users.filter(is_active=True),
            title=f"{period}重点项目提示函",
            url="/analytics/letters/",
            body=f"{region.name}有黄色、红色项目 {len(mine)} 个，请于{deadline:%Y年%m月%d日}前反馈整改情况。",
        )
        issued.append(letter)
    return issued


def _letter_project(record) -> dict:
    problems = RaisedProblem.objects.filter(report__project=record.project).order_by("-id")[:3]
    return {
        "code": record.project.code,
        "name": record.project.name,
        "color": record.color,
        "gap": None if record.gap is None else f"{record.gap:.2f}",
        "reason": record.reason,
        "problems": "；".join(p.description for p in problems) or record.reason,
        "leaders": "、".join(leader.name for leader in record.project.leaders.all()),
    }


@transaction.atomic
def letter_reply(*, by, letter, reply: str):
    reply = reply.strip()
    if not reply:
        raise ValidationError({"reply": "请填写整改反馈内容。"})
    before = snapshot(letter)
    letter.reply, letter.replied_at, letter.replied_by = reply, timezone.now(), by
    letter.save()
    log_update(by=by, obj=letter, before=before, reason="整改反馈")
    return letter
