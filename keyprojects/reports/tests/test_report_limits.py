"""Actual dates a month's report cannot tell of, and texts longer than a report needs, are refused in Chinese on
the form, through the API and in the import, naming the field; nothing is saved."""

from io import BytesIO

import pytest
from django.test import Client

from keyprojects.core.excel.errors import ImportRefused
from keyprojects.reports.importer import import_reports
from keyprojects.reports.models import TEXT_MAX_LENGTH, Report
from keyprojects.testing.api import token_headers
from keyprojects.testing.workbooks import workbook_bytes

FUTURE_START = "实际开工日期“2099-01-01”晚于2026年10月的最后一天（2026-10-31），请填写实际发生的日期。"
ANCIENT_COMPLETION = "实际竣工日期“1900-01-01”早于 1949 年 10 月 1 日，请检查年份。"
BACKWARDS = "实际竣工日期“2026-09-01”早于实际开工日期“2026-10-05”。"
TOO_LONG_PROGRESS = f"形象进度不能超过 {TEXT_MAX_LENGTH} 个字（现有 {TEXT_MAX_LENGTH + 1} 个），请精简。"
FORM = {"amount": "100", "progress": "主体施工", "stage": "", "over_total_reason": ""}


def _post_form(client_for, people, **fields):
    return client_for("owner_x").post(f"/reports/2026-10/{people.project_a.pk}/", {**FORM, **fields, "save": "1"})


def _state(people) -> tuple:
    report = Report.objects.get(pk=people.report_a.pk)
    return report.actual_start, report.actual_completion, report.progress, report.updated_at


@pytest.mark.parametrize(
    ("start", "completion", "message"),
    [("2099-01-01", "", FUTURE_START), ("", "1900-01-01", ANCIENT_COMPLETION), ("2026-10-05", "2026-09-01", BACKWARDS)],
)
def test_the_report_form_refuses_an_impossible_actual_date_naming_it(people, client_for, start, completion, message):
    people.report_a.status = "draft"
    people.report_a.save()
    before = _state(people)
    response = _post_form(client_for, people, actual_start=start, actual_completion=completion)
    assert message in response.content.decode()
    assert _state(people) == before


def test_the_report_form_refuses_a_progress_text_longer_than_the_limit(people, client_for):
    people.report_a.status = "draft"
    people.report_a.save()
    before = _state(people)
    response = _post_form(
        client_for, people, progress="进" * (TEXT_MAX_LENGTH + 1), actual_start="", actual_completion=""
    )
    assert TOO_LONG_PROGRESS in response.content.decode()
    assert _state(people) == before


def test_the_api_refuses_an_actual_start_after_the_month(people):
    people.report_a.status = "draft"
    people.report_a.save()
    before = _state(people)
    body = {"project": people.project_a.pk, "period": "2026-10", "amount": "100", "actual_start": "2099-01-01"}
    response = Client().post(
        "/api/reports/", body, content_type="application/json", HTTP_AUTHORIZATION=_token(people.owner_x)
    )
    assert response.status_code in (400, 409) and FUTURE_START in response.content.decode()
    assert _state(people) == before


def test_the_api_refuses_a_progress_text_longer_than_the_limit(people):
    body = {"project": people.project_a.pk, "period": "2026-10", "amount": "100", "progress": "进" * 200_000}
    response = Client().post(
        "/api/reports/", body, content_type="application/json", HTTP_AUTHORIZATION=_token(people.owner_x)
    )
    assert response.status_code == 400
    assert response.json() == {"progress": [f"形象进度不能超过 {TEXT_MAX_LENGTH} 个字。"]}


def test_the_import_names_the_row_and_column_of_an_impossible_date_and_a_long_text(people):
    header = ["项目代码", "当月完成投资（万元）", "形象进度", "实际开工日期", "实际竣工日期"]
    rows = [["2025-411003-36-03-000001", 100, "进" * (TEXT_MAX_LENGTH + 1), "2099-01-01", "1900-01-01"]]
    before = _state(people)
    with pytest.raises(ImportRefused) as refusal:
        import_reports(BytesIO(workbook_bytes([header, *rows])), period_code="2026-10", by=people.city)
    messages = [str(error) for error in refusal.value.errors]
    assert f"第2行「实际开工日期」“2099-01-01”：{FUTURE_START}" in messages
    assert f"第2行「实际竣工日期」“1900-01-01”：{ANCIENT_COMPLETION}" in messages
    assert any(m.startswith("第2行「形象进度」") and f"不能超过 {TEXT_MAX_LENGTH} 个字" in m for m in messages)
    assert _state(people) == before


def _token(user) -> str:
    return token_headers(user)["Authorization"]
