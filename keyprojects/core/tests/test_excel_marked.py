import io

import openpyxl

from keyprojects.core.excel.columns import Column
from keyprojects.core.excel.errors import CellError, parse_row
from keyprojects.core.excel.marked import LIST_SHEET, mark_errors
from keyprojects.core.excel.reader import read_table

COLUMNS = [
    Column("name", "项目名称", required=True),
    Column("region", "所属区划", required=True),
    Column("total", "总投资", required=True, kind="amount", aliases=("总投资额",)),
    Column("start", "计划开工日期", kind="date"),
]


def refused_ledger() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "项目"
    for row in [
        ["2024年重点项目"],
        ["项目名称", "所属区划", "总投资额（万元）", "计划开工日期"],
        ["道路工程", "建安区", "abc", "2024-02-30"],
        ["供水工程", None, 100, "2024-03"],
        [None, "魏都区", "一百", None],
    ]:
        sheet.append(row)
    sheet.merge_cells("B3:B4")
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def errors_of(data: bytes):
    table = read_table(data, COLUMNS)
    return table, [error for row in table.rows for error in parse_row(row, COLUMNS)[1]]


def marked(errors=None) -> openpyxl.Workbook:
    data = refused_ledger()
    table, found = errors_of(data)
    output = mark_errors(data, found if errors is None else errors, table.header_row, columns=COLUMNS)
    return openpyxl.load_workbook(io.BytesIO(output))


def is_red(cell) -> bool:
    return cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb.endswith("FFC7CE")


def test_each_bad_cell_is_filled_red_and_carries_the_reason():
    sheet = marked()["项目"]
    assert is_red(sheet["C3"]) and sheet["C3"].comment.text == "第3行「总投资」“abc”：不是有效的金额"
    assert is_red(sheet["D3"]) and "不是有效的日期" in sheet["D3"].comment.text
    assert is_red(sheet["A5"]) and "「项目名称」：必填" in sheet["A5"].comment.text
    assert is_red(sheet["C5"])
    assert not is_red(sheet["A3"]) and sheet["A3"].comment is None


def test_a_header_written_with_an_alias_is_found():
    assert marked()["项目"]["C3"].comment is not None  # the header says 总投资额, the error 总投资


def test_errors_inside_a_merged_range_are_all_shown_on_its_top_left_cell():
    sheet = marked(
        [CellError(3, "所属区划", "建安区", "不是本市的区县"), CellError(4, "所属区划", "", "不是本市的区县")]
    )["项目"]
    assert is_red(sheet["B3"])
    assert sheet["B3"].comment.text == "第3行「所属区划」“建安区”：不是本市的区县\n第4行「所属区划」：不是本市的区县"


def test_an_error_about_the_whole_row_marks_its_first_cell():
    sheet = marked([CellError(4, "", "", "与第3行是同一个项目")])["项目"]
    assert is_red(sheet["A4"]) and sheet["A4"].comment.text == "第4行：与第3行是同一个项目"


def test_the_error_list_sheet_lists_row_column_value_and_reason():
    rows = list(marked()[LIST_SHEET].iter_rows(values_only=True))
    assert rows[0] == ("行号", "列", "值", "原因")
    assert rows[1:] == [
        (3, "总投资", "abc", "不是有效的金额"),
        (3, "计划开工日期", "2024-02-30", "不是有效的日期"),
        (5, "项目名称", None, "必填"),
        (5, "总投资", "一百", "不是有效的金额"),
    ]


def test_the_original_data_is_left_as_it_was():
    sheet = marked()["项目"]
    assert [cell.value for cell in sheet[3]] == ["道路工程", "建安区", "abc", "2024-02-30"]
    assert "B3:B4" in {str(merged) for merged in sheet.merged_cells.ranges}


def test_a_marked_file_sent_back_is_read_and_marked_afresh():
    data = refused_ledger()
    table, found = errors_of(data)
    first = mark_errors(data, found, table.header_row, columns=COLUMNS)
    again = openpyxl.load_workbook(io.BytesIO(mark_errors(first, found[:1], table.header_row, columns=COLUMNS)))
    assert again.sheetnames == ["项目", LIST_SHEET]
    assert is_red(again["项目"]["C3"])
    assert not is_red(again["项目"]["D3"]) and again["项目"]["D3"].comment is None
    assert len(read_table(first, COLUMNS).rows) == 3
