"""An attraction ledger's optional columns are optional, and a year's figures are the stages reached by its end
(INTERFACES.md › Attraction, `attraction-stats`; README › 设计决定)."""

import datetime
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from keyprojects.attraction.models import AttractionProject, FundsInPlace
from keyprojects.testing.workbooks import workbook_bytes

D = datetime.date
LEDGER = [
    ["项目名称", "所属区划", "阶段", "签约投资额（万元）", "签约日期", "开工日期", "投产日期"],
    ["甲项目", "建安区", "签约", 1000, "2025-03-01", None, None],
    ["乙项目", "建安区", "开工", 2000, "2025-05-01", "2026-02-01", None],  # signed in 2025, started in 2026
    ["丙项目", "建安区", "开工", 3000, "2025-06-01", None, None],  # started, no 开工日期
    ["丁项目", "魏都区", "投产", 4000, "2026-01-10", "2026-03-01", None],  # producing, no 投产日期
    ["戊项目", "魏都区", "投产", 6000, "2025-01-01", "2025-06-01", "2026-03-01"],
    ["己项目", "建安区", "履约", 600, "2026-05-01", None, None],
    ["庚项目", "建安区", "在谈", 800, None, None, None],
    ["辛项目", "建安区", "签约", 900, "2026-02-15", None, None],
]


@pytest.fixture
def ledger(people, tmp_path):
    path = tmp_path / "招商台账.xlsx"
    path.write_bytes(workbook_bytes(LEDGER))
    return path


def _load(ledger) -> str:
    out = StringIO()
    call_command("import-attraction", str(ledger), stdout=out)
    # When talks began (no column for it in the ledger); funds by the day they arrived.
    AttractionProject.objects.filter(name="庚项目").update(talks_on=D(2025, 9, 1))
    AttractionProject.objects.filter(name="辛项目").update(talks_on=D(2025, 11, 1))
    FundsInPlace.objects.create(project=AttractionProject.objects.get(name="丙项目"), date=D(2025, 8, 1), amount=500)
    FundsInPlace.objects.create(project=AttractionProject.objects.get(name="丁项目"), date=D(2026, 3, 10), amount=700)
    return out.getvalue()


def _stats(year: int) -> dict:
    out = StringIO()
    call_command("attraction-stats", "--year", str(year), "--json", stdout=out)
    return json.loads(out.getvalue())


def test_a_ledger_without_stage_dates_imports_and_lists_those_rows(ledger):
    out = _load(ledger)
    assert "新增 8 个" in out
    assert "以下 2 行缺少阶段日期" in out
    assert "第4行“丙项目”（开工）未填开工日期" in out and "第5行“丁项目”（投产）未填投产日期" in out
    started = AttractionProject.objects.get(name="丙项目")
    assert (started.stage, started.started_on, started.contracted_amount) == ("started", None, Decimal("3000.00"))
    assert started.registry_project is not None  # a started project still joins the registry


def test_last_years_figures_are_the_stages_reached_by_its_end(ledger):
    _load(ledger)
    # 2025: signed 甲 乙 丙 戊; performed by 31 Dec 丙 (signed date) 戊 (started 6-1); started 丙 (by its stage) 戊;
    # 乙 started only in 2026 and 戊 produced only in 2026; in talks at the end: 庚, and 辛 (signed 2026-02-15).
    assert _stats(2025) == {
        "signed_count": 4,
        "signed_amount": 12000,
        "funds_in_place": 500,
        "performed_count": 2,
        "performance_rate": 50,
        "started_count": 2,
        "start_rate": 50,
        "producing_count": 0,
        "in_talks_count": 2,
    }


def test_this_years_figures_count_the_projects_signed_in_it_and_those_still_in_talks(ledger):
    _load(ledger)
    # 2026: signed 丁 己 辛 and the people's 招商项目A (5,000, 3-1); performed 丁 (started 3-1) 己; started 丁;
    # producing 丁 (no date: by its stage); in talks at the end: 庚.
    assert _stats(2026) == {
        "signed_count": 4,
        "signed_amount": 10500,
        "funds_in_place": 700,
        "performed_count": 2,
        "performance_rate": 50,
        "started_count": 1,
        "start_rate": 25,
        "producing_count": 1,
        "in_talks_count": 1,
    }


def test_the_page_lists_the_rows_without_dates_after_the_import(people, client_for, ledger):
    with ledger.open("rb") as upload:
        response = client_for("city").post("/attraction/import/", {"file": upload}, follow=True)
    page = response.content.decode()
    assert "招商项目导入完成" in page and "第4行“丙项目”（开工）未填开工日期" in page
    assert AttractionProject.objects.filter(name__in=[row[0] for row in LEDGER[1:]]).count() == 8


def test_the_page_shows_the_same_year_figures_as_the_command(people, client_for, ledger):
    _load(ledger)
    page = client_for("city").get("/attraction/?year=2025").content.decode()
    assert "履约率 50% · 开工率 50%" in page and "1.2 亿元" in page
