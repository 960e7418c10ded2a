"""按当日确认数: with the 按当日确认数 date the statistics page, its breakdowns, its export and the bulletin all show
the figures as confirmed by the end of that day, so the rows add up to the 合计 and the bulletin of that day is
reproduced; without it they show today's figures, the correction included."""

import datetime
import re
from decimal import Decimal
from io import BytesIO
from unittest.mock import patch

import pytest
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from keyprojects.reports import services
from keyprojects.reports.choices import ReportStatus
from keyprojects.reports.models import Period, Report

FIRST_CONFIRMED = timezone.make_aware(datetime.datetime(2026, 11, 15, 10))
BULLETIN_DAY = "2026-11-20"
CORRECTED = timezone.make_aware(datetime.datetime(2026, 11, 25, 10))
OLD_A, NEW_A, B = Decimal("1234.56"), Decimal("2345.67"), Decimal("987.65")


def at(moment: datetime.datetime):
    return patch("django.utils.timezone.now", return_value=moment)


def _through_the_cycle(people, report: Report, county) -> Report:
    report = services.report_submit(by=report.project.owner.users.first(), report=report)
    report = services.report_approve(by=county, report=report)
    return services.report_confirm(by=people.city, report=report)


@pytest.fixture
def corrected(people):
    """November: project A (province level, county A) confirmed at 1,234.56 万元 on 15 November and, after the
    bulletin of the 20th, reopened by the city, changed by its owner to 2,345.67, approved by the county and
    confirmed again; project B (city level, county B) confirmed at 987.65 and never changed."""
    people.entry_a.level = "province"
    people.entry_a.save()
    november = Period.objects.create(year=2026, month=11, is_open=True, **Period.default_deadlines(2026, 11))
    with at(FIRST_CONFIRMED):
        for project, amount, county in (
            (people.project_a, OLD_A, people.county_a),
            (people.project_b, B, people.county_b),
        ):
            report = services.report_start(project, november)
            report.amount = amount
            report = services.report_save(by=project.owner.users.first(), report=report)
            _through_the_cycle(people, report, county)
    with at(CORRECTED):
        report = Report.objects.get(project=people.project_a, period=november)
        report = services.report_reopen(by=people.city, report=report, reason="项目单位更正当月完成投资")
        report.amount = NEW_A
        report = services.report_save(by=people.owner_x, report=report)
        _through_the_cycle(people, report, people.county_a)
    assert report.status == ReportStatus.CONFIRMED and report.amount == NEW_A
    return november


def _rows(html: str) -> dict[str, str]:
    """Each table row's label → its 完成（亿元） cell, the 合计 row included."""
    rows = re.findall(
        r'<tr>\s*<td class="text-nowrap">(.*?)</td>.*?</td>.*?</td>\s*<td class="kp-num">(.*?)</td>', html, re.S
    )
    total = re.search(r"<tfoot.*?<td>合计</td>.*?</td>.*?</td><td class=\"kp-num\">(.*?)</td>", html, re.S)
    return {**dict(rows), "合计": total[1]}


def _headline(html: str) -> str:
    return re.search(r'1—11月完成投资</div>\s*<div class="kp-stat">(.*?) 亿元', html)[1]


def _page(client, by: str, as_of: str = "") -> str:
    query = f"period=2026-11&by={by}" + (f"&as_of={as_of}" if as_of else "")
    return client.get(f"/analytics/?{query}").content.decode()


def test_the_level_breakdown_on_the_bulletin_day_adds_up_to_the_total_with_the_old_figure(corrected, client_for):
    html = _page(client_for("city"), "level", BULLETIN_DAY)
    assert _rows(html) == {"省": "0.12", "市": "0.1", "合计": "0.22"}  # 1,234.56 + 987.65 万元
    assert _headline(html) == "0.22" and "按2026年11月20日当日已确认的数字" in html


