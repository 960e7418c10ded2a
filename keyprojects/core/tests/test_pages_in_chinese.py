"""No English reaches a user: the pages every role opens, form errors and error pages, even for a browser
that asks for English; and no role's menu offers a page it may not open."""

import re

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from keyprojects.core import errors
from keyprojects.testing.matrix import CASES, OK
from keyprojects.testing.people import ROLES

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
# English a page may show on purpose: file types, product names, the API header, placeholders of the letter
# number format, the source of the division codes, the path of the document templates.
ALLOWED_WORDS = {
    "API", "Authorization", "Token", "Excel", "Word", "ID", "PDF", "JPG", "PNG", "MB", "jpg", "xlsx", "docx",
    "year", "number", "cpca", "new", "docs", "documents", "md", "templates", "bulletin",
}  # fmt: skip
TAG = re.compile(r"<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")  # a tag, with `>` allowed inside quoted attributes


def _visible_text(response) -> str:
    html = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", response.content.decode())
    return TAG.sub(" ", html)


def _english_words(response) -> set[str]:
    return set(re.findall(r"\b[A-Za-z]{2,}\b", _visible_text(response))) - ALLOWED_WORDS


def _pages(people, role: str):
    for case in CASES:
        if case.method == "get" and case.expected[role] == OK:
            yield reverse(case.url_name, kwargs=case.kwargs(people)) + (f"?{case.query}" if case.query else "")


@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_no_page_a_role_can_open_shows_english_words(role, people, client_for):
    client, found = client_for(role), {}
    for url in _pages(people, role):
        response = client.get(url, **ENGLISH_BROWSER)
        if "text/html" in response.get("Content-Type", ""):
            for word in _english_words(response):
                found.setdefault(word, url)
    assert not found, f"{role} 看到英文：{found}"


def test_an_empty_form_is_refused_in_chinese_for_an_english_browser(people, client_for):
    response = client_for("city").post(reverse("accounts:user_create"), {"name": "张三"}, **ENGLISH_BROWSER)
    text = _visible_text(response)
    assert "该字段是必填项。" in text
    assert "This field is required" not in text


@pytest.mark.parametrize(
    "url", ["/reports/r/999999/", "/coordination/problems/999999/", "/projects/999999/", "/no-such-page/"]
)
def test_a_missing_object_is_told_in_chinese_not_as_no_x_matches_the_given_query(people, client_for, url):
    response = client_for("city").get(url, **ENGLISH_BROWSER)
    assert response.status_code == 404
    assert "页面不存在，或不在您的权限范围内。" in _visible_text(response)
    assert not _english_words(response)


def test_a_request_for_an_unknown_host_is_refused_in_chinese(people):
    response = Client().get("/login/", HTTP_HOST="evil.example", **ENGLISH_BROWSER)
    assert response.status_code == 400
    assert "请求无法处理" in _visible_text(response) and not _english_words(response)


def test_a_form_posted_without_its_csrf_token_is_refused_in_chinese_saying_what_to_do(people):
    response = Client(enforce_csrf_checks=True).post("/login/", {"username": "t_city", "password": "x"})
    assert response.status_code == 403
    assert "页面已过期或不是从本平台提交的，未能保存。请刷新页面后重新填写提交" in _visible_text(response)
    assert not _english_words(response)


def test_a_server_error_page_is_in_chinese():
    response = errors.server_error(RequestFactory().get("/projects/"))
    assert response.status_code == 500
    assert "系统出错，请稍后再试；问题已记录。" in response.content.decode()


@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_every_menu_link_of_a_role_opens(role, people, client_for):
    client = client_for(role)
    home = client.get("/").content.decode()
    menu = home[home.index('id="kp-sidebar"') : home.index("</aside>")]
    links = set(re.findall(r'<a class="nav-link[^"]*" href="(/[^"]*)"', menu))
    assert links
    refused = {url: client.get(url).status_code for url in links if client.get(url).status_code >= 400}
    assert not refused, f"{role} 菜单里打不开的链接：{refused}"


def test_the_investment_bureau_menu_and_tabs_leave_out_reports_problems_and_letters(people, client_for):
    client = client_for("invest")
    home = _visible_text(client.get("/"))
    assert "招商引资" in home and "储备库" in home and "要素保障" in home and "统计分析" in home
    assert "月报" not in home and "问题清单" not in home
    stats = client.get(reverse("analytics:stats")).content.decode()
    assert reverse("analytics:letters") not in stats and reverse("analytics:bulletin") in stats
