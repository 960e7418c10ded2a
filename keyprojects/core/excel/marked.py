"""The refused workbook handed back with its bad cells marked, so the user fixes it in place."""

from collections import defaultdict
from io import BytesIO

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from . import sandbox
from .container import load_bytes
from .reader import MAX_FILE_BYTES
from .values import normalize_header

LIST_SHEET = "错误清单"
AUTHOR = "导入检查"
_RED = PatternFill(fill_type="solid", fgColor="FFC7CE")


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
    for error in sorted(errors, key=lambda error: error.row):
        sheet.append([error.row, error.column, error.value, error.reason])
    for letter, width in zip("ABCD", (8, 20, 30, 50), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
