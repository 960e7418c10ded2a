"""Lists and import templates written as .xlsx.

Every text goes in as a string: the workbook options stop XlsxWriter from turning "=1+1" into
a formula, "www.x.cn" into a link or "00123" into a number, so an export carries whatever a
user typed without it running in the next reader's Excel.
"""

from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

import xlsxwriter
from django.utils import timezone

_STRINGS_STAY_STRINGS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
# XlsxWriter ignores constant_memory when in_memory is set. A 20,000 × 30 list takes about
# 230 MB in memory and 25 MB in constant_memory (rows go to a temporary file as written), so
# lists are written in constant_memory; a template is tiny and stays in memory.
_LIST_OPTIONS = _STRINGS_STAY_STRINGS | {"constant_memory": True}
_TEMPLATE_OPTIONS = _STRINGS_STAY_STRINGS | {"in_memory": True}
_MIN_WIDTH, _MAX_WIDTH = 8, 50
_WIDTH_SAMPLE = 200  # rows looked at to size the columns
GUIDE_SHEET = "填写说明"
_KIND_HELP = {
    "text": "文本",
    "amount": "金额，单位万元，可带千分位，如 12,345.67",
    "date": "日期，如 2024-03-01、2024/3/1、2024年3月1日；只写年月表示当月1日",
    "number": "数字，如 113.852361",
    "int": "整数",
}
_STANDARD_NOTES = (
    "表头带 * 的列必须填写；列的顺序可以调整，表头上方可以保留标题行。",
    "第 2 行是示例，导入前请删除或改为实际数据。",
    "金额单位为万元；日期可写 2024-03-01、2024/3/1 或 2024年3月1日，只写年月（2024-03、2024年3月）表示当月1日。",
    "任何一行有错误，整个文件都不会导入；系统会列出每一处错误，并提供标出错误单元格的原文件下载。",
)


def heading(column) -> str:
    """The column's name in a written file: amounts carry their unit, 总投资（万元）."""
    return f"{column.label}（万元）" if column.kind == "amount" else column.label


def write_table(columns, rows, *, sheet_name: str, title: str | None = None) -> bytes:
    """A list as .xlsx: `columns` is a list of Column, `rows` an iterable of dicts keyed by Column.key.

    Amounts are numbers shown as #,##0.00, dates are dates, None is a blank cell; an optional
    title goes above the header, merged across the table.
    """
    output = BytesIO()
    workbook = xlsxwriter.Workbook(output, _LIST_OPTIONS)
    formats = _formats(workbook)
    sheet = workbook.add_worksheet(sheet_name)
    top = 0
    if title:
        _write_title(sheet, title, len(columns), formats["title"])
        top = 1
    widths = _write_header(sheet, top, [heading(column) for column in columns], formats["header"])
    last = top
    for last, row in enumerate(rows, start=top + 1):
        for position, column in enumerate(columns):
            _write_cell(sheet, last, position, row.get(column.key), column.kind, formats)
        if last - top <= _WIDTH_SAMPLE:
            widths = [max(width, _width(row.get(column.key))) for width, column in zip(widths, columns, strict=True)]
    _set_widths(sheet, widths)
    sheet.freeze_panes(top + 1, 0)
    sheet.autofilter(top, 0, last, len(columns) - 1)
    workbook.close()
    return output.getvalue()


def write_template(columns, *, sheet_name: str, instructions: list[str]) -> bytes:
    """An import template: the header (required columns marked *), one example row, and a 填写说明 sheet."""
    output = BytesIO()
    workbook = xlsxwriter.Workbook(output, _TEMPLATE_OPTIONS)
    formats = _formats(workbook)
    sheet = workbook.add_worksheet(sheet_name)
    for position, column in enumerate(columns):
        style = formats["required"] if column.required else formats["header"]
        sheet.write_string(0, position, heading(column) + ("*" if column.required else ""), style)
        _write_cell(sheet, 1, position, column.example, column.kind, formats)
        # Text columns are formatted as text, so that a code such as 0371 keeps its leading 0.
        width = max(_MIN_WIDTH, _text_width(heading(column)) + 4)
        sheet.set_column(position, position, width, formats["text"] if column.kind == "text" else None)
    sheet.freeze_panes(1, 0)
    _write_guide(workbook.add_worksheet(GUIDE_SHEET), columns, [*_STANDARD_NOTES, *instructions], formats)
    workbook.close()
    return output.getvalue()


def _formats(workbook) -> dict:
    header = {"bold": True, "bg_color": "#F2F2F2", "border": 1, "text_wrap": True, "valign": "vcenter"}
    return {
        "title": workbook.add_format({"bold": True, "font_size": 14, "align": "center"}),
        "header": workbook.add_format(header),
        "required": workbook.add_format(header | {"font_color": "#C00000"}),
        "amount": workbook.add_format({"num_format": "#,##0.00"}),
        "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
        "datetime": workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
        "text": workbook.add_format({"num_format": "@"}),
        "bold": workbook.add_format({"bold": True}),
    }


def _write_title(sheet, title: str, width: int, style) -> None:
    if width > 1:
        sheet.merge_range(0, 0, 0, width - 1, title, style)
    else:
        sheet.write_string(0, 0, title, style)


def _write_header(sheet, row: int, names: list[str], style) -> list[int]:
    for position, name in enumerate(names):
        sheet.write_string(row, position, name, style)
    return [_text_width(name) + 2 for name in names]  # room for the filter button


def _write_cell(sheet, row: int, position: int, value, kind: str, formats) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        value = "是" if value else "否"
    if isinstance(value, str):
        sheet.write_string(row, position, value)
    elif isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.make_naive(value)  # the wall-clock time of the offices' zone
        sheet.write_datetime(row, position, value, formats["datetime"])
    elif isinstance(value, date):
        sheet.write_datetime(row, position, value, formats["date"])
    elif isinstance(value, int | float | Decimal):
        sheet.write_number(row, position, float(value), formats["amount"] if kind == "amount" else None)
    else:
        sheet.write_string(row, position, str(value))


def _width(value) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    if isinstance(value, Decimal | float):
        return len(f"{value:,.2f}")
    return _text_width(str(value))


def _text_width(text: str) -> int:
    # A Chinese character is about two digits wide, and is three bytes in UTF-8 against one.
    return (len(text.encode()) + len(text)) // 2


def _set_widths(sheet, widths: list[int]) -> None:
    for position, width in enumerate(widths):
        sheet.set_column(position, position, min(max(width, _MIN_WIDTH), _MAX_WIDTH))


def _write_guide(sheet, columns, notes: list[str], formats) -> None:
    for position, name in enumerate(("列名", "是否必填", "格式", "说明")):
        sheet.write_string(0, position, name, formats["header"])
    for row, column in enumerate(columns, start=1):
        sheet.write_string(row, 0, heading(column))
        sheet.write_string(row, 1, "是" if column.required else "否")
        sheet.write_string(row, 2, _KIND_HELP[column.kind])
        sheet.write_string(row, 3, column.help)
    row = len(columns) + 2
    sheet.write_string(row, 0, "注意事项", formats["bold"])
    for number, note in enumerate(notes, start=1):
        sheet.write_string(row + number, 0, f"{number}. {note}")
    for position, width in enumerate((24, 10, 40, 60)):
        sheet.set_column(position, position, width)
    sheet.freeze_panes(1, 0)
