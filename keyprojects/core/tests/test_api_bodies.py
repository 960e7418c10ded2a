"""Request bodies of the wrong shape, as a security tester sent them (issue #14): each is a 400 in Chinese naming
the field, never a 500; every refusal of the API reaches the security log; the docs page sends a visitor to log in."""

import json
import logging

import pytest
from django.test import Client

from keyprojects.core.api_bodies import NOT_A_TEXT, NOT_AN_OBJECT
from keyprojects.core.api_errors import FORBIDDEN, UNPARSABLE
from keyprojects.reports.choices import ReportStatus
from keyprojects.reports.models import Report
from keyprojects.testing.api import token_headers

WRONG_TEXTS = [123, True, {"x": 1}, ["a", "b"]]
NOT_OBJECTS = ["null", "[1, 2]", "123", '"退回"']


def _post(user, path, body: str) -> tuple[int, object]:
    response = Client(raise_request_exception=False).post(
        path, body, content_type="application/json", HTTP_AUTHORIZATION=token_headers(user)["Authorization"]
    )
    return response.status_code, response.json() if response.status_code < 500 else response.content


@pytest.mark.parametrize("reason", WRONG_TEXTS, ids=repr)
def test_a_return_reason_that_is_not_a_text_is_refused_and_the_report_stays_submitted(people, reason):
    status, body = _post(people.city, f"/api/reports/{people.report_a.pk}/return/", json.dumps({"reason": reason}))
    assert (status, body) == (400, {"reason": [NOT_A_TEXT]})
    assert Report.objects.get(pk=people.report_a.pk).status == ReportStatus.SUBMITTED


def test_a_return_reason_longer_than_the_stored_one_is_refused_by_its_length(people):
    status, body = _post(people.city, f"/api/reports/{people.report_a.pk}/return/", json.dumps({"reason": "太" * 201}))
    assert (status, body) == (400, {"reason": ["不能超过 200 个字。"]})


def test_a_return_with_a_text_reason_still_returns_the_report(people):
    status, body = _post(people.city, f"/api/reports/{people.report_a.pk}/return/", json.dumps({"reason": "数据有误"}))
    assert status == 200 and body["status"] == ReportStatus.RETURNED and body["return_reason"] == "数据有误"


@pytest.mark.parametrize("reply", [{"a": 1}, 123, [1]], ids=repr)
def test_a_department_reply_that_is_not_a_text_is_refused(people, reply):
    status, body = _post(people.dept, f"/api/problems/{people.problem_a.pk}/reply/", json.dumps({"reply": reply}))
    assert (status, body) == (400, {"reply": [NOT_A_TEXT]})
    assert people.problem_a.__class__.objects.get(pk=people.problem_a.pk).reply == ""


@pytest.mark.parametrize("text", NOT_OBJECTS)
def test_a_body_that_is_not_a_json_object_is_refused_in_plain_chinese(people, text):
    for user, path in [
        (people.city, f"/api/reports/{people.report_a.pk}/return/"),
        (people.dept, f"/api/problems/{people.problem_a.pk}/reply/"),
        (people.owner_x, "/api/reports/"),
    ]:
        assert _post(user, path, text) == (400, {"non_field_errors": [NOT_AN_OBJECT]}), path


def test_a_body_nested_a_hundred_thousand_deep_is_unparsable_not_a_server_error(people):
    assert _post(people.owner_x, "/api/reports/", "[" * 100_000) == (400, {"detail": UNPARSABLE})


def test_a_period_written_wrongly_is_explained_with_an_example(people):
    body = json.dumps({"project": people.project_a.pk, "period": "2026年10月", "amount": "1"})
    status, answer = _post(people.owner_x, "/api/reports/", body)
    assert (status, answer) == (400, {"period": ["月份应写成 2026-10 这样的格式（年份 2000–2100，月份 1–12）。"]})


def test_the_schema_documents_the_bodies_of_return_and_reply(people):
    client = Client(HTTP_AUTHORIZATION=token_headers(people.city)["Authorization"])
    schema = client.get("/api/schema/?format=json").json()
    paths, components = schema["paths"], schema["components"]["schemas"]
    for path, name in [("/api/reports/{id}/return/", "reason"), ("/api/problems/{id}/reply/", "reply")]:
        body = paths[path]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        field = components[body.rsplit("/", 1)[1]]["properties"][name]
        assert field["type"] == "string" and field["maxLength"] > 0, path
        assert "400" in paths[path]["post"]["responses"], path


@pytest.mark.parametrize(
    "role, path",
    [
        ("owner_x", "/api/reports/{report}/approve/"),
        ("dept", "/api/reports/"),
        ("owner_x", "/api/problems/{problem}/close/"),
    ],
)
def test_every_refused_workflow_call_is_written_to_the_security_log(people, caplog, role, path):
    path = path.format(report=people.report_a.pk, problem=people.problem_a.pk)
    user = people.users[role]
    with caplog.at_level(logging.WARNING, logger="keyprojects.security"):
        status, body = _post(user, path, json.dumps({"reply": "已办"}))
    assert status == 403 and body["detail"]
    assert f"{user.username}（{user.role}）请求 API POST {path}" in caplog.text


def test_a_refused_report_step_keeps_its_chinese_answer(people):
    status, body = _post(people.owner_x, f"/api/reports/{people.report_a.pk}/approve/", "{}")
    assert (status, body) == (403, {"detail": FORBIDDEN})


def test_the_api_docs_send_a_visitor_without_a_login_to_the_login_page(people):
    response = Client().get("/api/docs/")
    assert response.status_code == 302 and response.url == "/login/?next=/api/docs/"
