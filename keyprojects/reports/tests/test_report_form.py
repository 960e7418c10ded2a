"""The owner's report form (/reports/<period>/<project>/): what is typed is what is saved and shown."""

import datetime
from decimal import Decimal

import pytest

from keyprojects.reports.models import Report
from keyprojects.testing.evidence import png_bytes

TYPED = {
    "amount": "1,520.30",
    "progress": "主体钢结构吊装完成80%",
    "stage": "construction",
    "actual_start": "2026-09-05",
    "actual_completion": "",
    "over_total_reason": "",
}


def _url(people) -> str:
    return f"/reports/2026-09/{people.project_a.pk}/"


def _september(people, month) -> Report | None:
    return Report.objects.filter(project=people.project_a, period=month(9)).first()


@pytest.mark.parametrize(("button", "status"), [("save", "draft"), ("submit", "submitted")])
def test_every_value_the_owner_types_is_saved_and_shown(people, month, client_for, button, status):
    client = client_for("owner_x")
    month(9)
    response = client.post(_url(people), {**TYPED, button: "1"})
    report = _september(people, month)
    assert response.status_code == 302 and response["Location"] == f"/reports/r/{report.pk}/"
    assert report.status == status
    assert report.amount == Decimal("1520.30")
    assert report.progress == "主体钢结构吊装完成80%"
    assert report.stage == "construction"
    assert report.actual_start == datetime.date(2026, 9, 5)
    assert report.actual_completion is None
    assert report.over_total_reason == ""
    detail = client.get(f"/reports/r/{report.pk}/").content.decode()
    assert "1,520.30 万元" in detail
    assert "主体钢结构吊装完成80%" in detail and "主体施工" in detail and "2026年9月5日" in detail
    city_view = client_for("city").get("/reports/2026-09/").content.decode()
    assert "1,520.30" in city_view


def test_a_reopened_draft_shows_what_was_saved_not_last_month(people, month, client_for, confirmed):
    previous = confirmed(8, "90")
    previous.progress = "基础施工"
    previous.save()
    client = client_for("owner_x")
    month(9)
    client.post(_url(people), {**TYPED, "save": "1"})
    form = client.get(_url(people)).content.decode()
    assert 'value="1520.30"' in form and "主体钢结构吊装完成80%" in form and "基础施工" not in form


@pytest.mark.parametrize("typed", ["１５２０.３０", "1，520.30", " 1520.3 "])
def test_amounts_typed_on_a_phone_keyboard_are_understood(people, month, client_for, typed):
    month(9)
    client_for("owner_x").post(_url(people), {**TYPED, "amount": typed, "save": "1"})
    assert _september(people, month).amount == Decimal("1520.30")


def _draft(people, month) -> Report:
    return Report.objects.create(
        project=people.project_a, period=month(9), amount=Decimal("10.00"), progress="旧进度", stage="preparation"
    )


def _unchanged(draft: Report) -> None:
    saved = Report.objects.get(pk=draft.pk)
    assert (saved.amount, saved.progress, saved.stage, saved.status) == (
        Decimal("10.00"),
        "旧进度",
        "preparation",
        "draft",
    )
    assert Report.objects.filter(project=draft.project, period=draft.period).count() == 1


