from django.test import Client

from keyprojects.accounts.models import Region, User


def test_without_a_city_every_entry_leads_to_the_first_run_page(db):
    client = Client()
    assert client.get("/").url == "/setup/"
    assert client.get("/login/").url == "/setup/"
    page = client.get("/setup/").content.decode()
    assert "本平台管理的城市" in page and "成都市（510100）" in page and "许昌市（411000）" in page


def test_first_run_sets_up_the_city_and_the_first_city_admin(db):
    client = Client()
    response = client.post(
        "/setup/",
        {
            "city": "510100",
            "username": "admin",
            "name": "张三",
            "password1": "Chengdu-2026!",
            "password2": "Chengdu-2026!",
        },
    )
    assert response.status_code == 302
    admin = User.objects.get(username="admin")
    assert admin.role == "city_admin" and admin.region.code == "510100"
    assert Region.objects.filter(parent__code="510100").count() == 20
    assert "成都市" in client.get("/").content.decode()
    assert client.get("/setup/").status_code == 404  # only once


def test_first_run_with_mismatched_passwords_changes_nothing(db):
    response = Client().post(
        "/setup/",
        {"city": "510100", "username": "admin", "name": "张三", "password1": "Chengdu-2026!", "password2": "x"},
    )
    assert "两次输入的密码不一致" in response.content.decode()
    assert not Region.objects.exists() and not User.objects.exists()
