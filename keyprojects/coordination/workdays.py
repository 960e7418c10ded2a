"""Working days on the mainland statutory calendar: holidays and make-up working days (调休上班) included.

Where the answer for a day comes from, first match wins:
1. a `CalendarDay` the city office entered (the State Council's arrangement for a year the package
   does not know yet, or a correction);
2. the chinesecalendar package, for the years it knows;
3. Monday to Friday — and every figure that depends on such a year says so (`deadline_note`,
   `span_note`).

Each function loads the city's entries for its range of dates in one query and walks the days in
Python: deadlines span tens of days, so this is cheap.
"""

import functools
from collections.abc import Iterator
from datetime import date, timedelta

import chinese_calendar

from keyprojects.coordination.models import CalendarDay

ONE_DAY = timedelta(days=1)


@functools.cache
def package_knows(year: int) -> bool:
    """Whether the installed chinesecalendar has the arrangement for `year` (it raises for any other)."""
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


class WorkCalendar:
    """The calendar for the days `first`..`last`, with the city's entries for them loaded in one query.

    The module functions build one per call. A statistics table (average working days to close over
    hundreds of problems) builds one for its whole span instead, so it costs one query, not hundreds.
    """

    def __init__(self, first: date, last: date):
        self.first, self.last = first, last
        self._entered = dict(CalendarDay.objects.filter(date__range=(first, last)).values_list("date", "is_workday"))
        self._cumulative = None

    @classmethod
    def covering(cls, spans) -> "WorkCalendar":
        """One calendar for many (start, end) spans — one query however many of them are counted on it."""
        spans = [(start, end) for start, end in spans if start and end and end > start]
        if not spans:
            today = date.today()
            return cls(today, today)  # nothing to count: every span gives 0
        return cls(min(start for start, _ in spans) + ONE_DAY, max(end for _, end in spans))

    def is_workday(self, day: date) -> bool:
        if not self.first <= day <= self.last:
            raise ValueError(f"{day} is outside the loaded range {self.first}..{self.last}")
        if day in self._entered:
            return self._entered[day]
        if package_knows(day.year):
            return chinese_calendar.is_workday(day)
        return day.weekday() < 5

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end`; 0 when `end` is not after `start`.
        Constant time: the cumulative count of working days is built once per calendar."""
        if end <= start:
            return 0
        if start + ONE_DAY < self.first or end > self.last:
            raise ValueError(f"{start}..{end} is outside the loaded range {self.first}..{self.last}")
        return self._through(end) - self._through(start)

    def _through(self, day: date) -> int:
        """Working days from the first loaded day up to and including `day` (0 before the first)."""
        if self._cumulative is None:
            counted, self._cumulative = 0, []
            for each in _dates(self.first, self.last):
                counted += self.is_workday(each)
                self._cumulative.append(counted)
        index = (day - self.first).days
        return self._cumulative[index] if index >= 0 else 0


def is_workday(day: date) -> bool:
    return WorkCalendar(day, day).is_workday(day)


def calendar_known(year: int) -> bool:
    """The package knows the year, or the city has entered at least one day of it."""
    return package_knows(year) or CalendarDay.objects.filter(date__year=year).exists()


def add_working_days(start: date, days: int) -> date:
    """The deadline `days` working days after `start` (the acceptance day).

    The acceptance day itself does not count and the deadline is always a working day; with 0 days
    it is `start` when that is a working day, else the next working day.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    first = start if days == 0 else start + ONE_DAY
    # Twice the days plus a month covers the longest holiday, so one chunk (one query) is the rule.
    for counted, day in enumerate(_working_days_from(first, chunk=2 * days + 30), start=1):
        if counted >= days:
            return day
    raise AssertionError("unreachable: the walk over working days never ends")


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`, 0 if `end` <= `start`.

    For "elapsed working days" and "average working days to close".
    """
    if end <= start:
        return 0
    return WorkCalendar(start + ONE_DAY, end).working_days_between(start, end)


def deadline_note(start: date, days: int) -> str:
    """The sentence to show beside the deadline when it depends on an unknown year, else empty."""
    first = start if days == 0 else start + ONE_DAY
    return _unknown_years_note(first, add_working_days(start, days), "期限")


def span_note(start: date, end: date) -> str:
    """The same for a `working_days_between(start, end)` figure, such as elapsed working days."""
    if end <= start:
        return ""
    return _unknown_years_note(start + ONE_DAY, end, "工作日数")


def _unknown_years_note(first: date, last: date, subject: str) -> str:
    unknown = [year for year in range(first.year, last.year + 1) if not calendar_known(year)]
    if not unknown:
        return ""
    years = "、".join(f"{year}年" for year in unknown)
    return f"{years}的法定节假日安排尚未录入，{subject}暂按周一至周五计算。"


def _dates(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += ONE_DAY


def _working_days_from(first: date, chunk: int) -> Iterator[date]:
    """Every working day from `first` on, the city's entries loaded `chunk` days (one query) at a time."""
    while True:
        last = first + timedelta(days=chunk - 1)
        calendar = WorkCalendar(first, last)
        yield from (day for day in _dates(first, last) if calendar.is_workday(day))
        first = last + ONE_DAY
