import logging

from keyprojects.accounts.models import Region


def test_county_user_sees_only_its_own_subtree(people):
    visible = Region.objects.visible_to(people.county_a)
    assert list(visible.values_list("code", flat=True)) == [people.county_a_region.code]


def test_city_admin_and_leader_see_the_whole_city(people):
    for user in (people.city, people.leader):
        codes = set(Region.objects.visible_to(user).values_list("code", flat=True))
        assert people.county_a_region.code in codes and people.county_b_region.code in codes
        assert "410000" not in codes  # the province is above the city, not in its subtree


def test_owner_and_department_see_no_regions(people):
    assert not Region.objects.visible_to(people.owner_x).exists()
    assert not Region.objects.visible_to(people.dept).exists()


def test_county_user_asking_for_another_county_gets_404_and_is_logged(people, client_for, caplog):
    with caplog.at_level(logging.WARNING, logger="keyprojects.security"):
        response = client_for("county_b").get(f"/regions/{people.county_a_region.code}/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()
    assert any("t_county_b" in record.getMessage() and "411003" in record.getMessage() for record in caplog.records)


def test_county_user_asking_the_api_for_another_county_gets_404(people, client_for):
    response = client_for("county_b").get(f"/api/regions/{people.county_a_region.code}/")
    assert response.status_code == 404


def test_county_region_list_shows_its_own_region_and_not_the_neighbour(people, client_for):
    page = client_for("county_a").get("/regions/").content.decode()
    assert "建安区" in page
    assert "魏都区" not in page
