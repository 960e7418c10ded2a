"""Reads the first sheet of an uploaded .xlsx into rows of raw values keyed by column.

Values come from python-calamine, which parses 20,000 rows in about a second where openpyxl
takes tens. The container is checked first (container.py), and calamine runs in a capped child
process (sandbox.py); the header row is found by its names, so title rows, unit lines and column
order do not matter.
"""

from collections import defaultdict
from dataclasses import dataclass
from io import BytesIO
from itertools import chain, islice

import python_calamine
from openpyxl.utils import get_column_letter

from . import container, sandbox
from .errors import ExcelRefused
from .values import normalize_header, normalize_text

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ROWS = 50_000
# calamine holds the sheet as a dense rectangle of about 32 bytes a cell: 5 million is ~160 MB.
MAX_CELLS = 5_000_000
HEADER_SCAN_ROWS = 30

_TOTAL_WORDS = ("合计", "小计", "总计")


@dataclass(frozen=True)
class Row:
    number: int  # the Excel row number, for messages
    raw: dict[str, object]  # column key → cell value (None when blank), merged cells filled


@dataclass(frozen=True)
class Table:
    header_row: int
    rows: list[Row]


def read_table(
    source,
    columns,
    *,
    max_bytes: int = MAX_FILE_BYTES,
    max_unpacked: int = MAX_UNPACKED_BYTES,
    max_rows: int = MAX_ROWS,
    max_cells: int = MAX_CELLS,
) -> Table:
    """The data rows of the first visible sheet; raises ExcelRefused for a file that cannot be read.

    `source` is a path, bytes, or a binary file object (a Django UploadedFile).
    """
    data = container.load_bytes(source, max_bytes)
    package = container.open_package(data, max_unpacked)
    container.check_parts(package, data, max_unpacked=max_unpacked, max_cells=max_cells)
    sheet_name, member = container.first_sheet(package)
    container.check_extent(package, member, max_cells)
    sheet = _load_sheet(data, sheet_name, max_cells)

    rows = _filled_rows(sheet)
    head = list(islice(rows, HEADER_SCAN_ROWS))
    index, positions = _find_header(head, columns)
    header = head[index][1]
    table_rows = []
    for number, values, _ in chain(head[index + 1 :], rows):
        if _is_total(values) or _repeats_header(values, header, positions):
            continue
        if len(table_rows) == max_rows:
            raise ExcelRefused(f"数据超过 {max_rows:,} 行的上限，请拆分后分批导入。")
        table_rows.append(Row(number, {key: _raw(values[position]) for key, position in positions.items()}))
    return Table(header_row=head[index][0], rows=table_rows)


@dataclass(frozen=True)
class _Sheet:
    start: tuple[int, int] | None  # (row, column) of the first used cell
    merged_cell_ranges: list
    rows: list[list]


def _load_sheet(data: bytes, name: str, max_cells: int) -> _Sheet:
    return _Sheet(*sandbox.run("sheet", data, name, max_cells))


def parse_sheet(data: bytes, name: str, max_cells: int) -> tuple:
    """What calamine reads of the sheet, as plain values; runs in the sandbox's child process."""
    try:
        sheet = python_calamine.CalamineWorkbook.from_filelike(BytesIO(data)).get_sheet_by_name(name)
    except python_calamine.CalamineError:
        raise ExcelRefused(container.DAMAGED) from None
    # openpyxl, which marks refused files, makes an object for every cell of a merged range.
    merged = [tuple(corners) for corners in sheet.merged_cell_ranges or ()]
    if sum((r1 - r0 + 1) * (c1 - c0 + 1) for (r0, c0), (r1, c1) in merged) > max_cells:
        raise ExcelRefused("文件中合并单元格的范围过大，请取消多余的合并后再导入。")
    start = tuple(sheet.start) if sheet.start is not None else None
    return start, merged, list(sheet.iter_rows()) if start is not None else []


def _filled_rows(sheet: _Sheet):
    """(Excel row number, cell values, columns filled from a merge to their left) of non-blank rows."""
    if sheet.start is None:
        return
    # calamine 0.9 yields every row from the first, but columns only from the first used one.
    offset = [""] * sheet.start[1]
    merges = _Merges(sheet.merged_cell_ranges)
    for index, values in enumerate(sheet.rows):
        values = offset + values if offset else values
        blank = all(_is_blank(value) for value in values)
        from_left = merges.fill(index, values)
        if not blank:  # judged before filling: a merge running on past the data adds no row
            yield index + 1, values, from_left


