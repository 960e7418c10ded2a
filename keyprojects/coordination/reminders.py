"""Reminders for due-soon and overdue problems and procedures (`keyprojects tick`).

In-app notifications always; e-mail to the people concerned when EMAIL_HOST is configured; and, when
KEYPROJECTS_WEBHOOK_URL is set, one message to a chat robot in the form WeCom (企业微信) and DingTalk
(钉钉) robots accept: {"msgtype": "text", "text": {"content": "…"}}. Every reminder carries a key made
of the item, the kind and the day, so running tick twice (cron every 15 minutes) sends nothing twice.
"""

import json
import logging
import urllib.request
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils import timezone

from keyprojects.accounts.choices import UserRole
from keyprojects.accounts.models import User
from keyprojects.coordination import selectors
from keyprojects.core.dates import chinese_date
from keyprojects.core.notify import notify

log = logging.getLogger("keyprojects.reminders")
WEBHOOK_TIMEOUT_SECONDS = 10


@dataclass
class TickResult:
    notifications: int = 0
    emails: int = 0
    lines: list = field(default_factory=list)


def _offices():
    return User.objects.filter(role__in=[UserRole.CITY_ADMIN, UserRole.COUNTY_ADMIN], is_active=True)


def _send(result: TickResult, users, *, title: str, body: str, url: str, key: str) -> None:
    users = [user for user in users if user.is_active]
    sent = notify(users, title=title, body=body, url=url, key=key)
    if sent:
        result.notifications += sent
        result.lines.append(title)
        if settings.EMAIL_HOST:
            messages = [(title, f"{body}\n{url}", None, [u.email]) for u in users if u.email]
            result.emails += send_mass_mail(messages, fail_silently=True)


def tick(today=None) -> TickResult:
    today = today or timezone.localdate()
    result = TickResult()
    for problem in selectors.overdue_problems(_city(), today).select_related("project", "lead_department"):
        users = [*problem.lead_department.users.all(), *_offices_over(problem.project)]
        _send(
            result,
            users,
            title=f"问题已逾期：{problem.project}",
            body=problem.description[:100],
            url=f"/coordination/problems/{problem.pk}/",
            key=f"overdue:problem:{problem.pk}:{today}",
        )
    for problem in selectors.due_soon_problems(_city(), today).select_related("project", "lead_department"):
        _send(
            result,
            problem.lead_department.users.all(),
            title=f"问题即将到期：{problem.project}",
            body=f"请于{chinese_date(problem.deadline)}前办结：{problem.description[:80]}",
            url=f"/coordination/problems/{problem.pk}/",
            key=f"due:problem:{problem.pk}:{problem.deadline}",
        )
    for procedure in selectors.overdue_procedures(_city(), today):
        users = list(procedure.department.users.all()) if procedure.department else []
        _send(
            result,
            [*users, *_offices_over(procedure.project)],
            title=f"审批超时：{procedure}",
            body=f"{procedure.get_kind_display()}已超过承诺时限 {procedure.limit_days} 个工作日",
            url="/coordination/procedures/",
            key=f"overdue:procedure:{procedure.pk}:{today}",
        )
    if result.lines and settings.KEYPROJECTS_WEBHOOK_URL:
        _webhook("重点项目提醒：\n" + "\n".join(result.lines[:30]))
    return result


def _city():
    return User.objects.filter(role=UserRole.CITY_ADMIN, is_active=True).order_by("pk").first() or User(
        role=UserRole.CITY_ADMIN
    )


def _offices_over(project):
    """The county offices whose subtree holds the project."""
    paths = project.region.path.strip("/").split("/")
    ancestors = ["/".join(paths[: i + 1]) + "/" for i in range(len(paths))]
    return User.objects.filter(role=UserRole.COUNTY_ADMIN, is_active=True, region__path__in=ancestors)


def _webhook(text: str) -> None:
    body = json.dumps({"msgtype": "text", "text": {"content": text}}, ensure_ascii=False).encode()
    request = urllib.request.Request(
        settings.KEYPROJECTS_WEBHOOK_URL, data=body, headers={"Content-Type": "application/json"}
    )
    try:
        urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT_SECONDS).close()
    except OSError as error:  # the robot being down must not stop the reminders
        log.warning("提醒推送失败：%s", error)
