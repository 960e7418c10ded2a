"""Every four-colour threshold of DOMAIN.md §8, on its boundary."""

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest

from keyprojects.analytics.choices import Color
from keyprojects.analytics.colors import Figures, color_for
from keyprojects.analytics.models import ColorRule

RULE = ColorRule(year=2026)
PLAN = Decimal("1200.00")  # 100 a month on the even split; at month 6, X = 600


def continuing(ytd: str, **changes) -> Figures:
    values = dict(
        category="continuing",
        annual_plan=PLAN,
        plan_to_date=Fraction(600),
        ytd=Decimal(ytd),
        planned_start=datetime.date(2025, 1, 1),
        actual_start=datetime.date(2025, 2, 1),
        actual_completion=None,
        invested_last_two_months=Decimal("50"),
    )
    values.update(changes)
    return Figures(**values)


@pytest.mark.parametrize(
    ("ytd", "color"),
    [
        ("720.00", Color.GREEN),  # g = +10: green on the boundary
        ("719.99", Color.WHITE),  # just under +10
        ("480.01", Color.WHITE),  # just above −10
        ("480.00", Color.YELLOW),  # g = −10: yellow on the boundary
        ("240.00", Color.YELLOW),  # g = −30: still yellow
        ("239.99", Color.RED),  # below −30: red
    ],
)
def test_the_gap_thresholds_on_their_boundaries(ytd, color):
    assert color_for(continuing(ytd), RULE, 2026, 6)[0] == color


def test_the_gap_is_compared_exactly_without_rounding_first():
    # X = 1000 × 7/12 = 583.33…; ytd 483.34 gives g = −9.99933…, which rounded to 2 places would
    # read −10.00 and turn yellow. Compared exactly it stays white.
    figures = continuing("483.34", annual_plan=Decimal("1000.00"), plan_to_date=Fraction(1000 * 7, 12))
    color, gap, _ = color_for(figures, RULE, 2026, 7)
    assert gap == Decimal("-9.9993") and color == Color.WHITE


def test_a_zero_annual_plan_is_white():
    assert (
        color_for(continuing("0", annual_plan=Decimal("0"), plan_to_date=Fraction(0)), RULE, 2026, 6)[0] == Color.WHITE
    )


def new_start(planned: datetime.date, actual=None) -> Figures:
    return continuing("0", category="new", planned_start=planned, actual_start=actual)


@pytest.mark.parametrize(
    ("planned", "color"),
    [
        (datetime.date(2026, 7, 1), Color.WHITE),  # planned start after E
        (datetime.date(2026, 6, 30), Color.YELLOW),  # same month: k = 0
        (datetime.date(2026, 4, 1), Color.YELLOW),  # k = 2
        (datetime.date(2026, 3, 31), Color.RED),  # k = 3
    ],
)
def test_a_new_start_not_started_by_the_period_end(planned, color):
    assert color_for(new_start(planned), RULE, 2026, 6)[0] == color


def test_a_new_start_that_started_is_judged_by_its_figures():
    figures = new_start(datetime.date(2026, 3, 1), actual=datetime.date(2026, 6, 30))
    figures = Figures(**{**figures.__dict__, "ytd": Decimal("720"), "invested_last_two_months": Decimal("720")})
    assert color_for(figures, RULE, 2026, 6)[0] == Color.GREEN


def test_no_investment_for_two_months_is_red_whatever_the_gap():
    stalled = continuing("900.00", invested_last_two_months=Decimal("0"))
    assert color_for(stalled, RULE, 2026, 6)[:1] == (Color.RED,)


def test_a_project_started_within_the_last_two_months_is_not_stalled():
    recent = continuing("600.00", invested_last_two_months=Decimal("0"), actual_start=datetime.date(2026, 5, 1))
    assert color_for(recent, RULE, 2026, 6)[0] == Color.WHITE
    earlier = continuing("600.00", invested_last_two_months=Decimal("0"), actual_start=datetime.date(2026, 4, 30))
    assert color_for(earlier, RULE, 2026, 6)[0] == Color.RED


def test_a_completed_project_keeps_the_colour_its_figures_give():
    done = continuing("720.00", invested_last_two_months=Decimal("0"), actual_completion=datetime.date(2026, 6, 15))
    assert color_for(done, RULE, 2026, 6)[0] == Color.GREEN


def test_january_cannot_be_stalled():
    january = continuing("0.00", plan_to_date=Fraction(100), invested_last_two_months=Decimal("0"))
    assert color_for(january, RULE, 2026, 1)[0] == Color.WHITE  # g = −8.33, and m < 2: no stall rule


def test_the_city_can_set_other_thresholds_for_a_year():
    strict = ColorRule(year=2026, green_gap=Decimal("5"), yellow_gap=Decimal("-5"), red_gap=Decimal("-20"))
    assert color_for(continuing("660.00"), strict, 2026, 6)[0] == Color.GREEN
    assert color_for(continuing("540.00"), strict, 2026, 6)[0] == Color.YELLOW


def test_colours_are_computed_again_only_after_a_logged_change(people):
    from keyprojects.analytics import services
    from keyprojects.analytics.models import ColorComputation
    from keyprojects.core.changelog import log_event

    services.colors_current(year=2026, month=10)
    first = ColorComputation.objects.get(period=people.period).computed_at
    services.colors_current(year=2026, month=10)
    assert ColorComputation.objects.get(period=people.period).computed_at == first  # nothing changed: kept
    log_event(by=people.city, obj=people.project_a, reason="测试变更")
    services.colors_current(year=2026, month=10)
    assert ColorComputation.objects.get(period=people.period).computed_at > first
