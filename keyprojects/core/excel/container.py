"""The .xlsx container, checked before any cell is parsed.

An .xlsx file is a zip of XML parts. A few kilobytes of it can unpack to gigabytes, and a
single cell placed at XFD1048576 makes calamine, which holds a sheet as one dense rectangle,
allocate seventeen billion cells (a 5 KB file reaching row 10,001 took 5 GB in a trial).
So sizes and cell addresses are checked here first; values are never looked at.

Nothing the zip declares is trusted: every member is inflated here with a hard cap, its real
size and CRC compared with the declared ones, and every number a reader preallocates from
(calamine reserves sharedStrings' uniqueCount up front: 4,000,000,000 asked for 96 GB) checked
against the limits before any reader sees the file. Whatever still gets past runs under a
memory cap (sandbox.py).
"""

import os
import posixpath
import re
import struct
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

# A workbook has a few dozen parts; a sheet or a shared-strings table never declares more items
# than a sheet may have cells (a reader reserves room for what is declared).
MAX_MEMBERS = 1000
MAX_SHEETS = 255
# Worksheet XML packs about 10:1 and a sheet of empty styled cells about 150:1; a zip bomb packs about 1000:1.
MAX_RATIO = 400
RATIO_CHECKED_FROM = 1024 * 1024  # small parts (an empty styles table) may pack better than any sheet
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384
_TAIL = 64 * 1024  # kept of a window that has no '>' in it, so that an attribute is never cut in two

_LOCAL_HEADER = struct.Struct("<IHHHHHIIIHH")
_LOCAL_SIGNATURE = 0x04034B50
_STORED, _DEFLATED = 0, 8
_ENCRYPTED = 0x1
# No spreadsheet writer puts a DTD in a part; one there can only be an entity bomb or an external entity.
_DTD_WORDS = [word.encode(codec) for word in ("<!DOCTYPE", "<!ENTITY") for codec in ("utf-8", "utf-16-le", "utf-16-be")]
_QUOTED = rb"""\s*=\s*(?:"([^"]*)"|'([^']*)')"""
_COUNT = re.compile(rb"\b(?:count|uniqueCount)" + _QUOTED)
_RANGE_REF = re.compile(rb"<(?:[\w.-]+:)?(?:dimension|mergeCell)\b[^>]*?\bref" + _QUOTED)
_REFERENCE = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")
TOO_MANY_PARTS = "文件中的部件过多，不是正常的 Excel 文件。请用 Excel 或 WPS 打开后“另存为”.xlsx 再导入。"
DTD_REFUSED = "文件中含有 Excel 不会写入的 XML 声明（DTD/实体），可能是恶意文件，已拒绝读取。"
BOMB = "文件的压缩比异常（可能是“压缩炸弹”），已拒绝读取。请用 Excel 或 WPS 打开后“另存为”.xlsx 再导入。"


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
    infos = package.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ExcelRefused(TOO_MANY_PARTS)
    if sum(info.file_size for info in infos) > max_unpacked:
        raise ExcelRefused(_too_big(max_unpacked))
    # Readers disagree on which of two same-named parts counts (calamine also matches names ignoring
    # case), so the part checked here might not be the part read.
    names = [info.filename.replace("\\", "/").casefold() for info in infos]
    if len(set(names)) != len(names):
        raise ExcelRefused(DAMAGED)
    if "xl/workbook.xml" not in package.namelist():
        raise ExcelRefused(NOT_XLSX)
    return package


def check_parts(package: zipfile.ZipFile, data: bytes, *, max_unpacked: int, max_cells: int) -> None:
    """Inflates every part with a hard cap and refuses what no genuine workbook has: sizes or CRCs that lie,
    a bomb's compression ratio, a DTD, or a declared count, dimension or merge larger than the limits."""
    budget = max_unpacked
    for info in package.infolist():
        budget -= _check_part(data, info, budget, max_cells)
    if len(_elements(package, "xl/workbook.xml", "sheet")) > MAX_SHEETS:
        raise ExcelRefused(f"文件中的工作表超过 {MAX_SHEETS} 张，请删除多余的工作表后再导入。")


def _check_part(data: bytes, info: zipfile.ZipInfo, budget: int, max_cells: int) -> int:
    """The part's real size, after scanning it window by window."""
    size, crc, carry = 0, 0, b""
    for chunk in _inflate(data, info, budget):
        size += len(chunk)
        crc = zlib.crc32(chunk, crc)
        window = carry + chunk
        cut = window.rfind(b">") + 1
        if cut:  # no tag is cut in two: the rest waits for the next window
            _scan(window[:cut], max_cells)
            carry = window[cut:]
        else:  # no tag ends here (text, or a binary part): scanned, and its tail again with the next window
            _scan(window, max_cells)
            carry = window[-_TAIL:]
    _scan(carry, max_cells)
    if size != info.file_size or crc != info.CRC:
        raise ExcelRefused(DAMAGED)
    if size > RATIO_CHECKED_FROM and size > MAX_RATIO * max(info.compress_size, 1):
        raise ExcelRefused(BOMB)
    return size


