import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from keyprojects.core.excel.errors import ExcelRefused, ImportRefused
from keyprojects.core.models import ChangeLogEntry
from keyprojects.projects.importer import import_projects
from keyprojects.projects.models import AnnualEntry, MonthlyPlan, Project
from keyprojects.testing.workbooks import PROJECT_HEADER, legacy_ledger, workbook_bytes


def _database_state() -> tuple:
    return (
        Project.objects.count(),
        AnnualEntry.objects.count(),
        MonthlyPlan.objects.count(),
        ChangeLogEntry.objects.count(),
    )


def test_a_legacy_ledger_loads_right(people):
    result = import_projects(BytesIO(legacy_ledger()), year=2026, by=people.city)
    assert (result.rows, result.created) == (4, 4)
    silicon = Project.objects.get(code="2025-411003-36-03-000101")
    assert silicon.total_investment == Decimal("12345.67")
    assert silicon.region.name == "建安区" and silicon.planned_start == datetime.date(2026, 3, 1)
    assert silicon.planned_completion == datetime.date(2027, 12, 31)
    assert silicon.owner.name == "许昌恒达新材料有限公司"
    assert [c.name for c in silicon.chains.all()] == ["硅碳新材料"]
    assert [leader.name for leader in silicon.leaders.all()] == ["测试领导"]
    entry = silicon.annual_entries.get(year=2026)
    assert (entry.level, entry.category, entry.annual_plan) == ("province", "new", Decimal("5000.00"))
    elderly = Project.objects.get(name="建安区康养中心建设项目")
    assert elderly.region.name == "建安区"  # from the merged cell above
    assert elderly.code.startswith("L-411003-") and elderly.annual_entries.get().annual_plan == Decimal("3200.50")
    assert Project.objects.get(name="建安区老旧小区改造项目（二期）").region.name == "建安区"
    five_g = Project.objects.get(name="魏都区5G网络建设项目")
    assert five_g.region.code == "411002" and five_g.chains.count() == 2
    assert five_g.planned_start == datetime.date(2026, 5, 1)


def test_importing_the_same_file_twice_changes_nothing(people):
    import_projects(BytesIO(legacy_ledger()), year=2026, by=people.city)
    before = _database_state()
    result = import_projects(BytesIO(legacy_ledger()), year=2026, by=people.city)
    assert (result.created, result.updated, result.entries_added, result.entries_updated) == (0, 0, 0, 0)
    assert _database_state() == before


def test_a_changed_amount_updates_the_project_and_logs_before_and_after(people):
    import_projects(BytesIO(legacy_ledger()), year=2026, by=people.city)
    rows = [PROJECT_HEADER[1:7], ["建安区康养中心建设项目", "建安区", "市", "续建", 9000, "3200.5"]]
    result = import_projects(BytesIO(workbook_bytes(rows)), year=2026, by=people.city)
    assert result.updated == 1
    project = Project.objects.get(name="建安区康养中心建设项目")
    entry = ChangeLogEntry.objects.for_object(project).latest("id")
    assert (entry.before["total_investment"], entry.after["total_investment"]) == ("8000.00", "9000.00")


def test_a_file_with_bad_rows_is_refused_whole_naming_every_bad_value(people):
    before = _database_state()
    rows = [
        PROJECT_HEADER[1:8],
        ["好项目", "建安区", "市", "新开工", 100, 50, None],
        ["坏区划", "成华区", "市", "新开工", 100, 50, None],
        ["坏金额", "建安区", "省", "续建", "一百万", -5, None],
        ["坏代码", "建安区", "市重点", "新建设", 100, 50, "2019-5101-47"],
        [None, "建安区", "市", "新开工", 100, 50, None],
    ]
    with pytest.raises(ImportRefused) as refusal:
        import_projects(BytesIO(workbook_bytes(rows)), year=2026, by=people.city)
    messages = [str(error) for error in refusal.value.errors]
    assert "第3行「所属区划」“成华区”：不是本市（或您权限范围内）的区划" in messages
    assert any(m.startswith("第4行「总投资」“一百万”") for m in messages)
    assert any(m.startswith("第4行「年度计划投资」") and "不能为负数" in m for m in messages)
    assert any(m.startswith("第5行「年度类别」“新建设”") for m in messages)
    assert any(m.startswith("第5行「项目代码」“2019-5101-47”") for m in messages)
    assert any(m.startswith("第6行「项目名称」") and "必填" in m for m in messages)
    assert _database_state() == before


