import io
from datetime import UTC, date, datetime
from decimal import Decimal

import openpyxl

from keyprojects.core.excel.columns import Column
from keyprojects.core.excel.errors import parse_row
from keyprojects.core.excel.reader import read_table
from keyprojects.core.excel.writer import GUIDE_SHEET, write_table, write_template

COLUMNS = [
    Column("code", "项目代码", example="2024-411000-04-01-000001"),
    Column("name", "项目名称", required=True, example="许昌市（东城区）供水工程", help="与立项文件一致"),
    Column("region", "所属区划", required=True, example="建安区", help="区县名称或6位代码"),
    Column("total", "总投资", required=True, kind="amount", example=Decimal("12345.67")),
    Column("start", "计划开工日期", kind="date", example=date(2024, 3, 1)),
    Column("lng", "经度", kind="number", example=Decimal("113.852361")),
]


def load(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def test_text_that_looks_like_a_formula_a_link_or_a_number_stays_text():
    texts = ["=1+1", '=HYPERLINK("http://x.cn","点我")', "www.example.com", "00123", "+86-371"]
    data = write_table(COLUMNS, [{"name": text} for text in texts], sheet_name="项目")
    cells = [row[1] for row in load(data)["项目"].iter_rows(min_row=2)]
    assert [cell.value for cell in cells] == texts
    assert {cell.data_type for cell in cells} == {"s"}


def test_amounts_are_numbers_shown_with_thousands_separators_and_dates_are_dates():
    rows = [{"total": Decimal("35834.60"), "start": date(2024, 3, 1), "lng": Decimal("113.85")}]
    sheet = load(write_table(COLUMNS, rows, sheet_name="项目"))["项目"]
    assert sheet["D2"].value == 35834.6 and sheet["D2"].number_format == "#,##0.00"
    assert sheet["E2"].value == datetime(2024, 3, 1) and sheet["E2"].number_format == "yyyy-mm-dd"
    assert sheet["F2"].value == 113.85


def test_a_missing_value_is_a_blank_cell_and_a_flag_is_written_in_chinese():
    columns = [Column("name", "项目名称"), Column("listed", "是否入库")]
    sheet = load(write_table(columns, [{"name": None, "listed": True}], sheet_name="项目"))["项目"]
    assert sheet["A2"].value is None and sheet["B2"].value == "是"


def test_a_timestamp_is_written_in_the_offices_time_zone():
    columns = [Column("at", "提交时间")]
    rows = [{"at": datetime(2024, 3, 1, 0, 30, tzinfo=UTC)}]
    assert load(write_table(columns, rows, sheet_name="记录"))["记录"]["A2"].value == datetime(2024, 3, 1, 8, 30)


def test_the_title_sits_above_a_bold_frozen_header_with_units():
    sheet = load(write_table(COLUMNS, [], sheet_name="项目", title="2024年重点项目"))["项目"]
    assert sheet["A1"].value == "2024年重点项目" and "A1:F1" in {str(r) for r in sheet.merged_cells.ranges}
    assert [cell.value for cell in sheet[2]] == [
        "项目代码",
        "项目名称",
        "所属区划",
        "总投资（万元）",
        "计划开工日期",
        "经度",
    ]
    assert sheet["A2"].font.b
    assert sheet.freeze_panes == "A3"
    assert sheet.column_dimensions["B"].width >= 8


def test_an_exported_list_can_be_imported_again():
    rows = [{"name": "道路工程", "region": "魏都区", "total": Decimal("1234.5"), "start": date(2024, 3, 1)}]
    data = write_table(COLUMNS, rows, sheet_name="项目", title="2024年重点项目")
    cleaned, errors = parse_row(read_table(data, COLUMNS).rows[0], COLUMNS)
    assert errors == []
    assert cleaned["total"] == Decimal("1234.50") and cleaned["start"] == date(2024, 3, 1)


def test_a_template_marks_required_columns_with_a_star():
    sheet = load(write_template(COLUMNS, sheet_name="项目", instructions=[]))["项目"]
    assert [cell.value for cell in sheet[1]] == [
        "项目代码",
        "项目名称*",
        "所属区划*",
        "总投资（万元）*",
        "计划开工日期",
        "经度",
    ]


def test_a_template_read_back_finds_its_header_and_its_example_parses_clean():
    data = write_template(COLUMNS, sheet_name="项目", instructions=[])
    table = read_table(data, COLUMNS)
    assert table.header_row == 1
    assert [row.number for row in table.rows] == [2]
    cleaned, errors = parse_row(table.rows[0], COLUMNS)
    assert errors == []
    assert cleaned == {column.key: column.example for column in COLUMNS}


def test_a_template_explains_every_column_and_the_instructions():
    data = write_template(COLUMNS, sheet_name="项目", instructions=["项目级别填写：国家、省、市、县。"])
    rows = list(load(data)[GUIDE_SHEET].iter_rows(values_only=True))
    assert rows[0] == ("列名", "是否必填", "格式", "说明")
    assert rows[2] == ("项目名称", "是", "文本", "与立项文件一致")
    assert rows[4][:3] == ("总投资（万元）", "是", "金额，单位万元，可带千分位，如 12,345.67")
    notes = [row[0] for row in rows[len(COLUMNS) + 2 :] if row[0]]
    assert notes[0] == "注意事项"
    assert notes[-1].endswith("项目级别填写：国家、省、市、县。")
