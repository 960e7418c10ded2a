from django.utils import timezone

from keyprojects.analytics.filters import Filters
from keyprojects.analytics.indicators import latest_period, period_of


def chosen_period(request) -> tuple[int, int]:
    """The period asked for (?period=YYYY-MM), else the latest with confirmed reports, else last month."""
    try:
        return period_of(request.GET["period"])
    except (KeyError, ValueError):
        pass
    latest = latest_period()
    if latest:
        return latest
    today = timezone.localdate()
    return (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)


def chosen_filters(request) -> Filters:
    return Filters.from_query(request.GET)
