"""Imports refuse what the fields or the forms would refuse, naming row, column and value, and a row never
silently moves an existing project to another region."""

from io import BytesIO

import pytest
from django.urls import reverse

from keyprojects.attraction.importer import import_attraction
from keyprojects.attraction.models import AttractionProject
from keyprojects.core.excel.errors import ImportRefused
from keyprojects.core.models import ChangeLogEntry
from keyprojects.core.tests.test_hostile_imports import fingerprint
from keyprojects.projects.importer import import_projects
from keyprojects.reports.importer import import_reports
from keyprojects.testing.workbooks import workbook_bytes

HEADER = ["项目代码", "项目名称", "所属区划", "项目级别", "年度类别", "总投资", "年度计划投资"]
LONG_NAME = "超" * 300


def projects_file(*rows, header=HEADER) -> BytesIO:
    return BytesIO(workbook_bytes([header, *rows]))


def refusal(load) -> list[str]:
    before = fingerprint()
    with pytest.raises(ImportRefused) as refused:
        load()
    assert fingerprint() == before
    return [str(error) for error in refused.value.errors]


def test_a_name_longer_than_its_column_is_a_row_error_and_nothing_is_imported(people):
    rows = [["", "好项目", "建安区", "市", "新开工", 100, 50], ["", LONG_NAME, "建安区", "市", "新开工", 100, 50]]
    errors = refusal(lambda: import_projects(projects_file(*rows), year=2026, by=people.city))
    assert errors == [f"第3行「项目名称」“{'超' * 50}…”：不能超过 200 个字（现有 300 个）"]


def test_an_amount_beyond_what_the_column_holds_and_a_too_long_owner_are_named(people):
    header = [*HEADER, "项目单位"]
    row = ["", "好项目", "建安区", "市", "新开工", "1" * 20, 50, "单" * 201]
    errors = refusal(lambda: import_projects(projects_file(row, header=header), year=2026, by=people.city))
    assert errors == [
        f"第2行「总投资」“{'1' * 20}.00”：数值过大：连同小数最多 16 位数字",
        f"第2行「项目单位」“{'单' * 50}…”：不能超过 100 个字（现有 201 个）",
    ]


def test_a_report_with_a_too_long_explanation_is_refused_with_its_row(people):
    header = ["项目代码", "当月完成投资", "超总投资说明"]
    file = BytesIO(workbook_bytes([header, [people.project_a.code, 10, "说" * 201]]))
    errors = refusal(lambda: import_reports(file, period_code="2026-10", by=people.city))
    assert errors == [f"第2行「超总投资说明」“{'说' * 50}…”：不能超过 200 个字（现有 201 个）"]


def test_an_attraction_project_with_a_too_long_investor_is_refused_with_its_row(people):
    header = ["项目名称", "所属区划", "阶段", "签约投资额", "投资方"]
    file = BytesIO(workbook_bytes([header, ["招商项目", "建安区", "在谈", 100, "投" * 121]]))
    errors = refusal(lambda: import_attraction(file, by=people.invest))
    assert errors == [f"第2行「投资方」“{'投' * 50}…”：不能超过 120 个字（现有 121 个）"]
    assert not AttractionProject.objects.filter(name="招商项目").exists()


def test_a_row_that_would_move_a_project_to_another_region_is_refused_with_both_regions(people):
    project = people.project_a  # in 建安区
    row = [project.code, project.name, "魏都区", "市", "续建", 100, 50]
    errors = refusal(lambda: import_projects(projects_file(row), year=2026, by=people.city))
    assert errors == [
        f"第2行「所属区划」“魏都区”：项目 {project.code} 现属建安区，本文件写为魏都区；"
        "如确需调整区划，请在“调整区划”列填“是”"
    ]


def test_a_row_that_says_to_move_the_project_moves_it_and_logs_both_regions(people):
    project = people.project_a
    row = [project.code, project.name, "魏都区", "市", "续建", 100, 50, "是"]
    import_projects(projects_file(row, header=[*HEADER, "调整区划"]), year=2026, by=people.city)
    project.refresh_from_db()
    assert project.region == people.county_b_region
    logged = ChangeLogEntry.objects.filter(object_id=str(project.pk), reason__endswith="（调整区划）").get()
    assert (logged.before, logged.after) == ({"所属区划": "建安区"}, {"所属区划": "魏都区"})


def test_a_move_column_with_another_word_is_refused(people):
    project = people.project_a
    row = [project.code, project.name, "建安区", "市", "续建", 100, 50, "要"]
    errors = refusal(
        lambda: import_projects(projects_file(row, header=[*HEADER, "调整区划"]), year=2026, by=people.city)
    )
    assert errors == ["第2行「调整区划」“要”：应为“是”或“否”，或不填"]


def test_the_project_template_offers_the_move_column(people, client):
    import openpyxl

    client.force_login(people.city)
    response = client.get(reverse("projects:import_template"))
    header = [
        cell.value for cell in next(openpyxl.load_workbook(BytesIO(response.content)).active.iter_rows(max_row=1))
    ]
    assert "调整区划" in header