def test_a_county_admin_cannot_load_another_countys_projects(people):
    rows = [PROJECT_HEADER[1:7], ["魏都项目", "魏都区", "市", "新开工", 100, 50]]
    with pytest.raises(ImportRefused, match="1 处错误"):
        import_projects(BytesIO(workbook_bytes(rows)), year=2026, by=people.county_a)


def test_the_monthly_split_must_add_up_to_the_annual_plan(people):
    header = PROJECT_HEADER[1:7] + [f"{month}月计划" for month in range(1, 13)]
    good = ["分月项目", "建安区", "市", "新开工", 1200, 1200] + [100] * 12
    bad = ["分月错项目", "建安区", "市", "新开工", 1200, 1000] + [100] * 12
    with pytest.raises(ImportRefused, match="1 处错误"):
        import_projects(BytesIO(workbook_bytes([header, good, bad])), year=2026, by=people.city)
    import_projects(BytesIO(workbook_bytes([header, good])), year=2026, by=people.city)
    entry = AnnualEntry.objects.get(project__name="分月项目")
    assert entry.monthly_plans.count() == 12


def test_the_same_project_twice_in_one_file_is_refused(people):
    rows = [
        PROJECT_HEADER[1:7],
        ["重复项目", "建安区", "市", "新开工", 100, 50],
        ["重复项目", "建安区", "市", "续建", 100, 50],
    ]
    with pytest.raises(ImportRefused) as refusal:
        import_projects(BytesIO(workbook_bytes(rows)), year=2026, by=people.city)
    assert "与第2行是同一个项目" in str(refusal.value.errors[0])


def test_a_renamed_word_file_is_refused_clearly(people):
    with pytest.raises(ExcelRefused) as refusal:
        import_projects(BytesIO(b"PK\x03\x04 not really a workbook"), year=2026, by=people.city)
    assert ".xlsx" in refusal.value.message or "Excel" in refusal.value.message


def test_the_upload_page_lists_errors_and_offers_the_marked_workbook(people, client_for):
    client = client_for("city")
    rows = [PROJECT_HEADER[1:7], ["坏区划", "成华区", "市", "新开工", 100, 50]]
    upload = SimpleUploadedFile("名单.xlsx", workbook_bytes(rows))
    page = client.post("/projects/import/", {"year": 2026, "file": upload}).content.decode()
    assert "文件未导入" in page and "成华区" in page
    marked_url = page.split('href="/imports/errors/')[1].split('"')[0]
    marked = client.get(f"/imports/errors/{marked_url}")
    assert marked.status_code == 200
    book = load_workbook(BytesIO(b"".join(marked.streaming_content)))
    assert "错误清单" in book.sheetnames
    assert client_for("county_a").get(f"/imports/errors/{marked_url}").status_code == 404


def test_the_upload_page_imports_a_good_file(people, client_for):
    upload = SimpleUploadedFile("名单.xlsx", legacy_ledger())
    response = client_for("city").post("/projects/import/", {"year": 2026, "file": upload}, follow=True)
    assert "新增项目 4 个" in response.content.decode()


def test_the_downloaded_template_refuses_its_example_row_and_loads_real_data(people, client_for):
    content = client_for("city").get("/projects/import/template.xlsx").content
    with pytest.raises(ImportRefused) as refusal:
        import_projects(BytesIO(content), year=2026, by=people.city)
    assert "示例行" in str(refusal.value.errors[0])
    book = load_workbook(BytesIO(content))
    sheet = book.worksheets[0]
    header_row = next(row for row in sheet.iter_rows() if any(str(c.value).startswith("项目名称") for c in row))
    name_cell = next(c for c in header_row if str(c.value).startswith("项目名称"))
    sheet.cell(row=name_cell.row + 1, column=name_cell.column, value="许昌新材料产业园项目")
    buffer = BytesIO()
    book.save(buffer)
    result = import_projects(BytesIO(buffer.getvalue()), year=2026, by=people.city)
    project = Project.objects.get(name="许昌新材料产业园项目")
    assert result.created == 1 and project.owner.name == "许昌三佳汽车零部件有限公司"
