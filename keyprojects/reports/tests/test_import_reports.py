from decimal import Decimal
from io import BytesIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from keyprojects.core.excel.errors import ImportRefused
from keyprojects.core.models import ChangeLogEntry
from keyprojects.reports.importer import import_reports
from keyprojects.reports.models import Confirmation, Report
from keyprojects.testing.workbooks import workbook_bytes

HEADER = ["项目代码", "项目名称", "所属区划", "当月完成投资（万元）", "形象进度"]


def _file(*rows) -> BytesIO:
    return BytesIO(workbook_bytes([HEADER, *rows], title="2026年10月重点项目月报"))


def test_imported_reports_are_confirmed_and_a_second_load_changes_nothing(people):
    rows = (["2025-411003-36-03-000001", None, None, "1,234.5", "主体施工"], [None, "项目B", "魏都区", 88, "设备安装"])
    result, _ = import_reports(_file(*rows), period_code="2026-10", by=people.city)
    assert (result.created, result.updated) == (1, 1)  # project A had a submitted report
    assert set(Report.objects.filter(period=people.period).values_list("status", flat=True)) == {"confirmed"}
    assert Report.objects.get(project=people.project_a, period=people.period).amount == Decimal("1234.50")
    state = (Report.objects.count(), Confirmation.objects.count(), ChangeLogEntry.objects.count())
    result, _ = import_reports(_file(*rows), period_code="2026-10", by=people.city)
    assert (result.created, result.updated) == (0, 0)
    assert (Report.objects.count(), Confirmation.objects.count(), ChangeLogEntry.objects.count()) == state


def test_a_file_with_a_bad_row_is_refused_whole(people):
    rows = (["2025-411003-36-03-000001", None, None, 100, ""], ["2099-000000-00-00-000000", None, None, -5, ""])
    with pytest.raises(ImportRefused) as refusal:
        import_reports(_file(*rows), period_code="2026-10", by=people.city)
    messages = [str(error) for error in refusal.value.errors]
    assert any("找不到该项目" in m for m in messages)
    assert Report.objects.get(pk=people.report_a.pk).status == "submitted"


def test_a_locked_period_refuses_the_import(people, tmp_path):
    people.period.is_locked = True
    people.period.save()
    path = tmp_path / "月报.xlsx"
    path.write_bytes(_file(["2025-411003-36-03-000001", None, None, 100, ""]).getvalue())
    with pytest.raises(CommandError, match="已锁定"):
        call_command("import-reports", str(path), "--period", "2026-10")
