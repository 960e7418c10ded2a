from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from keyprojects.reports import selectors, services
from keyprojects.reports.models import Report


def test_year_to_date_and_since_start_are_sums_of_the_monthly_rows(people, month, confirmed):
    people.project_a.opening_completed = Decimal("1000.00")
    people.project_a.save()
    for number, amount in [(1, "100.10"), (2, "200.20"), (3, "0.00")]:
        confirmed(number, amount)
    Report.objects.create(project=people.project_a, period=month(4), amount=Decimal("50"), status="submitted")
    official = selectors.project_totals(people.project_a, month(4))
    provisional = selectors.project_totals(people.project_a, month(4), provisional=True)
    assert (official.ytd, official.since_start) == (Decimal("300.30"), Decimal("1300.30"))
    assert (provisional.ytd, provisional.since_start) == (Decimal("350.30"), Decimal("1350.30"))


def test_a_negative_month_is_refused(people, month):
    report = services.report_start(people.project_a, month(9))
    report.amount = Decimal("-1")
    with pytest.raises(ValidationError, match="不能为负数"):
        services.report_save(by=people.owner_x, report=report)
    assert not Report.objects.filter(period=month(9)).exists()


def test_going_past_the_total_investment_needs_a_stated_reason(people, month, confirmed):
    confirmed(8, "9900")  # total investment is 10,000.00
    report = services.report_start(people.project_a, month(9))
    report.amount = Decimal("200")
    with pytest.raises(ValidationError, match="超过总投资 10,000.00 万元"):
        services.report_save(by=people.owner_x, report=report)
    report.over_total_reason = "设计变更增加投资，已报批调概"
    services.report_save(by=people.owner_x, report=report)
    assert Report.objects.get(period=month(9)).over_total_reason.startswith("设计变更")


def test_a_jump_above_three_times_the_average_month_is_flagged(people, month, confirmed):
    for number in (6, 7, 8):
        confirmed(number, "100")
    report = Report.objects.create(project=people.project_a, period=month(9), amount=Decimal("300.01"))
    assert any("3倍" in flag for flag in services.review_flags(report))
    report.amount = Decimal("300.00")
    assert not any("3倍" in flag for flag in services.review_flags(report))


def test_the_same_figure_three_months_running_is_flagged(people, month, confirmed):
    confirmed(7, "88.8")
    confirmed(8, "88.8")
    report = Report.objects.create(project=people.project_a, period=month(9), amount=Decimal("88.80"))
    services.report_submit(by=people.owner_x, report=report)
    assert "连续3个月填报相同金额 88.80 万元" in Report.objects.get(pk=report.pk).flags
