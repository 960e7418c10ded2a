import datetime
import json
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.management import call_command

from keyprojects.attraction.importer import import_attraction
from keyprojects.attraction.models import AttractionProject
from keyprojects.attraction.selectors import STATS_KEYS, attraction_stats
from keyprojects.core.excel.errors import ImportRefused
from keyprojects.testing.workbooks import workbook_bytes


def _signed(people, count: int, stage: str, start: int) -> None:
    for index in range(start, start + count):
        AttractionProject.objects.create(
            name=f"招商项目{index}",
            region=people.county_a_region,
            contracted_amount=Decimal("31608.89"),
            stage=stage,
            signed_on=datetime.date(2021, 5, 1),
            performed_on=datetime.date(2021, 6, 1),
            started_on=datetime.date(2021, 7, 1),
            producing_on=datetime.date(2021, 12, 1),
        )


def test_jianans_2021_attraction_figures_come_out_exact(people):
    """Seed 001: 90 signed, 66 performed (履约率 73.33 %), 64 started (开工率 71.11 %), 30 producing."""
    _signed(people, 24, "signed", 0)
    _signed(people, 2, "performing", 24)
    _signed(people, 34, "started", 26)
    _signed(people, 30, "producing", 60)
    AttractionProject.objects.create(
        name="在谈项目",
        region=people.county_a_region,
        contracted_amount=Decimal("0"),
        talks_on=datetime.date(2021, 9, 1),
    )
    figures = attraction_stats(people.city, 2021)
    assert (
        figures["signed_count"],
        figures["performed_count"],
        figures["started_count"],
        figures["producing_count"],
    ) == (90, 66, 64, 30)
    assert (figures["performance_rate"], figures["start_rate"]) == (Decimal("73.33"), Decimal("71.11"))
    assert figures["in_talks_count"] == 1


def test_an_owner_sees_nothing_of_the_pipeline_and_the_bureau_sees_it(people):
    _signed(people, 3, "signed", 0)
    assert attraction_stats(people.owner_x, 2021)["signed_count"] == 0
    assert attraction_stats(people.invest, 2021)["signed_count"] == 3


def test_the_stats_command_prints_the_interface_keys(people, capsys):
    call_command("attraction-stats", "--year", "2021", "--json")
    assert list(json.loads(capsys.readouterr().out)) == STATS_KEYS


def test_a_file_with_bad_rows_is_refused_whole_with_every_reason(people):
    header = ["项目名称", "所属区划", "阶段", "签约投资额（万元）", "签约日期", "招商方式"]
    rows = [
        header,
        ["好项目", "建安区", "签约", 1000, "2026-03-01", "以商招商"],
        ["坏项目", "火星区", "谈判中", "一亿", None, "空降招商"],
    ]
    count = AttractionProject.objects.count()
    with pytest.raises(ImportRefused) as refusal:
        import_attraction(BytesIO(workbook_bytes(rows)), by=people.city)
    reasons = " ".join(str(e) for e in refusal.value.errors)
    assert "火星区" in reasons and "谈判中" in reasons and "一亿" in reasons and "空降招商" in reasons
    assert AttractionProject.objects.count() == count


def test_a_started_project_joins_the_registry_and_a_second_load_changes_nothing(people):
    header = ["项目名称", "所属区划", "阶段", "签约投资额", "签约日期", "开工日期", "到位资金"]
    rows = [header, ["远航智能装备", "建安区", "开工", "150,000", "2026年3月", "2026-06-01", 20000]]
    result = import_attraction(BytesIO(workbook_bytes(rows)), by=people.city)
    project = AttractionProject.objects.get(name="远航智能装备")
    assert result.created == 1 and project.registry_project.actual_start == datetime.date(2026, 6, 1)
    assert attraction_stats(people.city, 2026)["funds_in_place"] == Decimal("20000.00")
    again = import_attraction(BytesIO(workbook_bytes(rows)), by=people.city)
    assert (again.created, again.updated) == (0, 0)


def test_the_page_shows_a_regions_figures(people, client_for):
    _signed(people, 2, "started", 0)
    page = client_for("invest").get("/attraction/?year=2021&region=411002").content.decode()
    assert "招商项目0" not in page
    page = client_for("invest").get("/attraction/?year=2021&region=411003").content.decode()
    assert "招商项目0" in page and "开工率 100%" in page
