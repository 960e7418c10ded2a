"""What the platform's management commands share: who they act as, and JSON as INTERFACES.md says."""

import json
from decimal import Decimal

from django.core.management.base import CommandError

from keyprojects.accounts.choices import UserRole
from keyprojects.accounts.models import User


def acting_user(username: str = "") -> User:
    """The account a command acts (and is scoped) as: the one named, else the first city administrator."""
    users = User.objects.filter(is_active=True)
    user = (
        users.filter(username=username).first()
        if username
        else users.filter(role=UserRole.CITY_ADMIN).order_by("pk").first()
    )
    if user is None:
        raise CommandError(f"没有启用的账号“{username}”。" if username else "没有可用的市级管理员账号，请先建立。")
    return user


def _plain(value):
    # Amounts and rates are exact 2-place Decimals; as JSON numbers they print exactly (3568.05).
    if isinstance(value, Decimal):
        return float(value)
    return str(value)


def to_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=_plain)
