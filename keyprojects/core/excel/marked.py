"""The refused workbook handed back with its bad cells marked, so the user fixes it in place."""

from collections import defaultdict
from dataclasses import dataclass
from io import BytesIO

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from . import container, sandbox
from .columns import Column
from .container import load_bytes
from .reader import MAX_FILE_BYTES
from .values import normalize_header
from .writer import write_table

LIST_SHEET = "错误清单"
AUTHOR = "导入检查"
_RED = PatternFill(fill_type="solid", fgColor="FFC7CE")
# openpyxl builds an object for every cell and every comment: a 10,000-row sheet of 8 columns with 30,000
# errors takes 7 s, and 50,000 rows with 150,000 errors exhaust the child's 1.5 GB. Up to these bounds the
# original is marked (README 设计决定 has the measured worst case); beyond them the errors are listed alone.
MARK_MAX_CELLS = 200_000
MARK_MAX_ERRORS = 10_000
# 50,000 rows wrong in each of 29 columns are 1.45 million errors, more rows than Excel shows; the list stops here
# and says how many more there are (the same mistake repeated, as a rule: fixing these shows the rest).
LIST_MAX_ERRORS = 100_000
_LIST_COLUMNS = [
    Column("row", "行号", kind="int"),
    Column("column", "列"),
    Column("value", "填写的值"),
    Column("reason", "原因"),
]


@dataclass(frozen=True)
class ErrorsFile:
    content: bytes
    marks_original: bool  # False: only the 错误清单, the file being too big to mark in good time


def errors_file(source, errors, header_row: int, *, columns=()) -> ErrorsFile:
    """The refused file marked (mark_errors) when that is quick, else the list of errors written with XlsxWriter,
    which takes about 6 s for 150,000 errors."""
    data = load_bytes(source, MAX_FILE_BYTES)
    errors = list(errors)
    if len(errors) > MARK_MAX_ERRORS or container.sheet_cells(data) > MARK_MAX_CELLS:
        return ErrorsFile(error_list(errors), marks_original=False)
    return ErrorsFile(mark_errors(data, errors, header_row, columns=columns), marks_original=True)


def error_list(errors) -> bytes:
    """The 错误清单 alone, one row per error in row order, the first LIST_MAX_ERRORS of them."""
    errors = _by_row(errors)
    rows = [{"row": e.row, "column": e.column, "value": e.value, "reason": e.reason} for e in errors[:LIST_MAX_ERRORS]]
    if len(errors) > LIST_MAX_ERRORS:
        rest = len(errors) - LIST_MAX_ERRORS
        rows.append({"reason": f"另有 {rest:,} 处错误未列出，改正以上各处后重新上传即可看到。"})
    return write_table(_LIST_COLUMNS, rows, sheet_name=LIST_SHEET)


def _by_row(errors) -> list:
    return sorted(errors, key=lambda error: error.row)


def mark_errors(source, errors, header_row: int, *, columns=()) -> bytes:
    """The original workbook with each bad cell filled light red and commented, plus a 错误清单 sheet.

    A cell is found by its column's label on `header_row`; pass `columns` so that a header
    written with an alias (总投资额 for 总投资) is found too. An error whose column is not
    found, or that concerns the whole row, marks the row's first cell. Loads the whole
    workbook with openpyxl, which drops images and charts: fine for a file being sent back
    to be fixed, and only ever done for refused files. It is slow on big files (20,000 rows:
    about 20 s and 300–450 MB here), so build it when the user asks for it, not on upload. openpyxl
    runs in the sandbox's capped child, like calamine: the file passed the checks, but it is still the user's.
    """
    return sandbox.run("mark", load_bytes(source, MAX_FILE_BYTES), list(errors), header_row, tuple(columns))


def mark_workbook(data: bytes, errors, header_row: int, columns) -> bytes:
    """mark_errors itself, in the sandbox's child process."""
    workbook = openpyxl.load_workbook(BytesIO(data))
    sheet = next(ws for ws in workbook.worksheets if ws.sheet_state == "visible")
    if LIST_SHEET in workbook.sheetnames:  # the user sent back a file we marked before
        del workbook[LIST_SHEET]
        _clear_marks(sheet)

    errors = list(errors)
    positions = _column_positions(sheet, header_row, columns)
    cells = [(error.row, positions.get(normalize_header(error.column), 1) if error.column else 1) for error in errors]
    anchors = _merged_anchors(sheet, set(cells))
    by_cell = defaultdict(list)
    for error, cell in zip(errors, cells, strict=True):
        by_cell[anchors.get(cell, cell)].append(error)
    for (row, column), cell_errors in by_cell.items():
        _mark(sheet.cell(row, column), cell_errors)

    _add_list(workbook, errors)
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def _column_positions(sheet, header_row: int, columns) -> dict[str, int]:
    """Normalized label → column number, from the names written on the header row."""
    written = {name: cell.column for cell in sheet[header_row] if (name := normalize_header(cell.value))}
    positions = dict(written)
    for column in columns:
        for name in (column.label, *column.aliases):
            if normalize_header(name) in written:
                positions.setdefault(normalize_header(column.label), written[normalize_header(name)])
    return positions


def _merged_anchors(sheet, cells) -> dict[tuple[int, int], tuple[int, int]]:
    # Only a merged range's top-left cell can hold a fill and a comment.
    anchors = {}
    for merged in sheet.merged_cells.ranges:
        for cell in merged.cells:
            if cell in cells:
                anchors[cell] = (merged.min_row, merged.min_col)
    return anchors


def _mark(cell, errors) -> None:
    text = "\n".join(str(error) for error in errors)
    if cell.comment is not None and cell.comment.author != AUTHOR:
        text = f"{cell.comment.text}\n{text}"  # keep the user's own note
    cell.comment = Comment(text, AUTHOR, width=320, height=60 + 20 * len(errors))
    cell.fill = _RED


def _clear_marks(sheet) -> None:
    for row in sheet.iter_rows():
        for cell in row:
            if cell.comment is not None and cell.comment.author == AUTHOR:
                cell.comment = None
                cell.fill = PatternFill(fill_type=None)


def _add_list(workbook, errors) -> None:
    sheet = workbook.create_sheet(LIST_SHEET)
    sheet.append(["行号", "列", "值", "原因"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for error in _by_row(errors):
        sheet.append([error.row, error.column, error.value, error.reason])
    for letter, width in zip("ABCD", (8, 20, 30, 50), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
