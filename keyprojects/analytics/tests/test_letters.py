"""Warning letters (提示函) as the city issues them and a county reads them: the Word file's rows and figures,
the issuer, the office's own document number and how numbers run."""

import datetime
from decimal import Decimal
from io import BytesIO
from unittest.mock import patch

import pytest
from django.utils import timezone
from docx import Document

from keyprojects.analytics.models import LetterNumbering, WarningLetter
from keyprojects.core.models import ChangeLogEntry
from keyprojects.reports.choices import ReportStatus
from keyprojects.reports.models import Confirmation, Report

ISSUED = datetime.datetime(2026, 12, 1, 16, 30, tzinfo=datetime.UTC)  # 00:30 on 2 December, Beijing time
DEADLINE = "2026-12-15"
ISSUER = "许昌市重点项目建设工作领导小组办公室"
HEADER = ["颜色", "项目名称", "年度计划（万元）", "累计完成（万元）", "进度差（百分点）", "主要问题", "分包领导"]


@pytest.fixture
def frozen():
    with patch("django.utils.timezone.now", return_value=ISSUED):
        yield ISSUED


@pytest.fixture
def behind(people):
    """Project A started in February, 100.00 万元 confirmed against a plan of 1,200.00 by October (red, −75
    points); project B never started (red, 应开未开)."""
    people.project_a.actual_start = datetime.date(2026, 2, 1)
    people.project_a.save()
    report = people.report_a
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.CONFIRMED, confirmed_at=timezone.now())
    Confirmation.objects.create(report=report, amount=Decimal("100.00"), confirmed_at=timezone.now())
    WarningLetter.objects.all().delete()
    return people


def _issue(client) -> None:
    response = client.post("/analytics/letters/issue/?period=2026-10", {"deadline": DEADLINE})
    assert response.status_code == 302


def _letter_docx(client, letter: WarningLetter) -> Document:
    response = client.get(f"/analytics/letters/{letter.pk}/docx/")
    assert response.status_code == 200
    return Document(BytesIO(response.content))


def _rows(document: Document) -> list[list[str]]:
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == HEADER
    return [[cell.text for cell in row.cells] for row in table.rows[1:]]


def _text(document: Document) -> str:
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def test_a_letter_lists_each_project_with_its_plan_completed_investment_gap_problems_and_leaders(
    behind, client_for, frozen
):
    _issue(client_for("city"))
    letter = WarningLetter.objects.get(region=behind.county_a_region)
    rows = _rows(_letter_docx(client_for("county_a"), letter))
    assert rows == [["红", "项目A", "1,200.00", "100.00", "-75.00", "临时用地未批；资金缺口", "测试领导（副市长）"]]


def test_a_project_not_started_reads_未开工_never_none(behind, client_for, frozen):
    _issue(client_for("city"))
    letter = WarningLetter.objects.get(region=behind.county_b_region)
    document = _letter_docx(client_for("county_b"), letter)
    [row] = _rows(document)
    assert row == ["红", "项目B", "1,200.00", "0.00", "未开工", "应开未开已7个月", "—"]
    cells = [cell.text for table in document.tables for line in table.rows for cell in line.cells]
    assert "None" not in _text(document) and "None" not in cells and "" not in cells


def test_a_letter_is_issued_in_the_name_of_the_city_office_with_its_number_and_beijing_date(behind, client_for, frozen):
    _issue(client_for("city"))  # 魏都区 comes first in the city's order of regions
    letter = WarningLetter.objects.get(region=behind.county_b_region)
    assert (letter.number, letter.number_year, letter.serial) == ("许重项办〔2026〕1号", 2026, 1)
    text = _text(_letter_docx(client_for("county_b"), letter))
    assert "许重项办〔2026〕1号" in text
    assert f"{ISSUER}\n2026年12月2日" in text  # 16:30 UTC on 1 December is 2 December in Beijing
    assert "请于2026年12月15日前" in text
    page = client_for("county_b").get("/analytics/letters/?period=2026-10").content.decode()
    assert "许重项办〔2026〕1号" in page and "2026年12月2日印发" in page
    notice = client_for("county_b").get("/notifications/").content.decode()
    assert "魏都区有黄色、红色项目 1 个（许重项办〔2026〕1号），请于2026年12月15日前反馈整改情况。" in notice


