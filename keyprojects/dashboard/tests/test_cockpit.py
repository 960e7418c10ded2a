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


def test_the_map_shows_located_projects_filtered_like_the_list(people, client_for):
    from decimal import Decimal

    for project in (people.project_a, people.project_b):
        project.longitude, project.latitude = Decimal("113.85"), Decimal("34.03")
        project.save()
    client = client_for("city")
    assert "共 2 个有坐标的项目" in client.get("/cockpit/map/?period=2026-10").content.decode()
    assert "共 1 个有坐标的项目" in client.get("/cockpit/map/?period=2026-10&region=411002").content.decode()
    assert (
        "共 0 个有坐标的项目"
        in client_for("owner_y").get("/cockpit/map/?period=2026-10&region=411003").content.decode()
    )


def test_the_battle_chart_marks_slipped_nodes(people, client_for):
    import datetime

    from keyprojects.projects.models import Milestone

    Milestone.objects.create(
        entry=people.entry_a,
        name="开工",
        planned_date=datetime.date(2026, 3, 1),
        actual_date=datetime.date(2026, 4, 20),
    )
    Milestone.objects.create(entry=people.entry_a, name="竣工", planned_date=datetime.date(2026, 12, 30))
    page = client_for("leader").get("/cockpit/battle/?year=2026").content.decode()
    assert "滞后节点 1 个" in page and "项目A" in page


def test_the_curve_ends_at_the_year_to_date_figure(people, client_for):
    data = client_for("city").get("/cockpit/?period=2026-10&format=json").json()
    assert [point["month"] for point in data["curve"]] == list(range(1, 11))
    assert data["curve"][-1]["completed"] == data["figures"]["ytd_completed"]


def test_colours_are_counted_after_overrides_and_changes_against_last_month(people, client_for):
    from django.utils import timezone

    from keyprojects.analytics.models import ColorRecord
    from keyprojects.reports.models import Period

    september = Period.objects.create(year=2026, month=9, **Period.default_deadlines(2026, 9))
    now = timezone.now()
    ColorRecord.objects.create(period=september, project=people.project_a, computed_color="绿", computed_at=now)
    ColorRecord.objects.create(period=september, project=people.project_b, computed_color="红", computed_at=now)
    ColorRecord.objects.create(period=people.period, project=people.project_b, computed_color="白", computed_at=now)
    people.color_a.override_color, people.color_a.override_reason = "绿", "已现场核实"
    people.color_a.save()

    data = client_for("city").get("/cockpit/?period=2026-10&format=json").json()
    counts = {row["color"]: row["count"] for row in data["colors"]}
    assert counts == {"绿": 1, "白": 1, "黄": 0, "红": 0}
    assert data["colors_changed"] == 1  # 项目B 红 → 白; 项目A stays 绿 after the override
