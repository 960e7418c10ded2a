"""The command line needs no web account (INTERFACES.md): on a fresh database with only `setup-city`, every
command works as the system, logged as 系统; `--user NAME` scopes the output to that account."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from keyprojects.accounts.choices import UserRole
from keyprojects.accounts.models import Region, User
from keyprojects.analytics.models import ColorRecord
from keyprojects.assessment.models import Assessment
from keyprojects.core.models import ChangeLogEntry
from keyprojects.reports.models import Confirmation, Report
from keyprojects.testing.factories import UserFactory
from keyprojects.testing.workbooks import workbook_bytes

PROJECTS = [
    ["项目名称", "所属区划", "项目级别", "年度类别", "总投资（万元）", "年度计划投资（万元）"],
    ["系统测试项目甲", "建安区", "市", "新开工", 10000, 1200],
    ["系统测试项目乙", "魏都区", "市", "续建", 5000, 600],
]
REPORTS = [["项目名称", "所属区划", "当月完成投资（万元）", "形象进度"], ["系统测试项目甲", "建安区", 100, "基础施工"]]
ATTRACTION = [
    ["项目名称", "所属区划", "阶段", "签约投资额", "签约日期"],
    ["系统测试招商项目", "建安区", "签约", 5000, "2026-03-01"],
]


def run(*args) -> str:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue()


@pytest.fixture
def fresh(db, tmp_path):
    """A database with nothing but the managed city, and the three ledgers an office loads first."""
    run("setup-city", "411000")
    files = {}
    for name, rows in (("projects", PROJECTS), ("reports", REPORTS), ("attraction", ATTRACTION)):
        files[name] = tmp_path / f"{name}.xlsx"
        files[name].write_bytes(workbook_bytes(rows))
    return files


def test_every_command_works_on_a_fresh_database_as_the_system(fresh, tmp_path):
    assert not User.objects.exists()
    assert "新增项目 2 个" in run("import-projects", str(fresh["projects"]), "--year", "2026")
    run("import-reports", str(fresh["reports"]), "--period", "2026-10")
    run("import-attraction", str(fresh["attraction"]))
    stats = json.loads(run("stats", "--period", "2026-10", "--json"))
    assert (stats["project_count"], stats["ytd_completed"]) == (2, 100.0)
    colors = json.loads(run("colors", "--period", "2026-10", "--json"))
    assert sorted(row["name"] for row in colors) == ["系统测试项目乙", "系统测试项目甲"]
    ranking = json.loads(run("ranking", "--period", "2026-10", "--json"))
    assert {row["region_name"] for row in ranking} >= {"建安区", "魏都区"}
    assert "2026年" in run("bulletin", "--period", "2026-10", "--out", str(tmp_path / "out"))
    assert (tmp_path / "out" / "通报-2026-10.docx").exists()
    assert json.loads(run("attraction-stats", "--year", "2026", "--json"))["signed_count"] == 1
    scores = json.loads(run("assess", "--subject", "region", "--period", "2026-10", "--json"))
    assert {row["body_name"] for row in scores} >= {"建安区", "魏都区"}
    assert "已发送站内提醒" in run("tick")

    assert not User.objects.exists()  # nothing needed an account
    entries = ChangeLogEntry.objects.all()
    assert entries.count() > 0
    assert set(entries.values_list("username", flat=True)) == {"系统"}
    assert not entries.filter(user__isnull=False).exists()
    report = Report.objects.get(project__name="系统测试项目甲")
    assert (report.status, report.submitted_by) == ("confirmed", None)
    assert Confirmation.objects.get(report=report).confirmed_by is None
    assert Assessment.objects.get().computed_by is None
    assert ColorRecord.objects.count() == 2


def test_a_named_user_scopes_the_output_to_that_account(fresh):
    run("import-projects", str(fresh["projects"]), "--year", "2026")
    run("import-reports", str(fresh["reports"]), "--period", "2026-10")
    UserFactory(username="county", role=UserRole.COUNTY_ADMIN, region=Region.objects.get(name="建安区"))
    stats = json.loads(run("stats", "--period", "2026-10", "--json", "--user", "county"))
    assert stats["project_count"] == 1
    colors = json.loads(run("colors", "--period", "2026-10", "--json", "--user", "county"))
    assert [row["name"] for row in colors] == ["系统测试项目甲"]
    ranking = json.loads(run("ranking", "--period", "2026-10", "--json", "--user", "county"))
    assert [row["region_name"] for row in ranking] == ["建安区"]


def test_a_named_county_may_not_import_and_nothing_changes(fresh):
    UserFactory(username="county", role=UserRole.COUNTY_ADMIN, region=Region.objects.get(name="建安区"))
    with pytest.raises(CommandError, match="不是市级管理员"):
        run("import-projects", str(fresh["projects"]), "--year", "2026", "--user", "county")
    assert not ChangeLogEntry.objects.filter(content_type__model="project").exists()


def test_before_setup_city_a_command_says_what_to_do(db):
    with pytest.raises(CommandError, match="setup-city"):
        run("stats", "--period", "2026-10", "--json")
