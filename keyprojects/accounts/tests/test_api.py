from django.core.management import call_command
from django.test import Client


def test_a_script_reads_its_own_scope_with_the_token_from_the_command_line(people, capsys):
    call_command("token", "t_county_a")
    token = capsys.readouterr().out.strip()
    response = Client().get("/api/users/me/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200
    assert response.json()["scope"] == "建安区及下辖区划"


def test_the_token_command_prints_the_same_token_twice(people, capsys):
    call_command("token", "t_city")
    call_command("token", "t_city")
    first, second = capsys.readouterr().out.split()
    assert first == second


def test_a_wrong_token_is_refused(people):
    response = Client().get("/api/regions/", HTTP_AUTHORIZATION="Token not-a-token")
    assert response.status_code == 401


def test_the_region_api_is_scoped_like_the_ui(people, client_for):
    codes = [row["code"] for row in client_for("county_b").get("/api/regions/").json()["results"]]
    assert codes == ["411002"]
    assert client_for("owner_x").get("/api/regions/").json()["count"] == 0


def test_only_the_city_admin_lists_users_through_the_api(people, client_for):
    assert client_for("city").get("/api/users/").json()["count"] == len(people.users) - 1
    assert client_for("leader").get("/api/users/").status_code == 403


def test_the_openapi_schema_names_the_endpoints(people, client_for):
    schema = client_for("city").get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert "/api/regions/" in schema["paths"] and "/api/users/me/" in schema["paths"]


def test_the_api_docs_load_without_the_internet(people, client_for):
    page = client_for("city").get("/api/docs/").content.decode()
    assert "cdn" not in page.lower() and "/static/drf_spectacular_sidecar/" in page
