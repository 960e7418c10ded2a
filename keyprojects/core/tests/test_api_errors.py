"""What the API answers when it refuses, and what its schema promises: each kind of schemathesis finding
of issue #14 by itself (nullable fields, undocumented errors, English messages, allowed-but-refused calls)."""

import logging

from django.core.management import call_command
from django.test import Client

from keyprojects.core.api_errors import NOT_FOUND
from keyprojects.testing.api import load_schema, token_headers


def _get(user, path, **headers):
    return Client().get(path, **_auth(user), **headers)


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": token_headers(user)["Authorization"]}


def _schema(people):
    return Client().get("/api/schema/?format=json", **_auth(people.city)).json()


def test_an_owner_without_a_region_is_returned_with_null_and_that_validates(api_app, people):
    schema = load_schema(api_app, people.owner_x)
    case = schema["/api/users/me/"]["GET"].Case()
    response = case.call(headers=token_headers(people.owner_x))
    assert response.json()["region_code"] is None and response.json()["department_name"] is None
    case.validate_response(response, headers=token_headers(people.owner_x))  # raises on "string" for a null


def test_optional_project_links_are_declared_nullable(people):
    project = _schema(people)["components"]["schemas"]["Project"]["properties"]
    for name in ("domain", "industry", "owner", "task_force", "package_code"):
        assert project[name].get("nullable") is True, name


def test_a_missing_report_is_refused_in_chinese(people):
    response = _get(people.city, "/api/reports/999999/")
    assert response.status_code == 404
    assert response.json() == {"detail": NOT_FOUND}


def test_a_report_of_another_owner_is_404_and_written_to_the_security_log(people, caplog):
    with caplog.at_level(logging.WARNING, logger="keyprojects.security"):
        response = _get(people.owner_y, f"/api/reports/{people.report_a.pk}/")
    assert response.status_code == 404 and response.json()["detail"] == NOT_FOUND
    assert f"t_owner_y（owner）请求 API GET /api/reports/{people.report_a.pk}/" in caplog.text


def test_a_client_asking_for_english_is_still_answered_in_chinese(people):
    response = Client().get("/api/regions/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert response.json() == {"detail": "身份认证信息未提供。"}


def test_a_bad_amount_is_named_in_chinese(people):
    response = Client().post(
        "/api/reports/",
        {"project": people.project_a.pk, "period": "2026-10", "amount": "很多"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        **_auth(people.owner_x),
    )
    assert response.status_code == 400
    assert response.json() == {"amount": ["请填写合法的数字。"]}


def test_a_body_that_is_not_json_is_refused_in_chinese(people):
    response = Client().post("/api/reports/", "{amount", content_type="application/json", **_auth(people.owner_x))
    assert response.status_code == 400
    assert response.json() == {"detail": "请求内容无法解析：应为合法的 JSON。"}


def test_detail_endpoints_document_401_403_404_and_workflow_steps_409(people):
    paths = _schema(people)["paths"]
    assert set(paths["/api/projects/{id}/"]["get"]["responses"]) == {"200", "401", "404"}  # any login reads projects
    assert set(paths["/api/reports/{id}/"]["get"]["responses"]) == {"200", "401", "403", "404"}  # not the invest role
    assert set(paths["/api/reports/{id}/approve/"]["post"]["responses"]) == {"200", "401", "403", "404", "409"}
    assert set(paths["/api/users/{id}/"]["get"]["responses"]) == {"200", "401", "403", "404"}
    assert set(paths["/api/reports/"]["post"]["responses"]) == {"201", "400", "401", "403", "404", "409"}


def test_a_refusal_body_is_documented_as_a_chinese_detail(people):
    schema = _schema(people)
    not_found = schema["paths"]["/api/projects/{id}/"]["get"]["responses"]["404"]
    assert not_found["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail"]
    bad = schema["paths"]["/api/reports/"]["post"]["responses"]["400"]["content"]["application/json"]["schema"]
    assert bad["additionalProperties"]["type"] == "array"


def test_a_list_page_past_the_end_is_documented_and_answered_in_chinese(people):
    responses = _schema(people)["paths"]["/api/regions/"]["get"]["responses"]
    assert "404" in responses
    response = _get(people.city, "/api/regions/?page=999")
    assert response.status_code == 404 and response.json() == {"detail": "无效页面。"}


def test_an_unknown_domain_in_the_annual_list_filter_lists_nothing_instead_of_refusing(people):
    response = _get(people.city, "/api/annual-entries/?domain=999999&year=2026")
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_a_statistics_filter_number_too_large_for_the_database_is_refused_naming_it(people):
    response = _get(people.city, f"/api/stats/?period=2026-10&domain={2**64}")
    assert response.status_code == 400
    assert response.json() == {"domain": [f"领域编号“{2**64}”超出编号范围。"]}


def test_a_bad_as_of_date_names_the_parameter(people):
    response = _get(people.city, "/api/annual-entries/?as_of=2026-13-01")
    assert response.status_code == 400
    assert list(response.json()) == ["as_of"]


def test_the_schema_documents_requests_as_json_with_a_decimal_amount_and_a_real_month(people):
    schema = _schema(people)
    body = schema["paths"]["/api/reports/"]["post"]["requestBody"]["content"]
    assert list(body) == ["application/json"]
    write = schema["components"]["schemas"]["ReportWrite"]["properties"]
    assert write["amount"]["pattern"] == r"^[0-9]{1,14}(\.[0-9]{1,2})?$"
    assert write["period"]["pattern"].startswith("^(20[0-9]{2}|2100)")
    stats = {p["name"]: p["schema"] for p in schema["paths"]["/api/stats/"]["get"]["parameters"]}
    assert stats["period"]["pattern"] and stats["domain"]["type"] == "integer"


def test_the_schema_validates_as_openapi_without_a_single_generator_warning(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    assert "/api/reports/{id}/approve/" in (tmp_path / "schema.yaml").read_text(encoding="utf-8")