def test_the_city_sets_the_number_pattern_and_letters_take_numbers_in_turn(behind, client_for, frozen):
    city = client_for("city")
    assert "许重项办〔2026〕1号" in city.get("/analytics/letters/").content.decode()  # the default for 许昌市
    response = city.post(
        "/analytics/letters/numbering/2026/", {"pattern": "许重项办〔{year}〕{number}号", "next_serial": "10"}
    )
    assert response.status_code == 302
    numbering = LetterNumbering.objects.get(year=2026)
    assert (numbering.pattern, numbering.next_serial) == ("许重项办〔{year}〕{number}号", 10)
    assert ChangeLogEntry.objects.filter(object_repr="2026年提示函文号").exists()
    page = city.get("/analytics/letters/?period=2026-10").content.decode()
    assert "下一份提示函文号：" in page and "许重项办〔2026〕10号" in page
    _issue(city)
    numbers = dict(WarningLetter.objects.values_list("region__code", "number"))
    assert numbers == {"411002": "许重项办〔2026〕10号", "411003": "许重项办〔2026〕11号"}
    page = city.get("/analytics/letters/?period=2026-10").content.decode()
    assert "许重项办〔2026〕10号" in page and "许重项办〔2026〕11号" in page and "许重项办〔2026〕12号" in page


def test_a_number_already_used_is_never_given_out_again(behind, client_for, frozen):
    city = client_for("city")
    _issue(city)  # 1号 and 2号
    response = city.post(
        "/analytics/letters/numbering/2026/", {"pattern": "许重项办〔{year}〕{number}号", "next_serial": "2"}
    )
    assert response.status_code == 200
    assert "2026年的提示函已用到第2号，下一个序号应不小于3。" in response.content.decode()
    assert LetterNumbering.objects.get(year=2026).next_serial == 3


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("许重项办〔{year}〕号", "文号格式中应有 {number}（序号的位置）。"),
        (
            "许重项办〔{year}〕{number}{year.__class__}号",
            "文号格式只能用 {year} 和 {number}，不认识：{year.__class__}。",
        ),
    ],
)
def test_a_pattern_without_the_serial_or_with_unknown_fields_is_refused(people, client_for, pattern, message):
    response = client_for("city").post("/analytics/letters/numbering/2026/", {"pattern": pattern, "next_serial": "1"})
    assert response.status_code == 200 and message in response.content.decode()
    assert not LetterNumbering.objects.exists()


def test_a_letter_issued_before_figures_were_kept_reads_a_dash_not_none(people, client_for):
    document = _letter_docx(client_for("city"), people.letter_a)
    assert _rows(document) == [["红", "项目A", "—", "—", "—", "—", "—"]]
    assert ISSUER in _text(document)


def test_the_county_answers_its_letter_and_the_city_is_told_and_offered_no_reply_box(behind, client_for):
    _issue(client_for("city"))
    letter = WarningLetter.objects.get(region=behind.county_a_region)
    city = client_for("city")
    assert 'name="reply"' not in city.get("/analytics/letters/?period=2026-10").content.decode()
    assert city.post(f"/analytics/letters/{letter.pk}/reply/", {"reply": "市里代答"}).status_code == 403
    county = client_for("county_a")
    assert 'name="reply"' in county.get("/analytics/letters/?period=2026-10").content.decode()
    county.post(f"/analytics/letters/{letter.pk}/reply/", {"reply": "临时用地已报批，资金已落实"})
    letter.refresh_from_db()
    assert letter.reply == "临时用地已报批，资金已落实" and letter.replied_by == behind.county_a
    notices = city.get("/notifications/").content.decode()
    assert f"建安区已反馈{letter.number}" in notices and "临时用地已报批，资金已落实" in notices
    assert "整改反馈：临时用地已报批，资金已落实" in city.get("/analytics/letters/?period=2026-10").content.decode()
