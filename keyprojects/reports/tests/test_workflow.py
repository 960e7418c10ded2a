from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from keyprojects.core.models import ChangeLogEntry, Notification
from keyprojects.reports import services
from keyprojects.reports.models import Confirmation, Period, Report


def _state(report) -> tuple:
    report = Report.objects.get(pk=report.pk)
    return report.status, report.amount, report.progress, ChangeLogEntry.objects.for_object(report).count()


def test_a_report_goes_from_owner_to_county_to_city(people, month):
    report = services.report_start(people.project_a, month(9))
    report.amount = Decimal("250.00")
    report = services.report_save(by=people.owner_x, report=report)
    services.report_submit(by=people.owner_x, report=report)
    services.report_approve(by=people.county_a, report=report)
    services.report_confirm(by=people.city, report=report)
    report.refresh_from_db()
    assert report.status == "confirmed" and report.submitted_at and report.reviewed_at and report.confirmed_at
    assert Confirmation.objects.get(report=report).amount == Decimal("250.00")
    assert [e.username for e in ChangeLogEntry.objects.for_object(report).order_by("id")] == [
        "t_owner_x",
        "t_owner_x",
        "t_county_a",
        "t_city",
    ]


def test_a_new_report_starts_from_last_months(people, month, confirmed):
    last = confirmed(8, "300")
    last.progress, last.stage = "主体结构封顶", "construction"
    last.save()
    report = services.report_start(people.project_a, month(9))
    assert (report.progress, report.stage) == ("主体结构封顶", "construction")


def test_returning_needs_a_reason_and_tells_the_owner(people):
    with pytest.raises(ValidationError, match="退回必须说明原因"):
        services.report_return(by=people.county_a, report=people.report_a, reason="")
    services.report_return(by=people.county_a, report=people.report_a, reason="金额与发票不符")
    assert Report.objects.get(pk=people.report_a.pk).return_reason == "金额与发票不符"
    message = Notification.objects.get(user=people.owner_x)
    assert "退回" in message.title and "金额与发票不符" in message.body


def test_a_confirmed_report_cannot_be_changed_and_the_refusal_changes_nothing(people, confirmed, client_for):
    report = confirmed(9, "500")
    before = _state(report)
    report.amount = Decimal("1")
    with pytest.raises(ValidationError, match="已确认，不能再修改"):
        services.report_save(by=people.owner_x, report=report)
    response = client_for("owner_x").post(
        "/api/reports/",
        {"project": people.project_a.pk, "period": "2026-09", "amount": "1", "submit": True},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert _state(report) == before


def test_a_locked_period_refuses_every_change_until_the_city_unlocks_it_with_a_reason(people, confirmed):
    report = confirmed(9, "500")
    period = report.period
    services.period_lock(by=people.city, period=period)
    before = _state(report)
    with pytest.raises(ValidationError, match="已锁定"):
        services.report_reopen(by=people.city, report=report, reason="更正")
    assert _state(report) == before
    with pytest.raises(ValidationError, match="解锁必须说明原因"):
        services.period_unlock(by=people.city, period=period, reason=" ")
    services.period_unlock(by=people.city, period=period, reason="统计局反馈需更正9月数据")
    services.report_reopen(by=people.city, report=report, reason="更正")
    assert Report.objects.get(pk=report.pk).status == "returned"
    entry = ChangeLogEntry.objects.for_object(period).latest("id")
    assert entry.reason == "统计局反馈需更正9月数据" and entry.username == "t_city"


def test_a_county_cannot_approve_twice_and_the_city_only_confirms_approved_reports(people):
    with pytest.raises(ValidationError, match="不能确认"):
        services.report_confirm(by=people.city, report=people.report_a)
    services.report_approve(by=people.county_a, report=people.report_a)
    with pytest.raises(ValidationError, match="不能审核通过"):
        services.report_approve(by=people.county_a, report=people.report_a)


def test_confirming_a_start_makes_it_the_projects_actual_start(people):
    import datetime

    Report.objects.filter(pk=people.report_a.pk).update(actual_start=datetime.date(2026, 10, 8))
    report = Report.objects.get(pk=people.report_a.pk)
    services.report_approve(by=people.county_a, report=report)
    services.report_confirm(by=people.city, report=report)
    people.project_a.refresh_from_db()
    assert people.project_a.actual_start == datetime.date(2026, 10, 8)


def test_bulk_approve_reports_each_refusal(people, month, client_for):
    other = Report.objects.create(project=people.project_a, period=month(9), amount=Decimal("1"), status="draft")
    response = client_for("county_a").post(
        "/reports/2026-10/bulk/", {"action": "approve", "report": [people.report_a.pk, other.pk]}
    )
    assert response.status_code == 302
    assert Report.objects.get(pk=people.report_a.pk).status == "county_approved"
    assert Report.objects.get(pk=other.pk).status == "draft"  # another month: not in this bulk


def test_a_county_cannot_approve_another_countys_report_through_the_page(people, client_for):
    response = client_for("county_b").post(f"/reports/r/{people.report_a.pk}/approve/")
    assert response.status_code == 404
    assert Report.objects.get(pk=people.report_a.pk).status == "submitted"


def test_an_unlocked_month_is_open_again_so_the_owner_can_correct_what_was_sent_back(people, confirmed, client_for):
    report = confirmed(9, "500")
    services.period_lock(by=people.city, period=report.period)
    assert not Period.objects.get(pk=report.period.pk).is_open
    services.period_unlock(by=people.city, period=report.period, reason="统计局反馈需更正9月数据")
    services.report_reopen(by=people.city, report=report, reason="请更正9月完成投资")
    assert Period.objects.get(pk=report.period.pk).is_open
    owner = client_for("owner_x")
    owner.post(
        f"/reports/2026-09/{people.project_a.pk}/",
        {"amount": "450.00", "progress": "更正", "stage": "construction", "submit": "1"},
    )
    corrected = Report.objects.get(pk=report.pk)
    assert (corrected.status, corrected.amount) == ("submitted", Decimal("450.00"))
    assert "450.00 万元" in owner.get(f"/reports/r/{report.pk}/").content.decode()
