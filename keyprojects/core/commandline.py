"""What the platform's management commands share: who they act as, and JSON as INTERFACES.md says."""

import json
from decimal import Decimal
from pathlib import Path

from django.core.management.base import CommandError

from keyprojects.accounts.models import User
from keyprojects.accounts.permissions import Perm, has_perm
from keyprojects.accounts.scope import SystemActor
from keyprojects.accounts.services import managed_city
from keyprojects.core.excel.errors import ExcelRefused, ImportRefused


def acting_user(username: str = "") -> User | SystemActor:
    """Who a command acts (and is scoped) as: the account named by `--user`, else the system itself — the managed
    root's whole tree, logged as 系统 — so a fresh database needs no web account (INTERFACES.md)."""
    if not username:
        root = managed_city()
        if root is None:
            raise CommandError("尚未设置本平台管理的城市，请先运行 keyprojects setup-city 城市代码。")
        return SystemActor(root)
    user = User.objects.filter(is_active=True, username=username).first()
    if user is None:
        raise CommandError(f"没有启用的账号“{username}”。")
    return user


def city_admin(username: str = "") -> User | SystemActor:
    """`acting_user`; a named account must be a city administrator (imports write the city's official figures)."""
    user = acting_user(username)
    if not has_perm(user, Perm.CONFIRM_REPORTS) or not has_perm(user, Perm.MANAGE_ANNUAL_LIST):
        raise CommandError(f"账号“{user.username}”不是市级管理员，不能导入。")
    return user


def run_import(command, file: str, load):
    """The shared edge of the import commands: the file must exist; `load(path)` imports it all or nothing, and a
    refusal prints every bad cell to stderr and exits with its summary."""
    path = Path(file)
    if not path.is_file():
        raise CommandError(f"找不到文件：{file}")
    try:
        return load(path)
    except ExcelRefused as refusal:
        raise CommandError(refusal.message) from None
    except ImportRefused as refusal:
        for error in refusal.errors:
            command.stderr.write(str(error))
        raise CommandError(refusal.summary) from None


def _plain(value):
    # Amounts and rates are exact 2-place Decimals; as JSON numbers they print exactly (3568.05).
    if isinstance(value, Decimal):
        return float(value)
    return str(value)


def to_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=_plain)
