"""The assessment screens in a real browser: a county reads the public ranking and its own sheet; the city
opens the scheme form. Screenshots go to test-artifacts/."""

from keyprojects.testing.browser import BROWSER_TESTS, visit

pytestmark = BROWSER_TESTS


def test_a_county_reads_the_ranking_and_its_own_sheet_in_the_browser(people, live_server, browser):
    result, sheet = f"/assessment/results/{people.assessment_a.pk}/", f"/assessment/scores/{people.score_a.pk}/"
    texts = visit(browser, live_server, "t_county_a", ["/assessment/", result, sheet])
    assert "2026年上半年县（市、区）考核" in texts["/assessment/"]
    assert "建安区" in texts[result] and "魏都区" in texts[result] and "通报表扬" in texts[result]
    assert "建安区得分表" in texts[sheet] and "问题按期办结率" in texts[sheet]


def test_the_city_opens_the_scheme_form_in_the_browser(people, live_server, browser):
    texts = visit(browser, live_server, "t_city", ["/assessment/schemes/new/?subject=region"])
    assert "排名综合得分（分）" in texts["/assessment/schemes/new/?subject=region"]
