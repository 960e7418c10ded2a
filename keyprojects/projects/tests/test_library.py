import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from keyprojects.core.models import ChangeLogEntry
from keyprojects.projects import services
from keyprojects.projects.models import AnnualEntry, Project
from keyprojects.testing.factories import AnnualEntryFactory, ProjectFactory


def _names(response) -> list[str]:
    return [row["project_name"] for row in response.json()["results"]]


def test_an_owner_sees_only_its_own_projects_in_list_detail_and_api(people, client_for):
    client = client_for("owner_x")
    page = client.get("/projects/?year=2026").content.decode()
    assert "项目A" in page and "项目B" not in page
    assert client.get(f"/projects/{people.project_b.pk}/").status_code == 404
    assert _names(client.get("/api/annual-entries/?year=2026")) == ["项目A"]


def test_a_county_sees_only_its_subtree(people, client_for):
    client = client_for("county_b")
    assert _names(client.get("/api/annual-entries/?year=2026")) == ["项目B"]
    assert client.get(f"/api/projects/{people.project_a.pk}/").status_code == 404


def test_the_export_is_exactly_the_filtered_list_in_the_callers_scope(people, client_for):
    response = client_for("city").get("/projects/export.xlsx?year=2026&region=411002")
    sheet = load_workbook(BytesIO(response.content)).active
    names = [cell.value for cell in sheet["C"] if cell.value not in (None, "项目名称")]
    assert "项目B" in names and "项目A" not in names
    owner_export = client_for("owner_x").get("/projects/export.xlsx?year=2026")
    owner_names = [c.value for c in load_workbook(BytesIO(owner_export.content)).active["C"]]
    assert "项目A" in owner_names and "项目B" not in owner_names


def test_an_exported_text_that_looks_like_a_formula_stays_text(people, client_for):
    services.project_update(by=people.city, project=people.project_a, content='=HYPERLINK("http://x")')
    response = client_for("city").get("/projects/export.xlsx?year=2026&q=项目A")
    sheet = load_workbook(BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == '=HYPERLINK("http://x")']
    assert cells and cells[0].data_type == "s"


def test_level_at_least_province_includes_national_and_provincial(people, client_for):
    for level, name in [("national", "国家项目"), ("province", "省项目"), ("county", "县项目")]:
        AnnualEntryFactory(project=ProjectFactory(name=name, region=people.county_a_region), level=level)
    names = _names(client_for("city").get("/api/annual-entries/?year=2026&level=province"))
    assert sorted(names) == ["国家项目", "省项目"]


def test_search_finds_by_name_code_or_owner(people, client_for):
    client = client_for("city")
    assert _names(client.get("/api/annual-entries/?year=2026&q=000002")) == ["项目B"]
    assert _names(client.get("/api/annual-entries/?year=2026&q=项目单位X")) == ["项目A"]


def test_removing_a_project_needs_a_reason_and_the_list_of_an_earlier_day_still_has_it(people, client_for):
    with pytest.raises(ValidationError, match="必须说明原因"):
        services.entry_remove(by=people.city, entry=people.entry_a, removed_on=datetime.date(2026, 6, 30), reason=" ")
    services.entry_remove(
        by=people.city, entry=people.entry_a, removed_on=datetime.date(2026, 6, 30), reason="项目终止"
    )
    client = client_for("city")
    assert "项目A" not in _names(client.get("/api/annual-entries/?year=2026"))
    assert "项目A" in _names(client.get("/api/annual-entries/?year=2026&as_of=2026-06-29"))
    assert "项目A" not in _names(client.get("/api/annual-entries/?year=2026&as_of=2026-06-30"))
    entry = ChangeLogEntry.objects.for_object(people.entry_a).latest("id")
    assert entry.reason == "项目终止" and entry.after["removed_on"] == "2026-06-30"


def test_a_project_taken_back_gets_a_new_entry_and_both_stay_in_history(people):
    services.entry_remove(by=people.city, entry=people.entry_a, removed_on=datetime.date(2026, 3, 31), reason="调出")
    services.entry_add(
        by=people.city,
        project=people.project_a,
        year=2026,
        category="new",
        level="city",
        annual_plan=Decimal("800"),
        added_on=datetime.date(2026, 7, 1),
        reason="动态调整重新列入",
    )
    assert AnnualEntry.objects.filter(project=people.project_a, year=2026).count() == 2
    assert (
        AnnualEntry.objects.filter(year=2026).as_of(datetime.date(2026, 5, 1)).filter(project=people.project_a).count()
        == 0
    )


def test_adding_a_project_twice_to_the_same_year_is_refused(people):
    with pytest.raises(ValidationError, match="已在本年度名单中"):
        services.entry_add(
            by=people.city,
            project=people.project_a,
            year=2026,
            category="new",
            level="city",
            annual_plan=Decimal("1"),
            added_on=datetime.date(2026, 2, 1),
            reason="重复",
        )


