"""The demo city's warning letters (提示函) for the month before last, the latest locked month.

The city issued them a few days after that month's confirmation deadline; the counties' replies are due
a week from the day the demo is loaded, so the county finds its letter still to answer.
"""

import datetime

from django.utils import timezone

from keyprojects.accounts.choices import UserRole
from keyprojects.accounts.models import User
from keyprojects.analytics import services
from keyprojects.analytics.models import WarningLetter
from keyprojects.core.demo import DemoCalendar
from keyprojects.reports.models import Period

ISSUED_DAYS_AFTER_DEADLINE = 3
REPLY_DAYS_LEFT = 7


def load(calendar: DemoCalendar) -> list:
    year, month = calendar.locked_month
    period = Period.objects.filter(year=year, month=month, is_locked=True).first()
    if period is None or WarningLetter.objects.exists():
        return []
    city = User.objects.filter(role=UserRole.CITY_ADMIN).order_by("pk").first()
    letters = services.letters_issue(
        by=city, period=period, deadline=calendar.today + datetime.timedelta(days=REPLY_DAYS_LEFT)
    )
    issued = period.city_deadline + datetime.timedelta(days=ISSUED_DAYS_AFTER_DEADLINE)
    issued_at = min(timezone.make_aware(datetime.datetime(issued.year, issued.month, issued.day, 10)), timezone.now())
    WarningLetter.objects.filter(pk__in=[letter.pk for letter in letters]).update(issued_at=issued_at)
    return []
