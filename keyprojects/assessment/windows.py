"""The stretch of time one assessment covers: a month ("2026-10"), a half-year ("2026-H1") or a year
("2026"). Indicators measured to date (investment, starts, ranking) are taken at its last month."""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from keyprojects.analytics.indicators import period_end
from keyprojects.assessment.choices import Cycle

CODE = re.compile(r"^(\d{4})(?:-(H[12]|\d{2}))?$")


@dataclass(frozen=True)
class Window:
    year: int
    cycle: str
    first_month: int
    last_month: int

    @property
    def code(self) -> str:
        if self.cycle == Cycle.YEAR:
            return str(self.year)
        if self.cycle == Cycle.HALF:
            return f"{self.year}-H{1 if self.first_month == 1 else 2}"
        return f"{self.year}-{self.first_month:02d}"

    @property
    def label(self) -> str:
        if self.cycle == Cycle.YEAR:
            return f"{self.year}年度"
        if self.cycle == Cycle.HALF:
            return f"{self.year}年{'上' if self.first_month == 1 else '下'}半年"
        return f"{self.year}年{self.first_month}月"

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, self.first_month, 1)

    @property
    def end(self) -> datetime.date:
        return period_end(self.year, self.last_month)

    @property
    def months(self) -> range:
        return range(self.first_month, self.last_month + 1)


def window_of(code: str) -> Window:
    """ "2026-10" → October, "2026-H1" → January–June, "2026" → the year."""
    match = CODE.match((code or "").strip())
    if not match:
        raise ValidationError(f"考核期“{code}”的格式不对：月度写 2026-10，半年写 2026-H1 或 2026-H2，年度写 2026。")
    year, part = int(match[1]), match[2]
    if part is None:
        return Window(year, Cycle.YEAR, 1, 12)
    if part.startswith("H"):
        first = 1 if part == "H1" else 7
        return Window(year, Cycle.HALF, first, first + 5)
    month = int(part)
    if not 1 <= month <= 12:
        raise ValidationError(f"考核期“{code}”的月份应在 01—12 之间。")
    return Window(year, Cycle.MONTH, month, month)


def windows_of(year: int, cycle: str) -> list[Window]:
    """Every window of a cycle in a year, in order."""
    if cycle == Cycle.YEAR:
        return [Window(year, cycle, 1, 12)]
    if cycle == Cycle.HALF:
        return [Window(year, cycle, 1, 6), Window(year, cycle, 7, 12)]
    return [Window(year, cycle, month, month) for month in range(1, 13)]
