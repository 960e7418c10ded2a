"""DOMAIN.md §8: while month m is still being reported (before the county deadline, Beijing time), its colours
are provisional and the stall rule looks at months m−2 and m−1: a report not yet due is not a missing report."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from keyprojects.analytics import services
from keyprojects.analytics.choices import Color
from keyprojects.analytics.colors import color_for, is_provisional
from keyprojects.analytics.models import ColorRecord
from keyprojects.analytics.tests.test_colors import RULE, continuing
from keyprojects.reports.choices import ReportStatus
from keyprojects.reports.models import Period, Report

BEIJING = ZoneInfo("Asia/Shanghai")
STALLED = "基本停滞"


def beijing(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=BEIJING)


def test_while_the_month_is_reported_the_stall_rule_looks_at_the_two_months_before():
    # Started on 1 April: under construction through April and May (m−2, m−1 of June) only if started before April.
    april = continuing("600.00", invested_last_two_months=Decimal("0"), actual_start=datetime.date(2026, 4, 1))
    assert color_for(april, RULE, 2026, 6, provisional=True)[0] == Color.WHITE
    march = continuing("600.00", invested_last_two_months=Decimal("0"), actual_start=datetime.date(2026, 3, 31))
    color, _, why = color_for(march, RULE, 2026, 6, provisional=True)
    assert color == Color.RED and why == "连续两个月（4—5月）无投资（基本停滞）"
    assert color_for(march, RULE, 2026, 6)[2] == "连续两个月（5—6月）无投资（基本停滞）"


def test_february_being_reported_has_no_two_earlier_months_of_the_year_to_stall_in():
    february = continuing("0.00", invested_last_two_months=Decimal("0"))
    assert STALLED not in color_for(february, RULE, 2026, 2, provisional=True)[2]
    assert STALLED in color_for(february, RULE, 2026, 2)[2]


@pytest.mark.parametrize(
    ("moment", "provisional"),
    [
        (beijing(2026, 11, 4, 12, 0), True),  # the day before the county deadline (5 November)
        (beijing(2026, 11, 5, 23, 59, 59), True),  # the deadline day is the whole day
        (beijing(2026, 11, 6, 0, 0), False),  # the day after
        (datetime.datetime(2026, 11, 5, 15, 59, 59, tzinfo=datetime.UTC), True),  # 23:59:59 in Beijing
        (datetime.datetime(2026, 11, 5, 16, 0, tzinfo=datetime.UTC), False),  # 00:00 on the 6th in Beijing
    ],
)
def test_a_month_is_provisional_until_the_end_of_the_county_deadline_day_beijing_time(moment, provisional):
    october = Period(year=2026, month=10, **Period.default_deadlines(2026, 10))
    assert october.county_deadline == datetime.date(2026, 11, 5)
    assert is_provisional(october, moment) is provisional


def test_a_locked_month_is_never_provisional():
    october = Period(year=2026, month=10, is_locked=True, **Period.default_deadlines(2026, 10))
    assert not is_provisional(october, beijing(2026, 11, 4, 12, 0))


@pytest.fixture
def quiet_since_september(people):
    """Project A, under construction since 2025: 950 万元 confirmed by August (on schedule), 0 in September,
    October not in yet."""
    people.project_a.actual_start = datetime.date(2025, 2, 1)
    people.project_a.save()
    people.entry_a.category = "continuing"
    people.entry_a.save()
    people.report_a.delete()  # October's report is not in yet
    people.color_a.delete()
    for month, amount in ((8, "950.00"), (9, "0.00")):
        period = Period.objects.create(year=2026, month=month, is_locked=True, **Period.default_deadlines(2026, month))
        Report.objects.create(
            project=people.project_a, period=period, amount=Decimal(amount), status=ReportStatus.CONFIRMED
        )
    return people


def at(monkeypatch, moment: datetime.datetime) -> None:
    monkeypatch.setattr(timezone, "now", lambda: moment)


def colour_of_a(people) -> ColorRecord:
    return ColorRecord.objects.get(period=people.period, project=people.project_a)


def test_october_is_not_red_for_its_own_missing_reports_on_the_county_deadline_day(
    quiet_since_september, client_for, monkeypatch
):
    people = quiet_since_september
    at(monkeypatch, beijing(2026, 11, 5, 23, 0))
    html = client_for("city").get("/analytics/colors/?period=2026-10").content.decode()
    record = colour_of_a(people)
    assert record.computed_color != Color.RED and STALLED not in record.reason  # August had investment
    assert "颜色为临时结果" in html and "看8—9月" in html and "临时数据" in html
    assert "无投资（基本停滞）" not in html


def test_the_day_after_the_county_deadline_october_is_judged_on_september_and_october(
    quiet_since_september, client_for, monkeypatch
):
    people = quiet_since_september
    at(monkeypatch, beijing(2026, 11, 5, 12, 0))
    services.colors_current(year=2026, month=10)  # computed while provisional, stored
    assert colour_of_a(people).computed_color != Color.RED
    at(monkeypatch, beijing(2026, 11, 6, 0, 0))  # nothing changed in the data, only the day
    html = client_for("city").get("/analytics/colors/?period=2026-10").content.decode()
    record = colour_of_a(people)
    assert record.computed_color == Color.RED and record.reason == "连续两个月（9—10月）无投资（基本停滞）"
    assert "连续两个月（9—10月）无投资（基本停滞）" in html and "颜色为临时结果" not in html


def test_the_cockpit_recounts_provisional_colours_once_the_county_deadline_has_passed(
    quiet_since_september, client_for, monkeypatch
):
    at(monkeypatch, beijing(2026, 11, 4, 9, 0))
    before = client_for("leader").get("/cockpit/?period=2026-10&format=json").json()["colors"]
    at(monkeypatch, beijing(2026, 11, 6, 9, 0))
    after = client_for("leader").get("/cockpit/?period=2026-10&format=json").json()["colors"]
    red = {row["color"]: row["count"] for row in before}["红"]
    assert {row["color"]: row["count"] for row in after}["红"] == red + 1  # project A, stalled in September–October