def test_two_removals_at_once_leave_one_outcome(people):
    services.entry_remove(by=people.city, entry=people.entry_a, removed_on=datetime.date(2026, 6, 1), reason="第一次")
    stale = AnnualEntry.objects.get(pk=people.entry_a.pk)
    stale.removed_on = None  # a second reviewer still holding the old state
    with pytest.raises(ValidationError, match="已调出"):
        services.entry_remove(by=people.city, entry=stale, removed_on=datetime.date(2026, 6, 2), reason="第二次")
    assert AnnualEntry.objects.get(pk=people.entry_a.pk).removed_reason == "第一次"


def test_a_monthly_split_that_does_not_add_up_is_refused(people):
    amounts = {month: Decimal("100") for month in range(1, 13)}
    services.monthly_plan_set(by=people.city, entry=people.entry_a, amounts=amounts)
    amounts[12] = Decimal("99.99")
    with pytest.raises(ValidationError, match="月度计划合计 1,199.99 万元"):
        services.monthly_plan_set(by=people.city, entry=people.entry_a, amounts=amounts)
    assert people.entry_a.monthly_plans.get(month=12).amount == Decimal("100.00")


def test_a_package_counts_the_sum_of_its_modules(people):
    package = services.project_create(
        by=people.city, name="打包项目", region=people.county_a_region, total_investment=Decimal("0")
    )
    for amount in ("1234.56", "0.10", "0.20"):
        services.project_create(
            by=people.city,
            name=f"模块{amount}",
            region=people.county_a_region,
            total_investment=Decimal(amount),
            package=package,
        )
    package.refresh_from_db()
    assert package.total_investment == Decimal("1234.86")
    assert package.code.startswith("L-411003-")


def test_a_module_cannot_go_on_the_annual_list(people):
    package = services.project_create(
        by=people.city, name="打包", region=people.county_a_region, total_investment=Decimal("0")
    )
    module = services.project_create(
        by=people.city, name="模块", region=people.county_a_region, total_investment=Decimal("5"), package=package
    )
    with pytest.raises(ValidationError, match="年度名单只列打包项目"):
        services.entry_add(
            by=people.city,
            project=module,
            year=2026,
            category="new",
            level="city",
            annual_plan=Decimal("1"),
            added_on=datetime.date(2026, 1, 1),
            reason="x",
        )


def test_a_malformed_or_taken_project_code_is_refused(people):
    with pytest.raises(ValidationError, match="项目代码格式"):
        services.project_create(
            by=people.city, code="2019-5101-47", name="x", region=people.county_a_region, total_investment=Decimal("1")
        )
    with pytest.raises(ValidationError, match="已存在"):
        services.project_create(
            by=people.city,
            code=people.project_a.code,
            name="x",
            region=people.county_a_region,
            total_investment=Decimal("1"),
        )
    assert not Project.objects.filter(name="x").exists()


def test_the_project_page_shows_plan_milestones_and_history(people, client_for):
    services.milestones_set(
        by=people.city,
        entry=people.entry_a,
        milestones=[
            {"name": "开工", "planned_date": datetime.date(2026, 3, 1), "actual_date": datetime.date(2026, 3, 5)}
        ],
    )
    services.project_update(by=people.city, project=people.project_a, responsible_unit="建安区人民政府")
    page = client_for("county_a").get(f"/projects/{people.project_a.pk}/").content.decode()
    assert "1,200.00 万元" in page and "滞后完成" in page and "建安区人民政府" in page and "责任单位" in page


def test_a_county_admin_creates_a_project_in_its_county_with_a_local_code(people, client_for):
    data = {
        "name": "建安新项目",
        "region": people.county_a_region.pk,
        "total_investment": "5000",
        "owner_name": "许昌新建有限公司",
        "planned_start": "2026-04-01",
        "planned_completion": "2027-04-01",
    }
    response = client_for("county_a").post("/projects/new/", data)
    assert response.status_code == 302
    project = Project.objects.get(name="建安新项目")
    assert project.code.startswith("L-411003-") and project.owner.name == "许昌新建有限公司"


def test_a_county_admin_cannot_put_a_project_in_another_county(people, client_for):
    data = {"name": "越界项目", "region": people.county_b_region.pk, "total_investment": "5000"}
    response = client_for("county_a").post("/projects/new/", data)
    assert "选择一个有效的选项" in response.content.decode()
    assert not Project.objects.filter(name="越界项目").exists()


def test_a_leaders_package_page_lists_its_projects_in_scope(people, client_for):
    page = client_for("leader").get(f"/projects/leaders/{people.leader_record.pk}/").content.decode()
    assert "项目A" in page
    assert "项目A" not in client_for("county_b").get(f"/projects/leaders/{people.leader_record.pk}/").content.decode()
