"""The month page's controls work without inline script (the Content-Security-Policy forbids it): they are
data- attributes wired by core/static/core/kp.js. Data: keyprojects/testing/journey.py (November being filled,
项目C's report submitted and waiting for the county)."""

from keyprojects.testing.browser import BROWSER_TESTS, logged_in

pytestmark = BROWSER_TESTS


def test_the_county_ticks_all_reports_filters_by_status_and_jumps_to_another_month(journey, live_server, browser):
    with logged_in(browser, live_server, "t_county_a", journey="period_controls") as county:
        county.open("/reports/2026-11/", "november")
        boxes = county.page.locator("table input[name=report]")
        assert boxes.count() == 1 and not boxes.first.is_checked()
        county.page.get_by_label("全选").check()
        assert boxes.first.is_checked()

        with county.page.expect_navigation():
            county.page.locator("select[name=status]").select_option("submitted")
        assert "status=submitted" in county.page.url
        assert "项目C" in county.shot("submitted") and "项目A" not in county.page.inner_text("table")

        with county.page.expect_navigation():
            county.page.locator("select[name=period_jump]").select_option("2026-10")
        assert county.page.url.endswith("/reports/2026-10/")
        assert "2026年10月" in county.shot("october")
