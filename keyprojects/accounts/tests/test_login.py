from django.test import Client

from keyprojects.testing.factories import PASSWORD

LOCKOUT_ATTEMPTS = 5


def test_city_user_logs_in_and_sees_a_chinese_home_page(people):
    client = Client()
    response = client.post("/login/", {"username": "t_city", "password": PASSWORD}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "您好" in page and "市级管理员" in page and "项目库" in page and "许昌市" in page


def test_a_wrong_password_is_refused_in_chinese(people):
    response = Client().post("/login/", {"username": "t_city", "password": "wrong"})
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()
    assert "_auth_user_id" not in Client().session


def test_five_wrong_passwords_lock_the_login_even_for_the_right_one(people):
    client = Client()
    for _ in range(LOCKOUT_ATTEMPTS):
        client.post("/login/", {"username": "t_county_a", "password": "wrong"})
    response = client.post("/login/", {"username": "t_county_a", "password": PASSWORD})
    assert response.status_code == 429
    assert "登录已暂时锁定" in response.content.decode()
    assert client.get("/").status_code == 302  # still not signed in


def test_failed_logins_are_counted(people):
    from axes.models import AccessAttempt

    Client().post("/login/", {"username": "t_dept", "password": "wrong"})
    Client().post("/login/", {"username": "t_dept", "password": "wrong"})
    assert AccessAttempt.objects.get(username="t_dept").failures_since_start == 2


def test_a_user_changes_their_own_password(people, client_for):
    client = client_for("owner_x")
    response = client.post(
        "/password/",
        {"old_password": PASSWORD, "new_password1": "Xuchang-2026-new", "new_password2": "Xuchang-2026-new"},
    )
    assert response.status_code == 302
    people.owner_x.refresh_from_db()
    assert people.owner_x.check_password("Xuchang-2026-new")


def test_logout_ends_the_session(people, client_for):
    client = client_for("leader")
    client.post("/logout/")
    assert client.get("/").status_code == 302
