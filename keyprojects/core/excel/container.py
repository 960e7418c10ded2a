"""The .xlsx container, checked before any cell is parsed.

An .xlsx file is a zip of XML parts. A few kilobytes of it can unpack to gigabytes, and a
single cell placed at XFD1048576 makes calamine, which holds a sheet as one dense rectangle,
allocate seventeen billion cells (a 5 KB file reaching row 10,001 took 5 GB in a trial).
So sizes and cell addresses are checked here first; values are never looked at.
"""

import os
import posixpath
import re
import zipfile
import zlib
from io import BytesIO

from defusedxml import ElementTree

from .errors import ExcelRefused

NOT_XLSX = (
    "文件不是有效的 Excel（.xlsx）文件。系统只支持 .xlsx 格式：.xls、.csv、.et 等文件请先用 Excel 或 WPS"
    "“另存为”.xlsx；设置了打开密码的文件请先取消密码。"
)
DAMAGED = "文件已损坏或格式不规范，无法读取。请用 Excel 或 WPS 打开后“另存为”.xlsx 再导入。"

# What zipfile raises on a damaged or unusual member (RuntimeError: an encrypted member).
_UNREADABLE = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, KeyError)
_XML_ERRORS = (ElementTree.ParseError, ValueError, KeyError)  # defusedxml's refusals are ValueErrors

# Every writer we know (Excel, WPS, LibreOffice, openpyxl, XlsxWriter, POI) gives each cell
# its address as the attribute r="B7"; counting those against the cell tags proves no cell
# was placed by position alone, where the address scan would not see it.
_CELL_TAG = re.compile(rb"<c[\s/>]")
_PREFIXED_CELL_TAG = re.compile(rb"<[\w.-]+:c[\s/>]")
_CELL_COLUMN = re.compile(rb' r="([A-Z]+)')
_CELL_ROW = re.compile(rb' r="[A-Z]+([0-9]+)"')
_CHUNK = 4 * 1024 * 1024


def load_bytes(source, max_bytes: int) -> bytes:
    """The file's bytes from a path, bytes, or a binary file object such as an upload."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    elif isinstance(source, str | os.PathLike):
        with open(source, "rb") as file:
            data = file.read(max_bytes + 1)
    else:
        if hasattr(source, "seek"):
            source.seek(0)  # a form may already have read the upload
        data = source.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ExcelRefused(f"文件超过 {_size(max_bytes)} 的上限，请拆分后分批导入。")
    return data


def open_package(data: bytes, max_unpacked: int) -> zipfile.ZipFile:
    """The zip inside the file, refused when it is not a workbook or unpacks to too much."""
    try:
        package = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise ExcelRefused(NOT_XLSX) from None
    unpacked = sum(info.file_size for info in package.infolist())
    if unpacked > max_unpacked:
        raise ExcelRefused(
            f"文件解压后超过 {_size(max_unpacked)} 的上限，可能不是正常的 Excel 文件；"
            "请删除多余的工作表、图片后重试，或拆分后分批导入。"
        )
    if "xl/workbook.xml" not in package.namelist():
        raise ExcelRefused(NOT_XLSX)
    return package


def first_sheet(package: zipfile.ZipFile) -> tuple[str, str]:
    """Name and zip member of the first visible worksheet: the one a user sees on opening the file."""
    relationships = {rel.get("Id"): rel for rel in _elements(package, "xl/_rels/workbook.xml.rels", "Relationship")}
    for sheet in _elements(package, "xl/workbook.xml", "sheet"):
        rel = relationships.get(_relationship_id(sheet))
        if rel is None or not rel.get("Type", "").endswith("/worksheet"):
            continue  # a chart sheet
        if sheet.get("state", "visible") == "visible":
            return sheet.get("name"), _member(package, rel.get("Target", ""))
    raise ExcelRefused("文件中没有可读取的工作表。")


def check_extent(package: zipfile.ZipFile, member: str, max_cells: int) -> None:
    """Refuses a sheet whose cells span a rectangle of more than max_cells."""
    try:
        with package.open(member) as stream:
            rows, widest, addressed, cells = _cell_addresses(stream)
    except _UNREADABLE:
        raise ExcelRefused(DAMAGED) from None
    if addressed != cells:
        raise ExcelRefused(DAMAGED)
    if rows * _column_number(widest) > max_cells:
        raise ExcelRefused(
            f"工作表的内容范围过大（最远到第 {rows} 行、第 {widest.decode()} 列）。"
            "请删除表格下方或右侧多余的内容（整行、整列删除）后再导入。"
        )


def _cell_addresses(stream) -> tuple[int, bytes, int, int]:
    """Highest row, widest column letters, number of cell addresses and of cell tags."""
    columns, rows, addressed, cells = set(), set(), 0, 0
    carry = b""
    while chunk := stream.read(_CHUNK):
        # Cut after the last '>' so that no tag is split between two chunks.
        data = carry + chunk
        cut = data.rfind(b">") + 1
        data, carry = data[:cut], data[cut:]
        columns.update(_CELL_COLUMN.findall(data))
        found = _CELL_ROW.findall(data)
        rows.update(found)
        addressed += len(found)
        cells += len(_CELL_TAG.findall(data))
        if b":c" in data:
            cells += len(_PREFIXED_CELL_TAG.findall(data))
    highest = max(map(int, rows), default=0)
    widest = max(columns, key=lambda letters: (len(letters), letters), default=b"A")
    return highest, widest, addressed, cells


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number


def _elements(package: zipfile.ZipFile, member: str, name: str) -> list:
    try:
        root = ElementTree.fromstring(package.read(member))
    except _UNREADABLE + _XML_ERRORS:
        raise ExcelRefused(DAMAGED) from None
    return [element for element in root.iter() if element.tag.rpartition("}")[2] == name]


def _relationship_id(sheet) -> str | None:
    # r:id, whose namespace differs between transitional and strict OOXML.
    return next((value for key, value in sheet.attrib.items() if key.endswith("}id")), None)


def _member(package: zipfile.ZipFile, target: str) -> str:
    member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    if member not in package.namelist():
        raise ExcelRefused(DAMAGED)
    return member


def _size(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"{limit / (1024 * 1024):g} MB"
    return f"{limit / 1024:g} KB" if limit >= 1024 else f"{limit} 字节"
