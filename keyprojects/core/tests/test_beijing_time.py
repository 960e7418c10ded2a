"""Every date a person reads is in Beijing time: 16:30 UTC on 1 December is 00:30 on 2 December there."""

import datetime
from io import BytesIO
from unittest.mock import patch

from docx import Document
from openpyxl import load_workbook

from keyprojects.core.dates import chinese_date, chinese_datetime, logged_value
from keyprojects.reports.models import Report

LATE_EVENING_UTC = datetime.datetime(2026, 12, 1, 16, 30, tzinfo=datetime.UTC)


def _at(moment: datetime.datetime):
    return patch("django.utils.timezone.now", return_value=moment)


def test_a_stored_moment_reads_as_the_beijing_date_and_time():
    assert chinese_datetime(LATE_EVENING_UTC) == "2026年12月2日 00:30"
    assert chinese_date(LATE_EVENING_UTC) == "2026年12月2日"
    assert chinese_date(datetime.date(2026, 1, 5)) == "2026年1月5日"


def test_a_change_log_value_reads_in_beijing_time_and_other_values_stay_as_they_are():
    assert logged_value("2026-12-01T17:59:03+00:00") == "2026年12月2日 01:59"
    assert logged_value("2026-12-01T17:59:03.123456Z") == "2026年12月2日 01:59"
    assert logged_value("2026-12-01") == "2026年12月1日"
    assert logged_value("1,520.30") == "1,520.30" and logged_value("2026-12") == "2026-12"
    assert logged_value(None) is None and logged_value(3) == 3


def test_the_bulletin_issued_after_midnight_in_beijing_is_dated_the_next_day(people, client_for):
    with _at(LATE_EVENING_UTC):
        response = client_for("city").get("/analytics/bulletin/?period=2026-10&format=docx")
    text = "\n".join(paragraph.text for paragraph in Document(BytesIO(response.content)).paragraphs)
    assert "许昌市重点项目建设工作领导小组办公室\n2026年12月2日" in text


def test_the_change_history_shows_a_confirmation_time_in_beijing_time(people, client_for):
    report = people.report_a
    assert client_for("county_a").post(f"/reports/r/{report.pk}/approve/").status_code == 302
    with _at(datetime.datetime(2026, 12, 1, 17, 59, 3, tzinfo=datetime.UTC)):
        assert client_for("city").post(f"/reports/r/{report.pk}/confirm/").status_code == 302
    assert Report.objects.get(pk=report.pk).status == "confirmed"
    page = client_for("city").get(f"/history/reports.report/{report.pk}/").content.decode()
    assert "2026年12月2日 01:59" in page
    assert "2026-12-01T17:59:03" not in page


def test_the_report_export_writes_submission_times_in_beijing_time(people, client_for):
    Report.objects.filter(pk=people.report_a.pk).update(submitted_at=LATE_EVENING_UTC)
    response = client_for("city").get("/reports/2026-10/?format=xlsx")
    sheet = load_workbook(BytesIO(response.content)).active
    header = next(row for row in sheet.iter_rows(values_only=True) if "提交时间" in row)
    column = header.index("提交时间")
    rows = [row for row in sheet.iter_rows(values_only=True) if row[1] == "项目A"]
    assert rows[0][column] == datetime.datetime(2026, 12, 2, 0, 30)


def test_a_reminder_gives_the_deadline_the_chinese_way(people, client_for):
    assert client_for("city").post("/reports/2026-10/remind/").status_code == 302
    deadline = people.period.owner_deadline
    page = client_for("owner_y").get("/notifications/").content.decode()
    assert f"报送截止：{deadline.year}年{deadline.month}月{deadline.day}日" in page
