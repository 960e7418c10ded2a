"""Real-browser checks of the cockpit, map and battle chart (Playwright driving Debian's chromium).

Screenshots go to test-artifacts/ for a person to look at. Skipped, saying why, where chromium is missing."""

from decimal import Decimal

from keyprojects.testing.browser import BROWSER_TESTS, visit

pytestmark = BROWSER_TESTS


def _locate(people) -> None:
    for project in (people.project_a, people.project_b):
        project.longitude, project.latitude = Decimal("113.85"), Decimal("34.03")
        project.save()


def test_a_leader_sees_the_cockpit_map_and_battle_chart_without_script_errors(people, live_server, browser):
    _locate(people)
    texts = visit(
        browser,
        live_server,
        "t_leader",
        [
            "/cockpit/?period=2026-10",
            "/cockpit/?period=2026-10&wall=1",
            "/cockpit/map/?period=2026-10",
            "/cockpit/battle/",
            "/cockpit/mine/",
        ],
    )
    cockpit = texts["/cockpit/?period=2026-10"]
    assert "2026年1—10月重点项目驾驶舱" in cockpit and "0 / 2" in cockpit  # new starts: none started of two
    assert "共 2 个有坐标的项目" in texts["/cockpit/map/?period=2026-10"]
    assert "项目A" in texts["/cockpit/mine/"]


def test_a_county_user_sees_its_own_subtree_in_the_browser(people, live_server, browser):
    _locate(people)
    texts = visit(browser, live_server, "t_county_b", ["/cockpit/?period=2026-10", "/cockpit/map/?period=2026-10"])
    assert "0 / 1" in texts["/cockpit/?period=2026-10"]  # one new start in 魏都区, not started
    assert "共 1 个有坐标的项目" in texts["/cockpit/map/?period=2026-10"]


def test_a_leader_opens_the_cockpit_on_the_locked_month_and_the_wall_marks_the_month_being_filled(
    people, live_server, browser
):
    from keyprojects.reports.choices import ReportStatus
    from keyprojects.reports.models import Period, Report

    september = Period.objects.create(year=2026, month=9, is_locked=True, **Period.default_deadlines(2026, 9))
    Report.objects.create(
        project=people.project_a, period=september, amount=Decimal("15203.00"), status=ReportStatus.CONFIRMED
    )
    texts = visit(browser, live_server, "t_leader", ["/cockpit/", "/cockpit/?period=2026-10&wall=1"])
    assert "2026年1—9月重点项目驾驶舱" in texts["/cockpit/"] and "1.52 亿元" in texts["/cockpit/"]
    assert "临时数据" not in texts["/cockpit/"]
    wall = texts["/cockpit/?period=2026-10&wall=1"]
    assert "2026年1—10月重点项目驾驶舱" in wall and "临时数据" in wall
