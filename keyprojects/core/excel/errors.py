"""Why a file or its rows were refused, in words the user can act on."""

from dataclasses import dataclass

from .values import PARSERS, normalize_text


class ExcelRefused(Exception):
    """The whole file is refused before any row is read (not an .xlsx, too large, no header)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CellError:
    """One bad cell; `column` is the column's Chinese label, empty when the whole row is wrong."""

    row: int
    column: str
    value: str
    reason: str

    def __str__(self):
        column = f"「{self.column}」" if self.column else ""
        value = f"“{self.value}”" if self.value else ""
        return f"第{self.row}行{column}{value}：{self.reason}"


class ImportRefused(Exception):
    """Rows had errors: nothing was imported. Carries every error, not just the first."""

    def __init__(self, errors: list[CellError], *, header_row: int = 1):
        self.errors = list(errors)
        self.header_row = header_row  # where marked.mark_errors finds the column names
        self.summary = f"共 {len(self.errors)} 处错误，文件未导入，数据库未作任何修改。"
        super().__init__(self.summary)


def parse_row(row, columns) -> tuple[dict, list[CellError]]:
    """The row's values converted by column kind, and every cell that could not be."""
    cleaned, errors = {}, []
    for column in columns:
        raw = row.raw.get(column.key)
        try:
            value = PARSERS[column.kind](raw)
        except ValueError as error:
            errors.append(CellError(row.number, column.label, normalize_text(raw), str(error)))
            continue
        if column.required and (value is None or value == ""):
            errors.append(CellError(row.number, column.label, "", "必填"))
        cleaned[column.key] = value
    return cleaned, errors