@pytest.mark.parametrize("button", ["save", "submit"])
def test_a_negative_amount_is_refused_beside_the_field_keeping_what_was_typed(people, month, client_for, button):
    draft = _draft(people, month)
    page = client_for("owner_x").post(_url(people), {**TYPED, "amount": "-1,520.30", button: "1"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "当月完成投资不能为负数。" in text
    assert 'value="-1,520.30"' in text and "主体钢结构吊装完成80%" in text
    _unchanged(draft)


@pytest.mark.parametrize("button", ["save", "submit"])
def test_since_start_above_total_investment_needs_a_reason(people, month, client_for, button):
    draft = _draft(people, month)  # project A: total investment 10,000.00 万元, nothing reported before
    client = client_for("owner_x")
    page = client.post(_url(people), {**TYPED, "amount": "10,000.01", button: "1"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "开工累计完成投资将达 10,000.01 万元，超过总投资 10,000.00 万元" in text
    assert 'value="10,000.01"' in text and "主体钢结构吊装完成80%" in text
    _unchanged(draft)

    reason = "设计变更增加了投资，总投资调整正在报批"
    response = client.post(_url(people), {**TYPED, "amount": "10,000.01", "over_total_reason": reason, button: "1"})
    saved = Report.objects.get(pk=draft.pk)
    assert response.status_code == 302
    assert saved.amount == Decimal("10000.01") and saved.over_total_reason == reason
    detail = client.get(f"/reports/r/{draft.pk}/").content.decode()
    assert "10,000.01 万元" in detail and reason in detail


def test_a_jump_above_three_times_the_average_month_is_flagged_on_the_report(people, month, client_for, confirmed):
    for number in (6, 7, 8):
        confirmed(number, "100")
    client = client_for("owner_x")
    month(9)
    client.post(_url(people), {**TYPED, "submit": "1"})
    report = _september(people, month)
    flag = "当月完成投资 1,520.30 万元，超过该项目月均（100.00 万元）的3倍"
    assert report.flags == [flag]
    assert flag in client.get(f"/reports/r/{report.pk}/").content.decode()
    assert flag in client_for("county_a").get("/reports/2026-09/").content.decode()


def test_the_same_figure_three_months_running_is_flagged(people, month, client_for, confirmed):
    confirmed(7, "1520.30")
    confirmed(8, "1520.30")
    client = client_for("owner_x")
    month(9)
    client.post(_url(people), {**TYPED, "submit": "1"})
    report = _september(people, month)
    assert report.flags == ["连续3个月填报相同金额 1,520.30 万元"]
    assert "连续3个月填报相同金额 1,520.30 万元" in client.get(f"/reports/r/{report.pk}/").content.decode()


def test_an_ordinary_month_carries_no_flag(people, month, client_for, confirmed):
    for number, amount in ((7, "1400"), (8, "1600")):
        confirmed(number, amount)
    month(9)
    client_for("owner_x").post(_url(people), {**TYPED, "submit": "1"})
    assert _september(people, month).flags == []


def test_the_typed_amount_reaches_the_statistics_once_confirmed(people, month, client_for):
    from keyprojects.analytics.indicators import indicators

    month(9)
    client_for("owner_x").post(_url(people), {**TYPED, "submit": "1"})
    report = _september(people, month)
    client_for("county_a").post(f"/reports/r/{report.pk}/approve/")
    client_for("city").post(f"/reports/r/{report.pk}/confirm/")
    assert Report.objects.get(pk=report.pk).status == "confirmed"
    assert indicators(None, 2026, 9)["ytd_completed"] == Decimal("1520.30")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1,5,20.3", "请填写金额（万元），如 1,520.30。"),
        ("1e3", "请填写金额（万元），如 1,520.30。"),
        ("12345678901234567890", "金额过大，请核对单位是否为万元。"),
        ("1520.305", "金额最多保留 2 位小数。"),
    ],
)
def test_a_malformed_amount_is_refused_beside_the_field_with_what_was_typed(people, month, client_for, typed, message):
    draft = _draft(people, month)
    response = client_for("owner_x").post(_url(people), {**TYPED, "amount": typed, "save": "1"})
    page = response.content.decode()
    assert response.status_code == 200 and message in page and f'value="{typed}"' in page
    _unchanged(draft)


def test_the_owner_adds_evidence_to_a_submitted_report_and_sees_it(people, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for("owner_x")
    page = client.get(f"/reports/r/{people.report_a.pk}/").content.decode()
    assert "上传" in page and 'name="file"' in page  # submitted, not yet confirmed: evidence may follow
    photo = SimpleUploadedFile("现场照片.png", png_bytes())
    client.post(f"/reports/r/{people.report_a.pk}/attachments/", {"kind": "photo", "file": photo})
    assert "现场照片.png" in client.get(f"/reports/r/{people.report_a.pk}/").content.decode()


def test_a_confirmed_report_takes_no_more_evidence(people, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    Report.objects.filter(pk=people.report_a.pk).update(status="confirmed")
    client = client_for("owner_x")
    assert 'name="file"' not in client.get(f"/reports/r/{people.report_a.pk}/").content.decode()
    before = people.report_a.attachments.count()
    photo = SimpleUploadedFile("补充.png", png_bytes())
    response = client.post(
        f"/reports/r/{people.report_a.pk}/attachments/", {"kind": "photo", "file": photo}, follow=True
    )
    assert "月报已确认，不能再上传材料" in response.content.decode()
    assert people.report_a.attachments.count() == before


def test_a_new_months_amount_starts_empty_and_must_be_typed(people, month, client_for):
    month(9)
    client = client_for("owner_x")
    form = client.get(_url(people)).content.decode()
    assert 'name="amount"' in form and 'placeholder="如 1,520.30"' in form and 'value="0.00"' not in form
    response = client.post(_url(people), {**TYPED, "amount": "", "save": "1"})
    assert "请填写当月完成投资（万元）；本月没有完成投资的填 0。" in response.content.decode()
    assert _september(people, month) is None
    client.post(_url(people), {**TYPED, "amount": "0", "save": "1"})
    assert _september(people, month).amount == Decimal("0.00")
