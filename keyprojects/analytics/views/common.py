import datetime

from keyprojects.analytics import selectors
from keyprojects.analytics.filters import Filters
from keyprojects.analytics.indicators import period_of


def chosen_period(request) -> tuple[int, int]:
    """The period asked for (?period=YYYY-MM), else the latest settled month (selectors.default_period)."""
    try:
        return period_of(request.GET["period"])
    except (KeyError, ValueError):
        return selectors.default_period()


def period_picker(year: int, month: int) -> dict:
    """What every page with a month picker passes: the month shown, the months to choose from, and whether the
    figures are still provisional (marked 临时数据 beside the title)."""
    return {
        "period_code": f"{year}-{month:02d}",
        "period_options": selectors.period_options(year, month),
        "provisional": not selectors.is_settled(year, month),
    }


def chosen_filters(request) -> Filters:
    return Filters.from_query(request.GET)


def chosen_day(request) -> datetime.date | None:
    """?as_of=YYYY-MM-DD (the 按当日确认数 field): show the figures as confirmed by the end of that day."""
    try:
        return datetime.date.fromisoformat(request.GET.get("as_of", ""))
    except ValueError:
        return None
