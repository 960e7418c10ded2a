from datetime import date
from decimal import Decimal

import pytest

from keyprojects.core.excel.columns import Column
from keyprojects.core.excel.errors import CellError, ImportRefused, parse_row
from keyprojects.core.excel.reader import Row

COLUMNS = [
    Column("name", "项目名称", required=True),
    Column("region", "所属区划", required=True),
    Column("total", "总投资", required=True, kind="amount"),
    Column("start", "计划开工日期", kind="date"),
    Column("lng", "经度", kind="number"),
    Column("floors", "层数", kind="int"),
]


def test_a_cell_error_reads_as_a_sentence():
    assert str(CellError(12, "总投资", "abc", "不是有效的金额")) == "第12行「总投资」“abc”：不是有效的金额"
    assert str(CellError(12, "所属区划", "", "必填")) == "第12行「所属区划」：必填"


def test_an_error_about_the_whole_row_names_no_column():
    assert str(CellError(7, "", "", "与第5行是同一个项目")) == "第7行：与第5行是同一个项目"


def test_a_clean_row_gives_typed_values():
    row = Row(4, {"name": " 道路\n工程 ", "region": "魏都区", "total": "1,234.5", "start": 43525, "lng": 113.85})
    cleaned, errors = parse_row(row, COLUMNS)
    assert errors == []
    assert cleaned == {
        "name": "道路 工程",
        "region": "魏都区",
        "total": Decimal("1234.50"),
        "start": date(2019, 3, 1),
        "lng": Decimal("113.85"),
        "floors": None,
    }


def test_every_bad_cell_of_a_row_is_collected_not_just_the_first():
    row = Row(12, {"name": "道路工程", "region": "  ", "total": "abc", "start": "2019-02-30", "floors": 2.5})
    _, errors = parse_row(row, COLUMNS)
    assert [str(error) for error in errors] == [
        "第12行「所属区划」：必填",
        "第12行「总投资」“abc”：不是有效的金额",
        "第12行「计划开工日期」“2019-02-30”：不是有效的日期",
        "第12行「层数」“2.5”：不是有效的整数",
    ]


def test_a_refused_import_says_how_many_errors_and_that_nothing_changed():
    refused = ImportRefused([CellError(3, "总投资", "x", "不是有效的金额"), CellError(4, "项目名称", "", "必填")])
    assert refused.summary == "共 2 处错误，文件未导入，数据库未作任何修改。"
    assert len(refused.errors) == 2


def test_a_column_of_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown column kind"):
        Column("total", "总投资", kind="money")
