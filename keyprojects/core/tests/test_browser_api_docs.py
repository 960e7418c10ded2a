"""The Swagger UI page works under its own Content-Security-Policy (inline styles allowed there only,
script from files): the API's operations are listed and the browser reports no violation."""

from keyprojects.testing.browser import BROWSER_TESTS, logged_in

pytestmark = BROWSER_TESTS


def test_the_api_docs_page_lists_the_operations_without_any_policy_violation(people, live_server, browser):
    with logged_in(browser, live_server, "t_city", journey="api_docs") as city:
        violations = []
        city.page.on(
            "console", lambda message: "Content Security Policy" in message.text and violations.append(message)
        )
        city.page.goto(f"{city.base}/api/docs/")
        city.page.get_by_text("GET/api/projects/").or_(city.page.get_by_text("/api/projects/")).first.wait_for()
        text = city.shot("swagger")
        assert "重点项目建设调度平台 API" in text and "/api/reports/" in text
        assert [message.text for message in violations] == []
