"""The leader's cockpit in a real browser (README › 测试): it opens on the latest confirmed month with the
city's figures as the indicators compute them; the month still being filled can be chosen and is marked
临时数据. Data: keyprojects/testing/journey.py (October confirmed, November being filled)."""

from keyprojects.analytics.indicators import indicators
from keyprojects.core.numbers import format_yi
from keyprojects.testing.browser import BROWSER_TESTS, CHART_DRAW_MS, logged_in

pytestmark = BROWSER_TESTS


def test_a_leader_opens_the_cockpit_on_the_latest_confirmed_month_and_sees_the_citys_figures(
    journey, live_server, browser
):
    october = indicators(journey.people.leader, 2026, 10)
    with logged_in(browser, live_server, "t_leader", journey="leader") as leader:
        leader.page.goto(f"{leader.base}/cockpit/")
        leader.page.wait_for_timeout(CHART_DRAW_MS)  # the charts draw, and must not raise
        text = leader.shot("cockpit")
        assert "2026年1—10月重点项目驾驶舱" in text and "临时数据" not in text
        ytd = leader.page.locator("[data-figure=ytd]").inner_text()
        assert ytd == f"{format_yi(october['ytd_completed'])} 亿元" == "1.23 亿元"
        assert leader.page.locator("[data-figure=rate]").inner_text() == f"{october['completion_rate']:.2f}%"

        leader.page.locator("select[name=period]").select_option("2026-11")
        leader.press("查看")
        leader.page.wait_for_timeout(CHART_DRAW_MS)
        november = leader.shot("cockpit_november")
        assert "2026年1—11月重点项目驾驶舱" in november
        assert "临时数据" in november
