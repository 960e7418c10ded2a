"""A problem in a real browser (README › 测试): the lead department accepts (签收) and handles (办结) the problem
assigned to it; the city sees its state and the reply. Data: people's 临时用地未批 of 项目A, assigned to the
department. Screenshots: test-artifacts/problems_*.png."""

from django.utils import timezone

from keyprojects.coordination.choices import ProblemStatus
from keyprojects.testing.browser import BROWSER_TESTS, logged_in

pytestmark = BROWSER_TESTS

REPLY = "临时用地已于本周批复，批文已送达项目单位"


def test_a_department_accepts_and_handles_its_problem_and_the_city_sees_the_reply(people, live_server, browser):
    today = timezone.localdate()
    with logged_in(browser, live_server, "t_dept", journey="problems_dept") as department:
        department.open("/coordination/problems/", "list")
        assert department.cells("项目A建安区")[3] == "待签收"
        department.press("临时用地未批")
        department.press("签收")
        accepted = department.shot("accepted")
        assert "问题已签收" in accepted and department.term("状态") == "办理中"
        assert f"{today.month}月{today.day}日签收" in department.term("时限")
        department.page.get_by_placeholder("办理情况").fill(REPLY)
        department.press("办结")
        assert "问题已办结，等待核实销号" in department.shot("replied")
        assert department.term("状态") == "已办结"
        assert department.term("办理情况") == f"{REPLY}（{today.month}月{today.day}日）"

    problem = people.problem_a
    problem.refresh_from_db()
    assert (problem.status, problem.reply, problem.replied_on) == (ProblemStatus.REPLIED, REPLY, today)
    assert problem.accepted_on == today

    with logged_in(browser, live_server, "t_city", journey="problems_city") as city:
        city.open("/coordination/problems/", "list")
        assert city.cells("项目A建安区")[2:4] == ["测试自然资源和规划局", "已办结"]
        by_category = city.page.locator("xpath=//h2[normalize-space()='按问题类别']/following-sibling::div[1]")
        assert city.cells("用地", within=by_category)[:2] == ["用地", "1"]
        city.press("临时用地未批")
        city.shot("problem")
        assert city.term("状态") == "已办结"
        assert city.term("办理情况") == f"{REPLY}（{today.month}月{today.day}日）"
