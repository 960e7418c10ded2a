"""A file as big as the limits allow, wrong on every row, is refused on the page in good time: a short page, the
list of every error to download, and the database as it was."""

import re
import time
from io import BytesIO

import openpyxl
import pytest
import xlsxwriter
from django.utils.module_loading import import_string

from keyprojects.core.excel.marked import LIST_MAX_ERRORS
from keyprojects.core.excel.reader import MAX_ROWS
from keyprojects.core.imports import PAGE_ERRORS
from keyprojects.core.tests.test_hostile_imports import IMPORTERS, fingerprint, log_in, post

IMPORTER_MODULES = {
    "projects": "keyprojects.projects.importer.COLUMNS",
    "reports": "keyprojects.reports.importer.COLUMNS",
    "attraction": "keyprojects.attraction.importer.COLUMNS",
}
FULL_SIZE = MAX_ROWS - 10
TIME_BOUND_SECONDS = 60  # half gunicorn's 120 s; here it takes about 15 s


def _wrong_everywhere(columns, rows: int) -> bytes:
    """Every cell holds 很多, which no amount, date or region accepts: a few errors on every row."""
    output = BytesIO()
    book = xlsxwriter.Workbook(output, {"constant_memory": True})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, [column.label for column in columns])
    for row in range(1, rows + 1):
        sheet.write_row(row, 0, ["很多"] * len(columns))
    book.close()
    return output.getvalue()


def _listed_rows(page: str) -> int:
    return len(re.findall(r"<tr><td>\d+</td>", page))


def test_a_full_size_file_wrong_on_every_row_is_refused_quickly_with_a_short_page_and_a_list_to_download(
    people, client
):
    # The tester's file, with the required columns only: most of them wrong on each of 49,990 rows.
    importer = "projects"
    log_in(client, people, importer)
    columns = [column for column in import_string(IMPORTER_MODULES[importer]) if column.required]
    data = _wrong_everywhere(columns, FULL_SIZE)
    before = fingerprint()
    started = time.monotonic()
    response = post(client, importer, data)
    assert time.monotonic() - started < TIME_BOUND_SECONDS
    page = response.content.decode()
    total = int(re.search(r"共 (\d+) 处错误，文件未导入，数据库未作任何修改。", page)[1])
    assert total >= 3 * FULL_SIZE > LIST_MAX_ERRORS
    assert f"页面列出前 {PAGE_ERRORS} 处，全部错误见下载的错误清单。" in page
    assert _listed_rows(page) == PAGE_ERRORS and len(response.content) < 200_000
    assert fingerprint() == before

    link = re.search(r'href="(/[^"]*)"[^>]*><i class="bi bi-download"></i> 下载错误清单', page)[1]
    download = client.get(link)
    sheet = openpyxl.load_workbook(BytesIO(b"".join(download.streaming_content)), read_only=True).active
    listed = list(sheet.values)
    assert listed[0] == ("行号", "列", "填写的值", "原因")
    assert len(listed) == 1 + LIST_MAX_ERRORS + 1 and listed[1][0] == 2
    assert listed[-1][3] == f"另有 {total - LIST_MAX_ERRORS:,} 处错误未列出，改正以上各处后重新上传即可看到。"


@pytest.mark.parametrize("importer", IMPORTERS)
def test_every_import_page_lists_only_the_first_errors_and_the_marked_file_has_them_all(people, client, importer):
    log_in(client, people, importer)
    before = fingerprint()
    response = post(client, importer, _wrong_everywhere(import_string(IMPORTER_MODULES[importer]), 300))
    page = response.content.decode()
    total = int(re.search(r"共 (\d+) 处错误", page)[1])
    assert total > PAGE_ERRORS and _listed_rows(page) == PAGE_ERRORS
    assert f"页面列出前 {PAGE_ERRORS} 处，全部错误见下载的标注文件。" in page
    link = re.search(r'href="(/[^"]*)"[^>]*><i class="bi bi-download"></i> 下载标注了错误单元格的原文件', page)[1]
    book = openpyxl.load_workbook(BytesIO(b"".join(client.get(link).streaming_content)))
    assert book["错误清单"].max_row == total + 1
    assert fingerprint() == before


def test_a_small_refused_file_still_comes_back_marked_with_every_error_on_the_page(people, client):
    log_in(client, people, "projects")
    response = post(client, "projects", _wrong_everywhere(import_string(IMPORTER_MODULES["projects"]), 3))
    page = response.content.decode()
    assert "下载标注了错误单元格的原文件" in page and "页面列出前" not in page
    assert _listed_rows(page) == int(re.search(r"共 (\d+) 处错误", page)[1])
