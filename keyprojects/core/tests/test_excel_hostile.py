"""Every file of the hostile corpus is refused in Chinese before calamine or openpyxl sees it, and what
still gets past the checks is read in a capped child process that cannot take the worker down."""

import re

import pytest

from keyprojects.core.excel import container, reader, sandbox
from keyprojects.core.excel.columns import Column
from keyprojects.core.excel.reader import ExcelRefused, read_table
from keyprojects.core.tests.hostile_files import CORPUS, genuine, unique_count

COLUMNS = [Column("name", "项目名称", required=True), Column("region", "所属区划", required=True)]


@pytest.fixture
def parsing_forbidden(monkeypatch):
    def refuse(*args):
        raise AssertionError("the sheet reached a reader")

    monkeypatch.setattr(reader, "_load_sheet", refuse)


def test_the_genuine_workbook_the_corpus_starts_from_is_read():
    assert [row.raw["name"] for row in read_table(genuine(), COLUMNS).rows] == ["恶意文件项目"]


@pytest.mark.parametrize("name", CORPUS)
def test_each_hostile_file_is_refused_in_chinese_before_any_reader_allocates(name, parsing_forbidden):
    build, phrase = CORPUS[name]
    with pytest.raises(ExcelRefused) as refused:
        read_table(build(), COLUMNS)
    assert phrase in refused.value.message
    assert re.fullmatch(r"[^a-z]*[\u4e00-\u9fff][^\n]*", refused.value.message.replace("xlsx", ""))


def test_a_file_that_gets_past_the_checks_is_refused_by_the_memory_cap_and_the_process_lives_on(monkeypatch, caplog):
    # Without the checks calamine reserves 96 GB for uniqueCount="4000000000" and aborts its process.
    monkeypatch.setattr(container, "check_parts", lambda *args, **kwargs: None)
    with pytest.raises(ExcelRefused) as refused:
        read_table(unique_count(), COLUMNS)
    assert "memory allocation of 96000000000 bytes failed" in caplog.text  # the child, not the test, died
    assert refused.value.message == sandbox.TOO_HEAVY
    assert refused.value.message.startswith("文件过大或结构异常，无法读取")
    assert [row.raw["name"] for row in read_table(genuine(), COLUMNS).rows] == ["恶意文件项目"]


def test_a_reader_that_runs_past_the_time_limit_is_stopped_with_the_same_refusal(monkeypatch):
    monkeypatch.setattr(sandbox, "TIME_LIMIT_SECONDS", 0.001)
    with pytest.raises(ExcelRefused, match="文件过大或结构异常"):
        read_table(genuine(), COLUMNS)


def test_a_child_answer_holding_anything_but_plain_values_is_not_unpickled():
    import io
    import pickle

    with pytest.raises(pickle.UnpicklingError):
        sandbox._PlainUnpickler(io.BytesIO(pickle.dumps(("done", ExcelRefused("x"))))).load()
