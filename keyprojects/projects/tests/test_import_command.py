import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from keyprojects.projects.models import Project
from keyprojects.testing.workbooks import PROJECT_HEADER, legacy_ledger, workbook_bytes


def test_the_command_loads_a_ledger_and_says_what_it_did(people, tmp_path, capsys):
    path = tmp_path / "名单.xlsx"
    path.write_bytes(legacy_ledger())
    call_command("import-projects", str(path), "--year", "2026")
    assert "新增项目 4 个" in capsys.readouterr().out
    assert Project.objects.filter(name="建安区康养中心建设项目").exists()


def test_the_command_lists_every_bad_row_on_stderr_and_changes_nothing(people, tmp_path, capsys):
    path = tmp_path / "坏名单.xlsx"
    rows = [
        PROJECT_HEADER[1:7],
        ["好项目", "建安区", "市", "新开工", 100, 50],
        ["坏项目", "不存在区", "市", "新开工", "abc", 50],
    ]
    path.write_bytes(workbook_bytes(rows))
    count = Project.objects.count()
    with pytest.raises(CommandError, match="共 2 处错误"):
        call_command("import-projects", str(path), "--year", "2026")
    errors = capsys.readouterr().err
    assert "第3行「所属区划」“不存在区”" in errors and "第3行「总投资」“abc”" in errors
    assert Project.objects.count() == count


def test_the_command_refuses_a_missing_or_corrupt_file(people, tmp_path):
    with pytest.raises(CommandError, match="找不到文件"):
        call_command("import-projects", str(tmp_path / "none.xlsx"), "--year", "2026")
    corrupt = tmp_path / "名单.xlsx"
    corrupt.write_text("项目名称,所属区划\n", encoding="utf-8")
    with pytest.raises(CommandError, match="xlsx"):
        call_command("import-projects", str(corrupt), "--year", "2026")
