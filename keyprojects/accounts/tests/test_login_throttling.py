"""Wrong passwords are slowed per account and per address across accounts; each is in the security log."""

import datetime
import logging
import re

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

from keyprojects.core.dates import chinese_datetime
from keyprojects.testing.factories import PASSWORD

ACCOUNT_LIMIT, ADDRESS_LIMIT = 5, 20
OFFICE = "10.20.30.40"  # a county office behind one NAT
ELSEWHERE = "10.99.0.1"
ACCOUNTS = ["t_city", "t_county_a", "t_county_b", "t_owner_x", "t_owner_y", "t_dept", "t_leader", "t_invest"]


def _client(address: str = OFFICE) -> Client:
    return Client(REMOTE_ADDR=address)


def _spray(client: Client, count: int, per_account: int = ACCOUNT_LIMIT - 1) -> None:
    """`count` wrong passwords, at most `per_account` for any one account (existing or not)."""
    names = ACCOUNTS + [f"guess{n}" for n in range(count)]
    for n in range(count):
        client.post("/login/", {"username": names[n // per_account], "password": "Winter2026!"})


def _text(response) -> str:
    return re.sub(r"<[^>]+>", "", response.content.decode())


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_five_wrong_passwords_lock_the_account_and_say_until_when(people, caplog):
    client = _client()
    with caplog.at_level(logging.WARNING, logger="keyprojects.security"):
        for _ in range(ACCOUNT_LIMIT):
            client.post("/login/", {"username": "t_county_a", "password": "wrong"})
        response = client.post("/login/", {"username": "t_county_a", "password": PASSWORD})
    page = _text(response)
    assert response.status_code == 429 and not _signed_in(client)
    last = AccessAttempt.objects.get(username="t_county_a").attempt_time
    until = chinese_datetime(last + datetime.timedelta(minutes=15))
    assert "这个账号在本机连续输错密码 5 次" in page and f"请在 {until}（北京时间）以后再试" in page
    lines = [record.getMessage() for record in caplog.records]
    assert f"登录失败：账号 t_county_a，地址 {OFFICE}（该账号在此地址 1 次，此地址共 1 次）" in lines
    assert f"登录已锁定（按账号）：账号 t_county_a，地址 {OFFICE}，至 {until}" in lines
    assert f"登录被拒绝（已锁定）：账号 t_county_a，地址 {OFFICE}" in lines  # the right password, while locked


def test_the_locked_account_can_still_log_in_from_another_address_and_others_from_the_same(people):
    client = _client()
    for _ in range(ACCOUNT_LIMIT):
        client.post("/login/", {"username": "t_county_a", "password": "wrong"})
    elsewhere = _client(ELSEWHERE)
    elsewhere.post("/login/", {"username": "t_county_a", "password": PASSWORD})
    colleague = _client()
    colleague.post("/login/", {"username": "t_city", "password": PASSWORD})
    assert _signed_in(elsewhere) and _signed_in(colleague)


def test_one_password_tried_over_many_accounts_locks_the_address(people, caplog):
    sprayer = _client()
    with caplog.at_level(logging.WARNING, logger="keyprojects.security"):
        _spray(sprayer, ADDRESS_LIMIT)
    assert not any(
        AccessAttempt.objects.filter(username=name).first().failures_since_start >= ACCOUNT_LIMIT
        for name in ACCOUNTS[:5]
    )  # no single account reached its own limit
    colleague = _client()
    response = colleague.post("/login/", {"username": "t_leader", "password": PASSWORD})
    page = _text(response)
    assert response.status_code == 429 and not _signed_in(colleague)
    assert "从您所在的网络地址登录时输错密码的次数过多" in page and "15 分钟内达到 20 次" in page
    lines = [record.getMessage() for record in caplog.records]
    assert f"登录失败：账号 t_owner_y，地址 {OFFICE}（该账号在此地址 4 次，此地址共 20 次）" in lines
    assert any(line.startswith("登录已锁定（按地址）：账号 ") and OFFICE in line for line in lines)

    other_office = _client(ELSEWHERE)
    other_office.post("/login/", {"username": "t_leader", "password": PASSWORD})
    assert _signed_in(other_office)


def test_nineteen_wrong_passwords_over_many_accounts_do_not_lock_the_address(people):
    _spray(_client(), ADDRESS_LIMIT - 1)
    colleague = _client()
    colleague.post("/login/", {"username": "t_leader", "password": PASSWORD})
    assert _signed_in(colleague)


def test_a_successful_login_does_not_clear_the_addresss_other_failures(people):
    sprayer = _client()
    _spray(sprayer, ADDRESS_LIMIT - 2)
    sprayer.post("/login/", {"username": "t_invest", "password": PASSWORD})  # the attacker's own account
    assert _signed_in(sprayer)
    _spray(_client(), 2, per_account=1)
    colleague = _client()
    assert colleague.post("/login/", {"username": "t_leader", "password": PASSWORD}).status_code == 429


@pytest.mark.parametrize("minutes, locked", [(14, True), (16, False)])
def test_the_address_lock_lifts_fifteen_minutes_after_its_last_counted_failure(people, minutes, locked):
    _spray(_client(), ADDRESS_LIMIT)
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=minutes))
    colleague = _client()
    colleague.post("/login/", {"username": "t_leader", "password": PASSWORD})
    assert _signed_in(colleague) is not locked
