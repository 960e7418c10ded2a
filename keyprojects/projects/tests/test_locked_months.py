"""A locked month never changes: adding projects to the annual list, or changing their plans, after September
is locked leaves September's list, figures, timeliness and colours exactly as they were."""

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from keyprojects.analytics import services as analytics
from keyprojects.analytics.indicators import indicators
from keyprojects.analytics.models import ColorRecord
from keyprojects.analytics.ranking import ranking
from keyprojects.core.models import ChangeLogEntry
from keyprojects.projects.models import AnnualEntry, MonthlyPlan, Project
from keyprojects.reports import selectors as report_selectors
from keyprojects.reports import services as report_services
from keyprojects.reports.models import Period, Report
from keyprojects.testing.factories import ProjectFactory
from keyprojects.testing.workbooks import workbook_bytes

TODAY = datetime.date(2026, 10, 20)  # the city works on October's reports; September is locked
HEADER = ["项目名称", "所属区划", "项目级别", "年度类别", "总投资", "年度计划投资", "项目代码", "计划开工日期"]
MONTH_HEADERS = [f"{month}月计划" for month in range(1, 13)]


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)
    return TODAY


def _period(month: int) -> Period:
    return report_services.period_get_or_create(year=2026, month=month)


def _confirmed(project, month: int, amount: str) -> Report:
    moment = datetime.datetime(2026, month, 28, tzinfo=datetime.UTC)
    return Report.objects.create(
        project=project,
        period=_period(month),
        amount=Decimal(amount),
        status="confirmed",
        submitted_at=moment,
        confirmed_at=moment,
    )


@pytest.fixture
def september_locked(people, today):
    """Project A reported 300 in August and 500 in September, B did not report September; colours computed;
    September locked."""
    _confirmed(people.project_a, 8, "300")
    _confirmed(people.project_a, 9, "500")
    _confirmed(people.project_b, 8, "200")
    analytics.colors_current(year=2026, month=9)
    report_services.period_lock(by=people.city, period=_period(9))
    analytics.colors_current(year=2026, month=9)  # the colours as they stood at the lock
    return _period(9)


def _september(people) -> dict:
    period = Period.objects.get(year=2026, month=9)
    rows = report_selectors.timeliness_rows(people.city, period)
    return {
        "list": sorted(row.project.code for row in rows),
        "indicators": indicators(None, 2026, 9),
        "timeliness": [(row.project.code, row.report_status, row.report_amount) for row in rows],
        "by_region": report_selectors.timeliness_by_region(people.city, period),
        "colors": sorted(
            ColorRecord.objects.filter(period=period).values_list(
                "project_id", "computed_color", "gap", "reason", "computed_at"
            )
        ),
        "ranking": [(row["region_code"], row["score"], row["rank"]) for row in ranking(2026, 9)],
    }


def _ledger(people, *, plan_b: str = "2400", split_b: list | None = None) -> bytes:
    """Adds project C and doubles project B's plan (with a monthly split); project A is unchanged."""
    split_b = split_b or ["0"] * 9 + ["800", "800", "800"]
    return workbook_bytes(
        [
            HEADER + MONTH_HEADERS,
            ["项目A", "建安区", "市", "新开工", "10000", "1200", people.project_a.code, "2026-03-01"] + [""] * 12,
            ["项目B", "魏都区", "市", "新开工", "10000", plan_b, people.project_b.code, "2026-03-01"] + split_b,
            ["项目C", "建安区", "市", "新开工", "6000", "900", "2026-411003-36-03-000777", "2026-11-01"] + [""] * 12,
        ]
    )


