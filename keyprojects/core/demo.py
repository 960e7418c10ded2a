"""The demo's calendar: every date of the demo city is placed relative to the day it is loaded.

Loaded on 2027-03-10 (Beijing date), February 2027 is the month being filled, January 2027 and every
month before it are confirmed and locked, and the reports cover 2026 and 2027. Loaded in January, the
month being filled is December of the previous year; the new year's list is already entered (on
1 January) but has no reports yet.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.utils import timezone

# The window of the month being filled opens on this day of that month (owners may hand in early).
WINDOW_OPENS_DAY = 25


def shift(month: tuple[int, int], months: int) -> tuple[int, int]:
    """(2027, 1) shifted by -2 → (2026, 11)."""
    index = month[0] * 12 + month[1] - 1 + months
    return index // 12, index % 12 + 1


def month_end(month: tuple[int, int]) -> datetime.date:
    return datetime.date(month[0], month[1], calendar.monthrange(*month)[1])


@dataclass(frozen=True)
class DemoCalendar:
    today: datetime.date

    @property
    def open_month(self) -> tuple[int, int]:
        """Last month: its reports are being filled, reviewed and confirmed now."""
        return shift((self.today.year, self.today.month), -1)

    @property
    def locked_month(self) -> tuple[int, int]:
        """The month before last: the latest confirmed and locked month."""
        return shift(self.open_month, -1)

    @property
    def year(self) -> int:
        """The reporting year: the year of the month being filled."""
        return self.open_month[0]

    @property
    def report_years(self) -> tuple[int, int]:
        """Last year's history (for year-on-year figures and assessment) and the reporting year."""
        return self.year - 1, self.year

    @property
    def list_years(self) -> tuple[int, ...]:
        """The annual lists entered: in January the new year's list is there already."""
        return self.report_years + ((self.today.year,) if self.today.year != self.year else ())

    @property
    def open_end(self) -> datetime.date:
        return month_end(self.open_month)

    @property
    def locked_end(self) -> datetime.date:
        return month_end(self.locked_month)

    @property
    def window_opened(self) -> datetime.date:
        return datetime.date(*self.open_month, WINDOW_OPENS_DAY)

    def months(self) -> list[tuple[int, int]]:
        """Every reported month, from January of last year to the month being filled."""
        months, month = [], (self.year - 1, 1)
        while month <= self.open_month:
            months.append(month)
            month = shift(month, 1)
        return months

    def days_ago(self, days: int) -> datetime.date:
        return self.today - datetime.timedelta(days=days)


def demo_calendar() -> DemoCalendar:
    return DemoCalendar(timezone.localdate())
