"""Money and rates as the offices write them (DOMAIN.md §3): exact decimals, half-up rounding.

Amounts are stored in 万元 with 2 places; summaries print 亿元 with trailing zeros dropped
(1338.30 → 1338.3); a rate with a zero denominator is absent (None), never 0.
"""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
WAN_PER_YI = Decimal(10000)
HUNDRED = Decimal(100)


def round2(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def rate(numerator, denominator) -> Decimal | None:
    """numerator / denominator as a percentage rounded half-up to 2 places; None when denominator is 0."""
    if not denominator:
        return None
    return round2(Decimal(numerator) * HUNDRED / Decimal(denominator))


def strip_zeros(value: Decimal) -> str:
    """1338.30 → 1338.3; 133.00 → 133; never scientific notation."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_wan(value) -> str:
    """An amount in 万元 with thousands separators and 2 places: 35834.6 → 35,834.60."""
    if value is None:
        return "—"
    return f"{round2(value):,.2f}"


def format_yi(value_wan) -> str:
    """An amount in 万元 shown in 亿元, 2 places, trailing zeros dropped: 13383000 → 1338.3."""
    if value_wan is None:
        return "—"
    return strip_zeros(round2(Decimal(value_wan) / WAN_PER_YI))


def format_rate(value) -> str:
    """A rate in percent, trailing zeros dropped: 77.45 → 77.45%，133.00 → 133%；None → —."""
    if value is None:
        return "—"
    return f"{strip_zeros(round2(value))}%"
