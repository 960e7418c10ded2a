import json

from django.core.management import call_command

from keyprojects.analytics.indicators import KEYS


def test_the_cockpits_figures_equal_the_stats_command_for_the_same_scope(people, client_for, capsys):
    for role, username in (("city", "t_city"), ("county_a", "t_county_a")):
        data = client_for(role).get("/cockpit/?period=2026-10&format=json").json()
        call_command("stats", "--period", "2026-10", "--json", "--user", username)
        stats = json.loads(capsys.readouterr().out)
        assert {key: data["figures"][key] for key in KEYS} == stats


def test_a_county_cockpit_shows_its_own_subtree_only(people, client_for):
    data = client_for("county_b").get("/cockpit/?period=2026-10&format=json").json()
    assert data["figures"]["project_count"] == 1
    assert [r["code"] for r in data["regions"]] == ["411002"]
    assert [r["region_code"] for r in data["ranking"]] == ["411002"]
    assert "funnel" not in client_for("owner_x").get("/cockpit/?period=2026-10&format=json").json()


def test_the_wall_screen_and_the_leaders_package_render(people, client_for):
    assert "kp-wall" in client_for("leader").get("/cockpit/?period=2026-10&wall=1").content.decode()
    page = client_for("leader").get("/cockpit/mine/").content.decode()
    assert "项目A" in page and "测试专班" in page