def test_an_import_after_september_is_locked_changes_only_the_months_after_it(people, september_locked):
    before = _september(people)
    assert before["list"] == sorted([people.project_a.code, people.project_b.code])
    assert before["indicators"]["annual_plan"] == Decimal("2400.00")

    from keyprojects.projects.importer import import_projects

    result = import_projects(BytesIO(_ledger(people)), year=2026, by=people.city)

    assert (result.entries_added, result.entries_updated) == (1, 1)
    analytics.colors_current(year=2026, month=9)
    assert _september(people) == before
    project_c = Project.objects.get(code="2026-411003-36-03-000777")
    assert project_c.annual_entries.get().added_on == TODAY
    october = indicators(None, 2026, 10)
    assert october["project_count"] == 3
    assert october["annual_plan"] == Decimal("1200.00") + Decimal("2400.00") + Decimal("900.00")
    expected = report_selectors.expected_entries(people.city, _period(10))
    assert sorted(expected.values_list("project__code", flat=True)) == sorted(
        [people.project_a.code, people.project_b.code, project_c.code]
    )
    # B's old plan is kept for the locked months, the new one counts from 1 October.
    old, new = AnnualEntry.objects.filter(project=people.project_b).order_by("added_on")
    assert (old.annual_plan, old.removed_on, old.revised) == (Decimal("1200.00"), datetime.date(2026, 10, 1), True)
    assert (new.annual_plan, new.added_on, new.removed_on) == (Decimal("2400.00"), datetime.date(2026, 10, 1), None)
    assert not old.monthly_plans.exists()
    assert [p.amount for p in new.monthly_plans.all()][-3:] == [Decimal("800.00")] * 3
    # Importing the same file again changes nothing more.
    state = (AnnualEntry.objects.count(), MonthlyPlan.objects.count(), ChangeLogEntry.objects.count())
    import_projects(BytesIO(_ledger(people)), year=2026, by=people.city)
    assert (AnnualEntry.objects.count(), MonthlyPlan.objects.count(), ChangeLogEntry.objects.count()) == state


def test_the_project_page_shows_a_plan_change_as_a_change_not_a_removal(people, september_locked, client_for):
    from keyprojects.projects.importer import import_projects

    import_projects(BytesIO(_ledger(people)), year=2026, by=people.city)
    page = client_for("city").get(f"/projects/{people.project_b.pk}/").content.decode()
    assert "调整前的计划，2026年10月1日起按调整后的计划统计" in page
    assert "2,400.00 万元" in page and "1,200.00 万元" in page
    assert "已于2026年10月1日调出" not in page


def test_the_stored_colours_of_a_locked_month_are_not_recomputed(people, september_locked):
    record = ColorRecord.objects.get(period=september_locked, project=people.project_a)
    ColorRecord.objects.filter(pk=record.pk).update(computed_color="绿")  # what a recomputation would undo
    people.project_a.name = "项目A（更名）"
    from keyprojects.projects.services import project_update

    project_update(by=people.city, project=people.project_a, name="项目A（更名）")  # a new change-log entry
    analytics.colors_current(year=2026, month=9)
    analytics.colors_refresh(year=2026, month=9)
    assert ColorRecord.objects.get(pk=record.pk).computed_color == "绿"
    report_services.period_unlock(by=people.city, period=september_locked, reason="更正")
    analytics.colors_current(year=2026, month=9)
    assert ColorRecord.objects.get(pk=record.pk).computed_color == record.computed_color


