"""Writes of the analytics module: storing a period's colours, the city's overrides and settings, and
issuing and answering warning letters."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from keyprojects.accounts.choices import UserRole
from keyprojects.accounts.models import Region, User
from keyprojects.accounts.scope import account_of
from keyprojects.accounts.services import managed_city
from keyprojects.analytics import colors, selectors
from keyprojects.analytics.choices import Color
from keyprojects.analytics.models import ColorComputation, ColorRecord, LetterNumbering, WarningLetter
from keyprojects.core.changelog import log_create, log_update, save_logged, snapshot, update_logged
from keyprojects.core.dates import chinese_date
from keyprojects.core.models import ChangeLogEntry
from keyprojects.core.notify import notify
from keyprojects.reports.models import Period
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
    log has an entry) since they were last computed — for the colours page, the bulletin, the API and CLI.
    A locked period's colours, once computed after its locking, never change (until the city unlocks it)."""
    period = period_get_or_create(year=year, month=month)
    run = ColorComputation.objects.filter(period=period).first()
    if _frozen(period, run):
        return period
    if (
        run is None
        or colors.outdated(period, run.computed_at)
        or ChangeLogEntry.objects.filter(created_at__gt=run.computed_at).exists()
    ):
        return colors_refresh(year=year, month=month)
    return period


def _frozen(period: Period, run: ColorComputation | None) -> bool:
    """Locked, and computed since it was locked (the lock is the period's latest change-log entry)."""
    if not period.is_locked or run is None:
        return False
    locked_at = ChangeLogEntry.objects.for_object(period).order_by("-created_at").values("created_at").first()
    return locked_at is None or run.computed_at >= locked_at["created_at"]


def colors_refresh(*, year: int, month: int) -> Period:
    """(Re)compute and store the period's colours — cheap enough to run whenever they are shown — and
    the previous month's if it has none yet, so that "changed this month" can be told. A locked period
    whose colours are frozen is left as it is."""
    period = period_get_or_create(year=year, month=month)
    if _frozen(period, ColorComputation.objects.filter(period=period).first()):
        return period
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
DEFAULT_OFFICE_SHORT = "重项办"  # 许昌市 → 许重项办〔2026〕10号


def letter_numbering_for(year: int) -> LetterNumbering:
    """The year's numbering (stored, or a new one with last year's pattern, or the default for the city)."""
    numbering = LetterNumbering.objects.filter(year=year).first()
    if numbering is not None:
        return numbering
    earlier = LetterNumbering.objects.filter(year__lt=year).order_by("-year").first()
    if earlier is not None:
        return LetterNumbering(year=year, pattern=earlier.pattern)
    city = managed_city()
    return LetterNumbering(
        year=year, pattern=f"{city.name[:1] if city else ''}{DEFAULT_OFFICE_SHORT}〔{{year}}〕{{number}}号"
    )


@transaction.atomic
def letter_numbering_save(*, by, numbering: LetterNumbering) -> LetterNumbering:
    """The city sets the year's pattern and next serial; a serial already used is never given out again."""
    used = WarningLetter.objects.filter(number_year=numbering.year).aggregate(last=Max("serial"))["last"] or 0
    if numbering.next_serial <= used:
        raise ValidationError(
            {"next_serial": f"{numbering.year}年的提示函已用到第{used}号，下一个序号应不小于{used + 1}。"}
        )
    return save_logged(numbering, by=by, reason="设置提示函文号")


def _take_serials(*, by, year: int, count: int) -> tuple[LetterNumbering, int]:
    """Reserve `count` serials of the year (the row is locked until the letters are saved): the first one."""
    numbering = LetterNumbering.objects.select_for_update().filter(year=year).first()
    if numbering is None:
        numbering = save_logged(letter_numbering_for(year), by=by, reason="首次印发提示函")
    first = numbering.next_serial
    update_logged(numbering, by=by, reason="印发提示函取号", next_serial=first + count)
    return numbering, first


@transaction.atomic
def letters_issue(*, by, period: Period, deadline) -> list:
    """One letter to each ranked region with yellow or red projects this period (not twice), numbered in the
    office's pattern, listing each project with its figures, main problems and leaders."""
    today = timezone.localdate()
    if deadline <= today:
        raise ValidationError({"deadline": "整改反馈期限应晚于今天。"})
    colors_refresh(year=period.year, month=period.month)
    # letter_rows reads the leaders itself (one query for all of a region's projects).
    records = ColorRecord.objects.filter(period=period).select_related("project", "project__region")
    flagged = [r for r in records if r.color in LETTER_COLORS]
    done = set(WarningLetter.objects.filter(period=period).values_list("region_id", flat=True))
    due = []
    for region in Region.objects.filter(is_ranked=True).order_by("sort_order", "code"):
        mine = [r for r in flagged if r.project.region.path.startswith(region.path)]
        if mine and region.pk not in done:
            due.append((region, sorted(mine, key=lambda r: (r.color != "红", r.project.code))))
    if not due:
        return []
    numbering, serial = _take_serials(by=by, year=today.year, count=len(due))
    issued = []
    for offset, (region, mine) in enumerate(due):
        letter = WarningLetter.objects.create(
            period=period,
            region=region,
            deadline=deadline,
            issued_at=timezone.now(),
            issued_by=account_of(by),
            number=numbering.number(serial + offset),
            number_year=numbering.year,
            serial=serial + offset,
            projects=selectors.letter_rows(region, period, mine),
        )
        log_create(by=by, obj=letter)
        notify(
            region.users.filter(is_active=True),
            title=f"{period}重点项目提示函",
            url=f"/analytics/letters/?period={period.code}",  # the letter's month, not the month leaders open on
            body=f"{region.name}有黄色、红色项目 {len(mine)} 个（{letter.number}），"
            f"请于{chinese_date(deadline)}前反馈整改情况。",
        )
        issued.append(letter)
    return issued


@transaction.atomic
def letter_reply(*, by, letter, reply: str):
    reply = reply.strip()
    if not reply:
        raise ValidationError({"reply": "请填写整改反馈内容。"})
    before = snapshot(letter)
    letter.reply, letter.replied_at, letter.replied_by = reply, timezone.now(), by
    letter.save()
    log_update(by=by, obj=letter, before=before, reason="整改反馈")
    notify(
        User.objects.filter(role=UserRole.CITY_ADMIN, is_active=True),
        title=f"{letter.region.name}已反馈{letter.number}",
        body=reply[:200],
        url=f"/analytics/letters/?period={letter.period.code}",
    )
    return letter
