"""From measurements to points, totals and ranks — the rules of a scheme, once.

- A rate measure gives weight × share, share in 0…1 (a body with nothing due gets the full weight:
  it had nothing to fail); points are rounded half-up to 2 places from the exact fraction.
- A deduction takes per_item points per record, at most the weight.
- Adjustments add the city's recorded points, limited to ± the weight.
- The total is the sum of the rounded lines; equal totals share a rank (1, 2, 2, 4).
- A body with nothing at all to be measured on (no plan, nothing due, nothing recorded) is listed as
  "本期无考核事项" and not ranked — full marks for doing nothing would put it at the top.
- The top `praised_count` ranks are praised; the bodies with fewer than `summoned_count` bodies below
  them are summoned (ties at the edge go together), unless they are praised.
"""

from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from keyprojects.analytics.ranking import competition_ranks
from keyprojects.assessment.choices import DEDUCTIONS, Measure
from keyprojects.assessment.measures import Measured, Measurer
from keyprojects.assessment.windows import Window

CENT = Decimal("0.01")


def round_points(value: Fraction) -> Decimal:
    """Half-up to the cent, decided on the exact fraction."""
    cents = value * 100
    whole, rest = divmod(abs(cents.numerator), cents.denominator)
    if 2 * rest >= cents.denominator:
        whole += 1
    return (Decimal(-whole if cents < 0 else whole) * CENT).quantize(CENT)


@dataclass
class Line:
    indicator: object
    value: str
    points: Decimal
    basis: str
    records: list


@dataclass
class Sheet:
    body_pk: int
    name: str
    code: str
    lines: list
    total: Decimal = Decimal("0.00")
    rank: int | None = None
    had_work: bool = False
    praised: bool = False
    summoned: bool = False


def points_of(indicator, measured: Measured) -> tuple[Decimal, str]:
    weight = Fraction(indicator.weight)
    if indicator.measure in DEDUCTIONS:
        per_item = Fraction(indicator.per_item or 0)
        points = min(per_item * measured.count, weight)
        return -round_points(points), f"{measured.basis}：每项扣 {indicator.per_item} 分，最多扣 {indicator.weight} 分"
    if indicator.measure == Measure.ADJUSTMENT:
        amount = max(min(Fraction(measured.amount or 0), weight), -weight)
        return round_points(amount), f"{measured.basis}，合计不超过 ±{indicator.weight} 分"
    if measured.share is None:
        return round_points(weight), f"{measured.basis}；本期无应考核事项，得满分"
    share = min(max(measured.share, Fraction(0)), Fraction(1))
    return round_points(weight * share), f"{measured.basis} × {indicator.weight} 分"


def score(scheme, window: Window) -> list[Sheet]:
    """Every body's sheet under `scheme` for `window`, ranked."""
    measurer = Measurer(scheme.subject, window)
    bodies = measurer.bodies()
    sheets = {pk: Sheet(pk, name, code, []) for pk, (name, code) in bodies.items()}
    for indicator in scheme.indicators.all():
        for pk, measured in measurer.measure(indicator.measure, bodies).items():
            points, basis = points_of(indicator, measured)
            sheets[pk].lines.append(Line(indicator, measured.value, points, basis, measured.records))
            sheets[pk].had_work = sheets[pk].had_work or measured.had_work
    for sheet in sheets.values():
        sheet.total = sum((line.points for line in sheet.lines), Decimal("0.00"))
    rank([sheet for sheet in sheets.values() if sheet.had_work], scheme.praised_count, scheme.summoned_count)
    return sorted(sheets.values(), key=lambda s: (s.rank is None, s.rank, s.code, s.name))


def rank(sheets: list[Sheet], praised: int, summoned: int) -> None:
    ranks = competition_ranks({sheet.body_pk: sheet.total for sheet in sheets})
    ascending = sorted(sheet.total for sheet in sheets)
    for sheet in sheets:
        sheet.rank = ranks[sheet.body_pk]
        below = bisect_left(ascending, sheet.total)
        sheet.praised = sheet.rank <= praised
        sheet.summoned = below < summoned and not sheet.praised