def test_the_entry_form_refuses_a_day_inside_a_locked_month(people, september_locked, client_for):
    project = ProjectFactory(code="2026-411003-36-03-000888", name="项目D", region=people.county_a_region)
    state = (AnnualEntry.objects.count(), ChangeLogEntry.objects.count())
    form = {"year": "2026", "category": "new", "level": "city", "annual_plan": "900", "reason": "动态调整新增"}
    page = client_for("city").post(f"/projects/{project.pk}/entries/new/", {**form, "added_on": "2026-09-15"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "2026年9月已锁定，列入日期应在2026年10月1日或以后" in text
    assert 'value="2026-09-15"' in text
    assert (AnnualEntry.objects.count(), ChangeLogEntry.objects.count()) == state
    before = _september(people)

    client_for("city").post(f"/projects/{project.pk}/entries/new/", {**form, "added_on": ""})
    entry = AnnualEntry.objects.get(project=project)
    assert (entry.added_on, entry.annual_plan, entry.added_reason) == (TODAY, Decimal("900.00"), "动态调整新增")
    assert _september(people) == before
    page = client_for("city").get(f"/projects/{project.pk}/").content.decode()
    assert "2026年10月20日（动态调整新增）" in page


def test_an_earlier_day_after_the_locked_months_may_be_picked(people, september_locked, client_for):
    project = ProjectFactory(code="2026-411003-36-03-000889", name="项目E", region=people.county_a_region)
    form = {"year": "2026", "category": "new", "level": "city", "annual_plan": "900", "reason": "动态调整新增"}
    client_for("city").post(f"/projects/{project.pk}/entries/new/", {**form, "added_on": "2026-10-01"})
    assert AnnualEntry.objects.get(project=project).added_on == datetime.date(2026, 10, 1)


def test_a_removal_inside_a_locked_month_is_refused(people, september_locked, client_for):
    entry = AnnualEntry.objects.get(project=people.project_b)
    page = client_for("city").post(
        f"/projects/entries/{entry.pk}/remove/", {"removed_on": "2026-09-30", "reason": "项目终止"}
    )
    assert "2026年9月已锁定，调出日期应在2026年10月1日或以后" in page.content.decode()
    assert AnnualEntry.objects.get(pk=entry.pk).removed_on is None
    client_for("city").post(f"/projects/entries/{entry.pk}/remove/", {"removed_on": "2026-10-01", "reason": "项目终止"})
    assert AnnualEntry.objects.get(pk=entry.pk).removed_on == datetime.date(2026, 10, 1)
    assert _september(people)["list"] == sorted([people.project_a.code, people.project_b.code])


def test_a_plan_changed_on_the_form_counts_from_the_first_unlocked_month(people, september_locked, client_for):
    before = _september(people)
    entry = AnnualEntry.objects.get(project=people.project_a)
    form = {
        "entry-category": "new",
        "entry-level": "city",
        "entry-annual_plan": "3000",
        "entry-annual_goal": "主体完工",
    }
    response = client_for("city").post(f"/projects/entries/{entry.pk}/edit/", form)
    assert response.status_code == 302
    current = AnnualEntry.objects.current().get(project=people.project_a)
    assert (current.annual_plan, current.annual_goal, current.added_on) == (
        Decimal("3000.00"),
        "主体完工",
        datetime.date(2026, 10, 1),
    )
    assert _september(people) == before
    assert indicators(None, 2026, 10)["annual_plan"] == Decimal("4200.00")


def test_a_plan_of_a_year_locked_to_december_cannot_change(people, today, client_for):
    for month in range(1, 13):
        Period.objects.get_or_create(year=2026, month=month, defaults=Period.default_deadlines(2026, month))
    Period.objects.filter(year=2026).update(is_locked=True)
    entry = AnnualEntry.objects.get(project=people.project_a)
    form = {"entry-category": "new", "entry-level": "city", "entry-annual_plan": "3000", "entry-annual_goal": ""}
    page = client_for("city").post(f"/projects/entries/{entry.pk}/edit/", form).content.decode()
    assert "2026年12月已锁定" in page
    assert AnnualEntry.objects.get(project=people.project_a).annual_plan == Decimal("1200.00")


def test_the_import_page_refuses_a_day_inside_a_locked_month(people, september_locked, client_for):
    state = (Project.objects.count(), AnnualEntry.objects.count(), ChangeLogEntry.objects.count())
    upload = SimpleUploadedFile("名单.xlsx", _ledger(people))
    page = client_for("city").post("/projects/import/", {"year": "2026", "file": upload, "added_on": "2026-09-01"})
    assert "2026年9月已锁定，列入日期应在2026年10月1日或以后" in page.content.decode()
    assert (Project.objects.count(), AnnualEntry.objects.count(), ChangeLogEntry.objects.count()) == state


def test_the_import_page_takes_an_earlier_day(people, today, client_for):
    upload = SimpleUploadedFile("名单.xlsx", _ledger(people))
    response = client_for("city").post("/projects/import/", {"year": "2026", "file": upload, "added_on": "2026-01-01"})
    assert response.status_code == 302
    entry = AnnualEntry.objects.get(project__code="2026-411003-36-03-000777")
    assert entry.added_on == datetime.date(2026, 1, 1)
    assert indicators(None, 2026, 1)["project_count"] == 3


def test_the_command_takes_an_added_on_day_and_refuses_one_inside_a_locked_month(
    people, september_locked, tmp_path, capsys
):
    path = tmp_path / "名单.xlsx"
    path.write_bytes(_ledger(people))
    state = (Project.objects.count(), AnnualEntry.objects.count(), ChangeLogEntry.objects.count())
    with pytest.raises(CommandError, match="2026年9月已锁定，列入日期应在2026年10月1日或以后"):
        call_command("import-projects", str(path), "--year", "2026", "--added-on", "2026-08-01")
    assert (Project.objects.count(), AnnualEntry.objects.count(), ChangeLogEntry.objects.count()) == state
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("import-projects", str(path), "--year", "2026", "--added-on", "2026/10/02")
    call_command("import-projects", str(path), "--year", "2026", "--added-on", "2026-10-02")
    assert AnnualEntry.objects.get(project__code="2026-411003-36-03-000777").added_on == datetime.date(2026, 10, 2)


def test_a_list_imported_in_december_for_next_year_starts_on_1_january(people, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2026, 12, 15))
    from keyprojects.projects.importer import import_projects

    import_projects(BytesIO(_ledger(people)), year=2027, by=people.city)
    assert set(AnnualEntry.objects.filter(year=2027).values_list("added_on", flat=True)) == {datetime.date(2027, 1, 1)}


def test_a_past_years_list_loaded_later_counts_from_after_its_locked_months(people, today):
    from keyprojects.projects.importer import import_projects

    import_projects(BytesIO(_ledger(people)), year=2025, by=people.city)
    assert set(AnnualEntry.objects.filter(year=2025).values_list("added_on", flat=True)) == {datetime.date(2025, 1, 1)}
    Period.objects.create(year=2025, month=6, is_locked=True, **Period.default_deadlines(2025, 6))
    project = ProjectFactory(code="2025-411003-36-03-000999", name="项目F", region=people.county_a_region)
    from keyprojects.projects.services import entry_add

    entry = entry_add(
        by=people.city, project=project, year=2025, category="new", level="city", annual_plan=1, reason="补录"
    )
    assert entry.added_on == datetime.date(2025, 7, 1)


def test_a_list_imported_while_no_month_is_locked_counts_from_1_january(people, today, tmp_path):
    """A fresh platform: the office imports its list in October, then September's reports, and sees them counted."""
    path = tmp_path / "名单.xlsx"
    path.write_bytes(_ledger(people))
    call_command("import-projects", str(path), "--year", "2026")
    entries = AnnualEntry.objects.filter(project__code="2026-411003-36-03-000777")
    assert [entry.added_on for entry in entries] == [datetime.date(2026, 1, 1)]
    assert "2026-411003-36-03-000777" in [
        row.project.code for row in report_selectors.timeliness_rows(people.city, _period(9))
    ]


def test_once_a_month_is_locked_a_project_added_enters_on_the_day_it_is_added(people, september_locked):
    project = ProjectFactory(code="2026-411003-36-03-000998", name="项目G", region=people.county_a_region)
    from keyprojects.projects.services import entry_add

    entry = entry_add(
        by=people.city, project=project, year=2026, category="new", level="city", annual_plan=1, reason="新增"
    )
    assert entry.added_on == TODAY
