"""Warning letters in a real browser (README › 测试): the city issues November's letters and downloads 建安区's,
whose figure columns are filled; the county replies (整改反馈) and the city sees the reply.
Data: keyprojects/testing/journey.py. Screenshots: test-artifacts/letters_*.png."""

from django.utils import timezone

from keyprojects.analytics.models import WarningLetter
from keyprojects.core.models import Notification
from keyprojects.testing.browser import BROWSER_TESTS, docx_text, logged_in
from keyprojects.testing.journey import owner_report

pytestmark = BROWSER_TESTS

REPLY = "项目C已完成用地预审，12月底前开工；项目D已增加施工班组，12月计划完成投资800万元"


def _letter_item(session, region: str):
    return session.page.locator(".list-group-item").filter(has_text=f"致{region}")


def test_the_city_issues_letters_with_their_figures_and_sees_the_countys_reply(journey, live_server, browser):
    owner_report(journey, to="confirmed")
    with logged_in(browser, live_server, "t_city", journey="letters_city") as city:
        city.open("/analytics/letters/?period=2026-11", "letters")
        city.press("向有黄、红项目的县区印发")
        assert "已印发提示函 2 份" in city.shot("issued")
        with city.page.expect_download() as download:
            _letter_item(city, "建安区").get_by_role("link", name="下载").click()
        letter = docx_text(download.value.path().read_bytes())

    today = timezone.localdate()
    assert "许昌市重点项目建设工作领导小组办公室" in letter and "建安区人民政府" in letter
    assert f"{today.year}年{today.month}月{today.day}日" in letter  # issued today, in Beijing time
    assert "None" not in letter
    # 年度计划 and 累计完成 (万元) of each project the letter lists
    (row_d,) = [line.split("\t") for line in letter.splitlines() if "\t项目D\t" in line]
    assert row_d[:4] == ["黄", "项目D", "6,000.00", "3,800.00"]
    (row_c,) = [line.split("\t") for line in letter.splitlines() if "\t项目C\t" in line]
    assert row_c[:3] == ["红", "项目C", "2,400.00"] and "未开工" in row_c

    with logged_in(browser, live_server, "t_county_a", journey="letters_county") as county:
        notice = Notification.objects.get(user=journey.people.county_a, title__contains="提示函")
        text = county.open(notice.url, "letters")  # the county follows its notification to November's letter
        assert "致建安区" in text and "致魏都区" not in text and "待反馈" in text
        _letter_item(county, "建安区").locator("textarea[name=reply]").fill(REPLY)
        county.press("提交反馈", within=_letter_item(county, "建安区"))
        assert f"整改反馈：{REPLY}" in county.shot("replied")

    letter = WarningLetter.objects.get(period=journey.november, region=journey.people.county_a_region)
    assert letter.reply == REPLY and letter.replied_by == journey.people.county_a
    with logged_in(browser, live_server, "t_city", journey="letters_city_reply") as city:
        city.open("/analytics/letters/?period=2026-11", "letters")
        item = _letter_item(city, "建安区").inner_text()
        assert f"已反馈 {today.month}月{today.day}日" in item and f"整改反馈：{REPLY}" in item
        assert "待反馈" in _letter_item(city, "魏都区").inner_text()