def test_the_region_breakdown_on_the_bulletin_day_adds_up_to_the_total_with_the_old_figure(
    corrected, people, client_for
):
    html = _page(client_for("city"), "region", BULLETIN_DAY)
    county_a, county_b = people.county_a_region.name, people.county_b_region.name
    assert _rows(html) == {county_a: "0.12", county_b: "0.1", "合计": "0.22"}
    assert _headline(html) == "0.22"


def test_without_the_date_the_breakdowns_show_the_corrected_figure(corrected, people, client_for):
    client = client_for("city")
    html = _page(client, "level")
    assert _rows(html) == {"省": "0.23", "市": "0.1", "合计": "0.33"}  # 2,345.67 + 987.65 万元
    assert _headline(html) == "0.33" and "已确认的数字" not in html.split("</h1>")[0]
    assert "按当日确认数”中选通报印发的日期" in html and "&amp;as_of=" not in html  # a sentence, not an address
    county_a, county_b = people.county_a_region.name, people.county_b_region.name
    assert _rows(_page(client, "region")) == {county_a: "0.23", county_b: "0.1", "合计": "0.33"}


def _sheet_rows(content: bytes) -> tuple[str, dict]:
    sheet = load_workbook(BytesIO(content)).active
    values = list(sheet.iter_rows(values_only=True))
    header = values[1]
    done = next(position for position, name in enumerate(header) if name.startswith("累计完成投资"))
    return values[0][0], {row[0]: Decimal(str(row[done])).quantize(Decimal("0.01")) for row in values[2:]}


@pytest.mark.parametrize("by", ["level", "region"])
def test_the_export_on_the_bulletin_day_has_the_old_figures_and_without_it_the_new_ones(corrected, client_for, by):
    client = client_for("city")
    response = client.get(f"/analytics/?period=2026-11&by={by}&as_of={BULLETIN_DAY}&format=xlsx")
    title, rows = _sheet_rows(response.content)
    assert "按2026年11月20日已确认的数字" in title
    assert rows["合计"] == OLD_A + B and sum(v for k, v in rows.items() if k != "合计") == OLD_A + B
    assert OLD_A in rows.values()
    title, rows = _sheet_rows(client.get(f"/analytics/?period=2026-11&by={by}&format=xlsx").content)
    assert "已确认的数字" not in title
    assert rows["合计"] == NEW_A + B and sum(v for k, v in rows.items() if k != "合计") == NEW_A + B
    assert NEW_A in rows.values()


def test_the_bulletin_of_that_day_is_reproduced_with_the_old_figures_and_its_date(corrected, people, client_for):
    client = client_for("city")
    response = client.get(f"/analytics/bulletin/?period=2026-11&as_of={BULLETIN_DAY}&format=docx")
    document = Document(BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert "完成投资0.22亿元" in text and "1个省重点项目完成投资0.12亿元" in text and "2026年11月20日" in text
    rows = [row[:5] for row in cells]
    assert ["省重点", "1", "0.12", "0.12", "102.88%"] in rows  # 1,234.56 of a plan of 1,200 万元
    assert ["市重点", "1", "0.12", "0.1", "82.3%"] in rows
    regions = {row[1]: row[4] for row in cells if row[0].isdigit()}
    assert regions == {people.county_a_region.name: "0.12", people.county_b_region.name: "0.1"}
    today = client.get("/analytics/bulletin/?period=2026-11").content.decode()
    assert "完成投资0.33亿元" in today and "1个省重点项目完成投资0.23亿元" in today and "195.47%" in today


def test_the_lists_behind_the_numbers_on_the_bulletin_day_count_what_the_headline_counts(corrected, client_for):
    client = client_for("city")
    html = _page(client, "level", BULLETIN_DAY)
    link = re.search(r'href="(/analytics/list/all/\?[^"]*)">(\d+)</a> 个', html)
    assert f"as_of={BULLETIN_DAY}" in link[1]
    listed = client.get(link[1].replace("&amp;", "&")).content.decode()
    assert listed.count("<tr") - 1 == int(link[2]) == 2 and "项目A" in listed and "项目B" in listed
