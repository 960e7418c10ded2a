"""Publishing a result asks first (a data-confirm question, as inline onclick handlers are forbidden by the
Content-Security-Policy): answering 取消 leaves the draft a draft, answering 确定 publishes it."""

from keyprojects.assessment.models import Assessment
from keyprojects.testing.browser import BROWSER_TESTS, logged_in

pytestmark = BROWSER_TESTS


def test_the_city_is_asked_before_publishing_and_cancelling_keeps_the_draft(people, live_server, browser):
    draft = people.assessment_draft
    with logged_in(browser, live_server, "t_city", journey="publish_confirm") as city:
        city.open(f"/assessment/results/{draft.pk}/", "draft")
        asked = []
        city.page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
        city.page.get_by_role("button", name="公布").click()
        city.page.wait_for_timeout(300)  # a form that was sent anyway would have navigated by now
        assert asked == ["公布后不能重新计算，确定公布？"]
        assert not Assessment.objects.get(pk=draft.pk).is_published

        city.page.once("dialog", lambda dialog: dialog.accept())
        city.press("公布")
        assert Assessment.objects.get(pk=draft.pk).is_published
        assert f"已公布{draft}。" in city.shot("published")
