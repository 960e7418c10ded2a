"""/api/stats/ refuses a malformed filter, naming it, instead of answering the whole city's figures as if they
were the filtered ones (issue #14); a well-formed filter that names nothing, or nothing in the caller's scope,
matches nothing."""

import pytest
from django.test import Client

from keyprojects.testing.api import token_headers


def _stats(user, query: str):
    return Client().get(f"/api/stats/?period=2026-10&{query}", HTTP_AUTHORIZATION=token_headers(user)["Authorization"])


@pytest.mark.parametrize(
    "query, field, message",
    [
        ("region=abc", "region", "区划代码“abc”应为 6 位数字，如 341302。"),
        ("region=4110", "region", "区划代码“4110”应为 6 位数字，如 341302。"),
        ("level=X", "level", "级别“X”不存在，应为 national、province、city、county、国家、省、市、县 之一。"),
        ("leader=abc", "leader", "分包领导编号“abc”应为正整数。"),
        ("domain=-1", "domain", "领域编号“-1”应为正整数。"),
        ("chain=0", "chain", "产业链编号“0”应为正整数。"),
        (f"task_force={2**64}", "task_force", f"专班编号“{2**64}”超出编号范围。"),
    ],
)
def test_a_malformed_statistics_filter_is_refused_naming_parameter_and_value(people, query, field, message):
    response = _stats(people.city, query)
    assert response.status_code == 400
    assert response.json() == {field: [message]}


def test_an_unknown_region_code_matches_nothing_rather_than_the_whole_city(people):
    assert _stats(people.city, "").json()["project_count"] == 2
    figures = _stats(people.city, "region=999999").json()
    assert figures["project_count"] == 0 and figures["ytd_completed"] == 0


def test_a_region_outside_the_callers_scope_reveals_nothing(people):
    other = _stats(people.county_a, f"region={people.project_b.region.code}").json()
    unknown = _stats(people.county_a, "region=999999").json()
    assert other == unknown and other["project_count"] == 0


def test_well_formed_filters_still_filter(people):
    assert _stats(people.city, f"region={people.project_a.region.code}").json()["project_count"] == 1
    assert _stats(people.city, "level=省重点").status_code == 200
    assert _stats(people.city, "domain=999999").json()["project_count"] == 0


def test_the_schema_describes_the_filters_the_api_accepts(people):
    client = Client(HTTP_AUTHORIZATION=token_headers(people.city)["Authorization"])
    operation = client.get("/api/schema/?format=json").json()["paths"]["/api/stats/"]["get"]
    parameters = {p["name"]: p["schema"] for p in operation["parameters"]}
    assert parameters["region"]["pattern"] == "^[0-9]{6}$"
    assert "省" in parameters["level"]["enum"] and "X" not in parameters["level"]["enum"]
    assert "400" in operation["responses"]
