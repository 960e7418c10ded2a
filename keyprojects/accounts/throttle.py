"""Login throttling (django-axes): per account from one address, and per address across accounts.

axes counts failures for each group of `AXES_LOCKOUT_PARAMETERS` (here the account at an address, then the
address) but compares them all with one `AXES_FAILURE_LIMIT`. The two groups need different limits: five
wrong passwords lock an account, while one address may be a whole county office behind one NAT. So the
handler below counts each group against its own limit, tells the user in Chinese which of the two locked
and until when, and writes every failure and lockout to the security log.
"""

import datetime

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from django.conf import settings
from django.db.models import Sum
from django.http import HttpResponse
from django.template import loader

from keyprojects.accounts.scope import security_log
from keyprojects.core.dates import chinese_datetime

ACCOUNT, CLIENT = "account", "client"


def account_limit() -> int:
    return settings.AXES_FAILURE_LIMIT  # wrong passwords for one account from one address


def client_limit() -> int:
    return settings.LOGIN_FAILURES_PER_ADDRESS  # wrong passwords from one address, whatever the accounts


def _failures(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def _unlocks_at(attempts, limit: int, cool_off: datetime.timedelta) -> datetime.datetime:
    """A row is forgotten `cool_off` after its last failure; the lock lifts once the rows still remembered
    sum to less than `limit`, that is when the newest rows that together reach the limit are forgotten."""
    counted = 0
    for failures, last in attempts.order_by("-attempt_time").values_list("failures_since_start", "attempt_time"):
        counted += failures
        if counted >= limit:
            return last + cool_off
    return attempts.latest("attempt_time").attempt_time + cool_off


class LoginThrottle(AxesDatabaseHandler):
    """`AXES_LOCKOUT_PARAMETERS` is `[["username", "ip_address"], ["ip_address"]]`, in that order."""

    def _groups(self, request, credentials):
        account, client = self.get_user_attempts(request, credentials)
        return account, client

    def lock(self, request, credentials=None) -> str | None:
        """Which limit this login attempt is over: ACCOUNT, CLIENT or None."""
        account, client = self._groups(request, credentials)
        if _failures(account) >= account_limit():
            return ACCOUNT
        if _failures(client) >= client_limit():
            return CLIENT
        return None

    def get_failures(self, request, credentials=None) -> int:
        """axes compares this number with `AXES_FAILURE_LIMIT` (the account's limit). An address over its own limit
        is reported at the account limit so that it locks too."""
        account, client = self._groups(request, credentials)
        if _failures(client) >= client_limit():
            return account_limit()
        return _failures(account)

    def unlocks_at(self, request, credentials=None) -> datetime.datetime | None:
        kind = self.lock(request, credentials)
        if kind is None:
            return None
        account, client = self._groups(request, credentials)
        cool_off = get_cool_off(request)
        if kind == ACCOUNT:
            return _unlocks_at(account, account_limit(), cool_off)
        return _unlocks_at(client, client_limit(), cool_off)

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful login forgets that account's failures at that address only: the address's other
        failures still count, or an attacker with one valid account could clear the address's count."""
        account, _client = self.filter_user_attempts(request, credentials)
        count, _ = account.delete()
        return count

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        if request is None:
            return super().user_login_failed(sender, credentials, request=request, **kwargs)
        already_locked = self.lock(request, credentials) is not None  # refused by axes without checking
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        username, address = get_client_username(request, credentials), request.axes_ip_address
        if already_locked:
            security_log.warning("登录被拒绝（已锁定）：账号 %s，地址 %s", username, address)
            return
        account, client = self._groups(request, credentials)
        security_log.warning(
            "登录失败：账号 %s，地址 %s（该账号在此地址 %d 次，此地址共 %d 次）",
            username,
            address,
            _failures(account),
            _failures(client),
        )
        if request.axes_locked_out:
            kind = "账号" if self.lock(request, credentials) == ACCOUNT else "地址"
            until = chinese_datetime(self.unlocks_at(request, credentials))
            security_log.warning("登录已锁定（按%s）：账号 %s，地址 %s，至 %s", kind, username, address, until)


def lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    """The Chinese lockout page (`AXES_LOCKOUT_CALLABLE`): which lock, and from when to try again."""
    handler = LoginThrottle()
    kind = handler.lock(request, credentials) or ACCOUNT
    until = handler.unlocks_at(request, credentials)
    context = {
        "by_client": kind == CLIENT,
        "until": chinese_datetime(until) if until else "",
        "account_limit": account_limit(),
        "client_limit": client_limit(),
        "minutes": int(get_cool_off(request).total_seconds() // 60),
    }
    body = loader.render_to_string(settings.AXES_LOCKOUT_TEMPLATE, context, request=request)
    return HttpResponse(body, status=settings.AXES_HTTP_RESPONSE_CODE)
