"""Dates and times as a person reads them: in Beijing time (settings.TIME_ZONE), written the Chinese way.

Stored datetimes are UTC; the API gives them as ISO 8601 with the offset. Pages, documents, exports and
messages show them here: 2026-12-01T17:59:03+00:00 reads 2026年12月2日 01:59.
"""

import datetime
import re

from django.utils import timezone

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")


def chinese_date(day: datetime.date) -> str:
    """2026-12-02 → 2026年12月2日 (a datetime is first put in Beijing time)."""
    if isinstance(day, datetime.datetime):
        day = timezone.localdate(day) if timezone.is_aware(day) else day.date()
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_datetime(moment: datetime.datetime) -> str:
    """A stored (UTC) moment in Beijing time: 2026年12月2日 01:59."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{chinese_date(moment.date())} {moment:%H:%M}"


def logged_value(value):
    """A value as the change log stored it (JSON), for reading: ISO dates and datetimes in Chinese and in
    Beijing time (a datetime stored without an offset is UTC); anything else unchanged."""
    if not isinstance(value, str):
        return value
    if ISO_DATE.fullmatch(value):
        return chinese_date(datetime.date.fromisoformat(value))
    if ISO_DATETIME.fullmatch(value):
        moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        if timezone.is_naive(moment):
            moment = moment.replace(tzinfo=datetime.UTC)
        return chinese_datetime(moment)
    return value
