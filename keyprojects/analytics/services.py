"""Writes of the analytics module: storing a period's colours, the city's overrides and settings."""

from django.core.exceptions import ValidationError
from django.db import transaction

from keyprojects.analytics import colors
from keyprojects.analytics.choices import Color
from keyprojects.analytics.models import ColorRecord, ColorRule
from keyprojects.core.changelog import log_create, log_update, snapshot
from keyprojects.reports.models import Period
from keyprojects.reports.services import period_get_or_create


def colors_refresh(*, year: int, month: int) -> Period:
    """(Re)compute and store the period's colours. Cheap enough to run whenever they are shown."""
    period = period_get_or_create(year=year, month=month)
    colors.compute(period)
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
def color_rule_save(*, by, rule: ColorRule) -> ColorRule:
    before = snapshot(ColorRule.objects.get(pk=rule.pk)) if rule.pk else None
    rule.full_clean()
    rule.save()
    if before is None:
        log_create(by=by, obj=rule)
    else:
        log_update(by=by, obj=rule, before=before)
    return rule