def _inflate(data: bytes, info: zipfile.ZipInfo, budget: int):
    """The part's bytes as stored, never more than `budget` of them whatever its header says."""
    if info.flag_bits & _ENCRYPTED:
        raise ExcelRefused(NOT_XLSX)
    try:
        header = _LOCAL_HEADER.unpack_from(data, info.header_offset)
    except struct.error:
        raise ExcelRefused(DAMAGED) from None
    if header[0] != _LOCAL_SIGNATURE:
        raise ExcelRefused(DAMAGED)
    start = info.header_offset + _LOCAL_HEADER.size + header[9] + header[10]
    raw = memoryview(data)[start : start + info.compress_size]
    if info.compress_type == _STORED:
        if len(raw) > budget:
            raise ExcelRefused(_too_big(budget))
        yield bytes(raw)
        return
    if info.compress_type != _DEFLATED:
        raise ExcelRefused(DAMAGED)
    inflater, produced = zlib.decompressobj(-zlib.MAX_WBITS), 0
    try:
        for offset in range(0, len(raw), _CHUNK):
            pending = bytes(raw[offset : offset + _CHUNK])
            while pending and not inflater.eof:
                chunk = inflater.decompress(pending, _CHUNK)
                pending = inflater.unconsumed_tail
                produced += len(chunk)
                if produced > budget:
                    raise ExcelRefused(_too_big(budget))
                yield chunk
    except zlib.error:
        raise ExcelRefused(DAMAGED) from None
    if not inflater.eof:
        raise ExcelRefused(DAMAGED)


def _scan(text: bytes, max_cells: int) -> None:
    # Plain substring searches first: a sheet's cells, scanned by a regex each, would cost half a second.
    if any(word in text for word in _DTD_WORDS):
        raise ExcelRefused(DTD_REFUSED)
    for match in _COUNT.finditer(text) if b"ount" in text else ():
        declared = _number(match)
        if declared is not None and declared > max_cells:
            raise ExcelRefused(
                f"文件声明的条目数（{declared:,}）超过 {max_cells:,} 的上限，文件结构异常，已拒绝读取。"
                "请用 Excel 或 WPS 打开后“另存为”.xlsx 再导入。"
            )
    if b"dimension" in text or b"mergeCell" in text:
        for match in _RANGE_REF.finditer(text):
            _check_range((match.group(1) or match.group(2) or b"").decode("ascii", "replace"), max_cells)


def _number(match) -> int | None:
    text = (match.group(1) or match.group(2) or b"").strip()
    return int(text) if text.lstrip(b"+").isdigit() else None


def _check_range(ref: str, max_cells: int) -> None:
    """A declared range (a sheet's dimension, a merge) within Excel's grid and no larger than max_cells."""
    corners = [_REFERENCE.fullmatch(corner.strip()) for corner in ref.split(":")]
    if not ref.strip() or len(corners) > 2 or None in corners:
        return  # not a range at all: the reader will say so
    rows = [int(corner.group(2)) for corner in corners]
    columns = [_column_number(corner.group(1).upper().encode()) for corner in corners]
    if max(rows) > EXCEL_ROWS or max(columns) > EXCEL_COLUMNS:
        raise ExcelRefused(DAMAGED)
    height, width = abs(rows[-1] - rows[0]) + 1, abs(columns[-1] - columns[0]) + 1
    if height * width > max_cells:
        widest = max((corner.group(1).upper() for corner in corners), key=lambda letters: (len(letters), letters))
        raise ExcelRefused(_too_wide(max(rows), widest))


def _too_wide(rows: int, letters: str) -> str:
    return (
        f"工作表的内容范围过大（最远到第 {rows} 行、第 {letters} 列）。"
        "请删除表格下方或右侧多余的内容（整行、整列删除），取消多余的合并单元格后再导入。"
    )


def _too_big(limit: int) -> str:
    return (
        f"文件解压后超过 {_size(limit)} 的上限，可能不是正常的 Excel 文件；"
        "请删除多余的工作表、图片后重试，或拆分后分批导入。"
    )


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
        raise ExcelRefused(_too_wide(rows, widest.decode()))


def sheet_cells(data: bytes) -> int:
    """How many cells the first visible sheet of an already checked file holds."""
    package = zipfile.ZipFile(BytesIO(data))
    with package.open(first_sheet(package)[1]) as stream:
        return _cell_addresses(stream)[3]


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
