from decimal import Decimal

from keyprojects.core import numbers


def test_a_rate_is_rounded_half_up_to_two_places():
    assert numbers.rate(Decimal("3568.05"), Decimal("4606.99")) == Decimal("77.45")
    assert numbers.rate(1, 8) == Decimal("12.50")
    assert numbers.rate(Decimal("0.125"), 100) == Decimal("0.13")


def test_a_rate_with_a_zero_denominator_is_absent():
    assert numbers.rate(5, 0) is None
    assert numbers.format_rate(None) == "—"


def test_summaries_print_yi_with_trailing_zeros_dropped():
    assert numbers.format_yi(Decimal("13383000.00")) == "1338.3"
    assert numbers.format_yi(Decimal("12660000")) == "1266"
    assert numbers.format_rate(Decimal("133.00")) == "133%"
    assert numbers.format_rate(Decimal("77.45")) == "77.45%"


def test_amounts_in_wan_have_thousands_separators():
    assert numbers.format_wan(Decimal("35834.6")) == "35,834.60"
    assert numbers.format_wan(Decimal("1234567.005")) == "1,234,567.01"
