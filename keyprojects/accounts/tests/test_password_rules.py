"""Every password rule is said in Chinese, wherever a password is set, whatever language the browser asks for."""

import io
import re
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from keyprojects.accounts.demo import DEMO_PASSWORD
from keyprojects.accounts.models import User
from keyprojects.testing.factories import PASSWORD

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}  # Chromium's default
TOO_SHORT = "密码太短，至少要 8 个字符。"
TOO_COMMON = "这个密码太常见，容易被猜中，请换一个。"
ALL_DIGITS = "密码不能全是数字，请加上字母或符号。"


def _errors(response) -> list[str]:
    return re.findall(r'<ul class="errorlist"[^>]*>(.*?)</ul>', response.content.decode(), re.S)


def _no_english(text: str) -> None:
    assert not re.search(r"[Pp]assword|[Tt]his field|characters", text), text


def test_a_short_numeric_password_is_refused_in_chinese_on_the_change_password_page(people, client_for):
    client = client_for("owner_x")
    data = {"old_password": PASSWORD, "new_password1": "123", "new_password2": "123"}
    response = client.post("/password/", data, **ENGLISH_BROWSER)
    errors = " ".join(_errors(response))
    assert TOO_SHORT in errors and TOO_COMMON in errors and ALL_DIGITS in errors
    _no_english(errors)
    page = response.content.decode()
    assert "至少 8 个字符。" in page and "不能全是数字。" in page  # the rules shown before typing
    people.owner_x.refresh_from_db()
    assert people.owner_x.check_password(PASSWORD)


def test_a_password_like_the_username_is_refused_in_chinese(people, client_for):
    client = client_for("owner_x")
    data = {"old_password": PASSWORD, "new_password1": "t_owner_x1", "new_password2": "t_owner_x1"}
    errors = " ".join(_errors(client.post("/password/", data, **ENGLISH_BROWSER)))
    assert "密码与用户名太相似，请换一个。" in errors
    _no_english(errors)


def test_the_city_resetting_a_password_is_told_the_rules_in_chinese(people, client_for):
    client = client_for("city")
    data = {"new_password1": "12345678", "new_password2": "12345678"}
    response = client.post(f"/accounts/users/{people.owner_x.pk}/password/", data, **ENGLISH_BROWSER)
    errors = " ".join(_errors(response))
    assert TOO_COMMON in errors and ALL_DIGITS in errors
    _no_english(errors)
    people.owner_x.refresh_from_db()
    assert people.owner_x.check_password(PASSWORD)


def test_a_required_field_left_empty_is_said_in_chinese_to_an_english_browser(people, client_for):
    response = client_for("owner_x").post("/password/", {}, **ENGLISH_BROWSER)
    errors = " ".join(_errors(response))
    assert "这个字段是必填项。" in errors or "该字段是必填项。" in errors
    _no_english(errors)


def test_the_command_line_password_change_gives_the_rules_in_chinese(people):
    stderr = io.StringIO()
    with mock.patch("getpass.getpass", return_value="1234"), pytest.raises(CommandError):
        call_command("changepassword", "t_owner_x", stdout=io.StringIO(), stderr=stderr)
    said = stderr.getvalue()
    assert TOO_SHORT in said and ALL_DIGITS in said
    people.owner_x.refresh_from_db()
    assert people.owner_x.check_password(PASSWORD)


@pytest.mark.parametrize("weak", ["aaaaaaaaaaaa", "abcdefghijkl", "qwertyuiopas"])
def test_a_password_of_one_kind_of_character_or_a_row_of_keys_is_refused_in_chinese(people, client_for, weak):
    client = client_for("owner_x")
    data = {"old_password": PASSWORD, "new_password1": weak, "new_password2": weak}
    errors = " ".join(_errors(client.post("/password/", data, **ENGLISH_BROWSER)))
    assert "密码至少要包含字母、数字、符号中的两种，请加上数字或符号。" in errors
    assert "密码不能是同一个字符的重复、连续的字母或数字、键盘上连着的一排键" in errors
    people.owner_x.refresh_from_db()
    assert people.owner_x.check_password(PASSWORD)


def test_a_row_of_keys_is_refused_even_with_digits_in_it(people, client_for):
    client = client_for("owner_x")
    data = {"old_password": PASSWORD, "new_password1": "1234567890qw", "new_password2": "1234567890qw"}
    errors = " ".join(_errors(client.post("/password/", data, **ENGLISH_BROWSER)))
    assert "键盘上连着的一排键" in errors and "两种" not in errors
    people.owner_x.refresh_from_db()
    assert people.owner_x.check_password(PASSWORD)


def test_a_password_of_letters_and_digits_not_in_a_row_is_accepted(people, client_for):
    client = client_for("owner_x")
    data = {"old_password": PASSWORD, "new_password1": "Lotus-river-2026", "new_password2": "Lotus-river-2026"}
    response = client.post("/password/", data, **ENGLISH_BROWSER)
    assert _errors(response) == []
    people.owner_x.refresh_from_db()
    assert people.owner_x.check_password("Lotus-river-2026")


def test_the_demo_accounts_keep_their_letters_only_password(db):
    call_command("demo", stdout=io.StringIO())
    assert User.objects.get(username="city").check_password(DEMO_PASSWORD)
