from keyprojects.accounts.models import Department, Enterprise, Region, User
from keyprojects.core.models import ChangeLogEntry

NEW_PASSWORD = "Xuchang-2026-abc"


def _user_form(**overrides) -> dict:
    data = {
        "username": "zhangsan",
        "name": "张三",
        "role": "owner",
        "region": "",
        "department": "",
        "enterprise_name": "许昌新材料有限公司",
        "title": "",
        "phone": "",
        "is_active": "on",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }
    return {**data, **overrides}


def test_city_admin_creates_an_owner_account_with_a_new_enterprise(people, client_for):
    response = client_for("city").post("/accounts/users/new/", _user_form())
    assert response.status_code == 302
    user = User.objects.get(username="zhangsan")
    assert user.enterprise.name == "许昌新材料有限公司" and user.check_password(NEW_PASSWORD)
    assert ChangeLogEntry.objects.for_object(user).get().username == "t_city"


def test_a_county_admin_without_a_county_is_refused_in_chinese(people, client_for):
    response = client_for("city").post("/accounts/users/new/", _user_form(role="county_admin", enterprise_name=""))
    assert "县级管理员必须选择所管县区" in response.content.decode()
    assert not User.objects.filter(username="zhangsan").exists()


def test_a_taken_username_is_refused(people, client_for):
    response = client_for("city").post("/accounts/users/new/", _user_form(username="t_owner_y"))
    assert response.status_code == 200
    assert "已存在" in response.content.decode()


def test_city_admin_deactivates_an_account_and_the_change_is_logged(people, client_for):
    data = {
        "username": "t_owner_y",
        "name": "用户Y",
        "role": "owner",
        "enterprise_name": "项目单位Y有限公司",
        "region": "",
        "department": "",
        "title": "",
        "phone": "",
    }
    response = client_for("city").post(f"/accounts/users/{people.owner_y.pk}/", data)
    assert response.status_code == 302
    people.owner_y.refresh_from_db()
    assert not people.owner_y.is_active
    entry = ChangeLogEntry.objects.for_object(people.owner_y).latest("id")
    assert entry.before["is_active"] is True and entry.after["is_active"] is False


def test_city_admin_resets_a_password(people, client_for):
    response = client_for("city").post(
        f"/accounts/users/{people.owner_x.pk}/password/", {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    people.owner_x.refresh_from_db()
    assert people.owner_x.check_password(NEW_PASSWORD)


def test_a_county_admin_cannot_create_accounts_and_nothing_changes(people, client_for):
    count = User.objects.count()
    response = client_for("county_a").post("/accounts/users/new/", _user_form())
    assert response.status_code == 403
    assert User.objects.count() == count and not Enterprise.objects.filter(name="许昌新材料有限公司").exists()


def test_city_admin_adds_and_renames_a_department(people, client_for):
    client = client_for("city")
    client.post(
        "/accounts/departments/new/",
        {"name": "许昌市水利局", "short_name": "市水利局", "kind": "industry", "sort_order": 1, "is_active": "on"},
    )
    department = Department.objects.get(name="许昌市水利局")
    client.post(
        f"/accounts/departments/{department.pk}/",
        {"name": "许昌市水利局", "short_name": "水利局", "kind": "industry", "sort_order": 1, "is_active": "on"},
    )
    department.refresh_from_db()
    assert department.short_name == "水利局"
    assert ChangeLogEntry.objects.for_object(department).count() == 2


def test_city_admin_adds_a_development_zone_under_the_city(people, client_for):
    response = client_for("city").post(
        "/regions/zones/new/",
        {"code": "411071", "name": "许昌经济技术开发区", "parent": people.city_region.pk, "is_ranked": "on"},
    )
    assert response.status_code == 302
    zone = Region.objects.get(code="411071")
    assert zone.kind == "zone" and zone.is_ranked and zone.path == "410000/411000/411071/"


def test_a_zone_with_a_bad_or_taken_code_is_refused(people, client_for):
    client = client_for("city")
    bad = client.post("/regions/zones/new/", {"code": "4110", "name": "某区", "parent": people.city_region.pk})
    assert "区划代码应为6位数字" in bad.content.decode()
    taken = client.post("/regions/zones/new/", {"code": "411003", "name": "某区", "parent": people.city_region.pk})
    assert "已被使用" in taken.content.decode()
    assert Region.objects.get(code="411003").name == "建安区"


def test_a_national_division_name_cannot_be_edited(people, client_for):
    client_for("city").post("/regions/411003/edit/", {"name": "改名区", "is_ranked": "", "sort_order": 9})
    region = Region.objects.get(code="411003")
    assert region.name == "建安区" and not region.is_ranked and region.sort_order == 9
