"""A corpus of hostile .xlsx uploads, built in code (nothing binary is committed).

Each file starts from a genuine workbook with a valid project row, so that only its hostility can be
the reason it is refused. `CORPUS` maps a name to (builder, a phrase the refusal must contain).
"""

import functools
import io
import re
import struct
import warnings
import zipfile

import xlsxwriter

from keyprojects.testing.workbooks import PROJECT_HEADER

ROW = ["恶意文件项目", "建安区", "市", "新开工", 100, 50]
FOUR_BILLION = "4000000000"
BOMB_BYTES = 100 * 1024 * 1024  # packs to about 100 KB: over the ratio, under the unpacked limit


def genuine() -> bytes:
    """A workbook as Excel writes one: strings in xl/sharedStrings.xml (openpyxl writes them inline)."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, PROJECT_HEADER[1:7])
    sheet.write_row(1, 0, ROW)
    workbook.close()
    return output.getvalue()


def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    package = zipfile.ZipFile(io.BytesIO(data))
    return [(info, package.read(info)) for info in package.infolist()]


def _zip(members, extra=()) -> bytes:
    output = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as package:
        warnings.simplefilter("ignore")  # a duplicate name is the point of one of them
        for name, content in [*((info.filename, content) for info, content in members), *extra]:
            package.writestr(name, content)
    return output.getvalue()


def _rewrite(member: str, change) -> bytes:
    return _zip(
        [(info, change(content) if info.filename == member else content) for info, content in _members(genuine())]
    )


def _shared_strings(attributes: str, doctype: str = "", text: str = "x") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}'
        f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" {attributes}>'
        f"<si><t>{text}</t></si></sst>"
    ).encode()


def _with_shared_strings(content: bytes) -> bytes:
    return _rewrite("xl/sharedStrings.xml", lambda _: content)


@functools.cache
def zip_bomb() -> bytes:
    return _zip(_members(genuine()), extra=[("xl/media/image1.png", bytes(BOMB_BYTES))])


def far_cell() -> bytes:
    cell = b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>'
    return _rewrite("xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"</sheetData>", cell))


def unique_count() -> bytes:
    return _with_shared_strings(_shared_strings(f'count="1" uniqueCount="{FOUR_BILLION}"'))


def count() -> bytes:
    return _with_shared_strings(_shared_strings(f'count="{FOUR_BILLION}" uniqueCount="1"'))


def dimension() -> bytes:
    return _rewrite(
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD244141"', xml),
    )


def styles_count() -> bytes:
    return _rewrite(
        "xl/styles.xml", lambda xml: re.sub(rb'<cellXfs count="\d+"', f'<cellXfs count="{FOUR_BILLION}"'.encode(), xml)
    )


def xxe() -> bytes:
    doctype = '<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return _with_shared_strings(_shared_strings('count="1" uniqueCount="1"', doctype, "&xxe;"))


def billion_laughs() -> bytes:
    entities = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    doctype = f'<!DOCTYPE sst [<!ENTITY l0 "lol">{entities}]>'
    return _with_shared_strings(_shared_strings('count="1" uniqueCount="1"', doctype, "&l9;"))


def _patch_member(data: bytes, member: str, *, size=None, crc=None) -> bytes:
    """The zip with `member`'s uncompressed size and/or CRC replaced in both of its headers."""
    data = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(member)
    central = bytes(data).index(b"PK\x01\x02")
    while bytes(data[central + 46 : central + 46 + len(member)]) != member.encode():  # this member's record
        central = bytes(data).index(b"PK\x01\x02", central + 4)
    for at_crc, at_size in ((info.header_offset + 14, info.header_offset + 22), (central + 16, central + 24)):
        if crc is not None:
            struct.pack_into("<I", data, at_crc, crc)
        if size is not None:
            struct.pack_into("<I", data, at_size, size)
    return bytes(data)


def false_size() -> bytes:
    return _patch_member(genuine(), "xl/worksheets/sheet1.xml", size=100)


def false_crc() -> bytes:
    return _patch_member(genuine(), "xl/worksheets/sheet1.xml", crc=0x12345678)


def duplicate_entries() -> bytes:
    sheet = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>'
    return _zip(_members(genuine()), extra=[("xl/worksheets/sheet1.xml", sheet)])


def renamed_exe() -> bytes:
    return b"MZ\x90\x00\x03" + bytes(58) + b"PE\x00\x00" + bytes(400)


def renamed_csv() -> bytes:
    return ",".join(PROJECT_HEADER[1:7]).encode("gbk") + b"\n" + ",".join(map(str, ROW)).encode("gbk")


def renamed_docx() -> bytes:
    return _zip([], extra=[("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")])


def renamed_html() -> bytes:
    page = "<!DOCTYPE html><html><body><script>alert(1)</script><table><tr><td>项目名称</td></tr></table></body></html>"
    return page.encode()


def empty() -> bytes:
    return b""


NOT_XLSX = "文件不是有效的 Excel（.xlsx）文件"
DAMAGED = "文件已损坏或格式不规范"
DECLARED = "文件声明的条目数（4,000,000,000）超过"
CORPUS = {
    "zip-bomb": (zip_bomb, "压缩比异常"),
    "cell-at-XFD1048576": (far_cell, "最远到第 1048576 行、第 XFD 列"),
    "sharedStrings-uniqueCount-4e9": (unique_count, DECLARED),
    "sharedStrings-count-4e9": (count, DECLARED),
    "dimension-4e9": (dimension, "最远到第 244141 行、第 XFD 列"),
    "styles-count-4e9": (styles_count, DECLARED),
    "xxe": (xxe, "DTD/实体"),
    "billion-laughs": (billion_laughs, "DTD/实体"),
    "false-size": (false_size, DAMAGED),
    "false-crc": (false_crc, DAMAGED),
    "duplicate-entries": (duplicate_entries, DAMAGED),
    "renamed-exe": (renamed_exe, NOT_XLSX),
    "renamed-csv": (renamed_csv, NOT_XLSX),
    "renamed-docx": (renamed_docx, NOT_XLSX),
    "renamed-html": (renamed_html, NOT_XLSX),
    "empty": (empty, NOT_XLSX),
}