class _Merges:
    """Gives each cell of a merged range the value of its top-left cell, rows passed in order.

    A legacy ledger merges 所属区划 down over all of a district's projects; each of those rows
    must read the district. A range's value is taken when its top row goes by.
    """

    def __init__(self, ranges):
        self._waiting = sorted(((r0, c0, r1, c1) for (r0, c0), (r1, c1) in ranges), reverse=True)
        self._open = []

    def fill(self, index: int, values: list) -> set[int]:
        while self._waiting and self._waiting[-1][0] <= index:
            r0, c0, r1, c1 = self._waiting.pop()
            value = values[c0] if c0 < len(values) else ""
            self._open.append((r1, c0, c1, value))
        self._open = [merge for merge in self._open if merge[0] >= index]
        from_left = set()
        for _, c0, c1, value in self._open:
            for column in range(c0, min(c1 + 1, len(values))):
                values[column] = value
                if column > c0:
                    from_left.add(column)
        return from_left


def _names(columns) -> dict:
    """Normalized header name → column, over every label and alias."""
    lookup = {}
    for column in columns:
        for name in (column.label, *column.aliases):
            key = normalize_header(name)
            if lookup.setdefault(key, column) is not column:
                raise ValueError(f"header name {name!r} belongs to both {lookup[key].key} and {column.key}")
    return lookup


def _find_header(head: list, columns) -> tuple[int, dict[str, int]]:
    """The index in `head` of the row naming the most columns, and column key → position."""
    lookup = _names(columns)
    found = [_header_positions(values, from_left, lookup) for _, values, from_left in head]
    index = max(range(len(found)), key=lambda i: len(found[i]), default=0)
    best = found[index] if found else {}
    missing = [column.label for column in columns if column.required and column.key not in best]
    if missing:
        raise ExcelRefused(f"缺少必填列：{'、'.join(missing)}。请对照模板检查表头。")
    if not best:
        raise ExcelRefused(f"前 {HEADER_SCAN_ROWS} 行中没有找到表头，请对照模板检查表头。")
    repeated = {key: positions for key, positions in best.items() if len(positions) > 1}
    if repeated:
        labels = {column.key: column.label for column in columns}
        names = "；".join(
            f"“{labels[key]}”（{'、'.join(get_column_letter(p + 1) for p in positions)} 列）"
            for key, positions in repeated.items()
        )
        raise ExcelRefused(f"表头中有重复的列：{names}。请只保留一列。")
    return index, {key: positions[0] for key, positions in best.items()}


def _header_positions(values: list, from_left: set[int], lookup: dict) -> dict[str, list[int]]:
    found = defaultdict(list)
    for position, value in enumerate(values):
        # A header merged across columns names only its first column.
        column = None if position in from_left else lookup.get(normalize_header(value))
        if column is not None:
            found[column.key].append(position)
    return found


def _is_total(values: list) -> bool:
    return any(
        _is_total_label(value) for value in values if isinstance(value, str) and ("计" in value or "其中" in value)
    )


def _is_total_label(value: str) -> bool:
    """合计, 小计（3个）, 建安区小计, 其中：— but not 合计建设道路10公里, a project's content.

    A row wrongly taken for data is refused with a message the user can fix; a row wrongly
    taken for a total would silently be dropped. So the words must stand alone: at the start
    followed by no more Chinese, or at the end of a short label.
    """
    text = normalize_text(value).replace(" ", "")
    if text in ("其中", "其中:"):
        return True
    for word in _TOTAL_WORDS:
        if text.startswith(word) and not _is_chinese(text[len(word) : len(word) + 1]):
            return True
        if text.endswith(word) and len(text) <= 12:
            return True
    return False


def _is_chinese(character: str) -> bool:
    return "\u4e00" <= character <= "\u9fff"


def _repeats_header(values: list, header: list, positions: dict[str, int]) -> bool:
    """The header printed again on each page of a multi-page printout."""
    same = sum(1 for position in positions.values() if values[position] == header[position])
    return same * 2 > len(positions)


def _is_blank(value) -> bool:
    return value == "" or (isinstance(value, str) and value.isspace())


def _raw(value):
    if isinstance(value, str):
        return value if value and not value.isspace() else None
    # calamine reads every number as a float; a code typed as 2019123456 must not become "2019123456.0".
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value
