"""The demo is alive on whatever day it is loaded: loaded with the clock set to several days, every role
finds real work to do that day, and no date is absurd relative to it."""

import datetime

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.test import Client
from django.utils import timezone

from keyprojects.accounts.models import User
from keyprojects.analytics.models import WarningLetter
from keyprojects.assessment.models import Assessment
from keyprojects.assessment.windows import window_of
from keyprojects.attraction.models import AttractionProject
from keyprojects.coordination.choices import OPEN_STATES
from keyprojects.coordination.models import Meeting, Problem, Procedure
from keyprojects.core.demo import DemoCalendar
from keyprojects.projects.models import AnnualEntry, Project
from keyprojects.reports.choices import ReportStatus
from keyprojects.reports.models import OWNER_DEADLINE_DAY, Period, Report

ROLES = ("city", "county", "dept", "owner", "leader", "invest")
# A problem's deadline is 10 working days after it was signed for: never months away from today.
SANE_DEADLINE_DAYS = 60


def freeze(monkeypatch, day: datetime.date, hour: int = 10) -> datetime.datetime:
    """Beijing `day` at `hour` becomes now for Django (timezone.now and so localdate)."""
    moment = timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


def client_of(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username), backend="django.contrib.auth.backends.ModelBackend")
    return client


def period(month: tuple[int, int]) -> Period:
    return Period.objects.get(year=month[0], month=month[1])


@pytest.mark.parametrize(
    "today",
    [datetime.date(2026, 12, 1), datetime.date(2027, 1, 15), datetime.date(2027, 3, 4), datetime.date(2026, 6, 30)],
    ids=str,
)
def test_the_demo_gives_every_role_work_on_the_day_it_is_loaded(db, monkeypatch, capsys, today):
    now = freeze(monkeypatch, today)
    calendar = DemoCalendar(today)
    call_command("demo")
    out = capsys.readouterr().out
    for username in ROLES:
        assert User.objects.get(username=username).check_password("keyprojects")
        assert username in out

    # Lists: the reporting year's 366 projects, last year's history, in January the new year's too,
    # every entry on its list from 1 January (before any month was locked).
    assert AnnualEntry.objects.current().filter(year=calendar.year).count() == 366
    assert AnnualEntry.objects.filter(year=calendar.year - 1).exists()
    assert AnnualEntry.objects.current().filter(year=today.year).count() > 100
    assert not AnnualEntry.objects.exclude(added_on__month=1, added_on__day=1).exists()

    # The month before last (and every month before it) is locked, every report confirmed.
    locked = period(calendar.locked_month)
    assert locked.is_locked and not locked.is_open
    assert not Period.objects.filter(Q(year__lt=locked.year) | Q(year=locked.year, month__lt=locked.month)).filter(
        is_locked=False
    )
    assert locked.reports.count() >= 300
    assert not locked.reports.exclude(status=ReportStatus.CONFIRMED).exists()

    # Last month is being filled: open, every state present, its deadlines today or later.
    filling = period(calendar.open_month)
    assert filling.is_open and not filling.is_locked
    statuses = set(filling.reports.values_list("status", flat=True))
    assert {ReportStatus.SUBMITTED, ReportStatus.COUNTY_APPROVED, ReportStatus.RETURNED, ReportStatus.CONFIRMED} <= (
        statuses
    )
    assert filling.reports.count() < AnnualEntry.objects.current().filter(year=filling.year).count()  # some missing
    assert not filling.reports.filter(status=ReportStatus.RETURNED, return_reason="").exists()
    assert min(filling.owner_deadline, filling.county_deadline, filling.city_deadline) >= today
    assert filling.owner_deadline <= filling.county_deadline <= filling.city_deadline
    if today.day > OWNER_DEADLINE_DAY:  # the window was extended: the owners' deadline is today
        assert filling.owner_deadline == today
    assert not Report.objects.filter(period__year=today.year, period__month=today.month).exists()
    assert not Report.objects.filter(submitted_at__gt=now).exists()
    assert not Period.objects.filter(Q(year__gt=today.year) | Q(year=today.year, month__gte=today.month), is_open=True)

    # The owner fills last month's report of its continuing project today, and sees its returned one.
    owner_projects = Project.objects.filter(owner__users__username="owner")
    assert not owner_projects.filter(actual_completion__isnull=False).exists()  # still building, still reporting
    to_fill = owner_projects.exclude(reports__period=filling).get()
    page = client_of("owner").get(f"/reports/{filling.code}/{to_fill.pk}/")
    assert page.status_code == 200
    assert to_fill.name in page.content.decode()
    returned = Report.objects.get(project__in=owner_projects, period=filling)
    assert returned.status == ReportStatus.RETURNED
    assert "请补充现场照片" in client_of("owner").get(f"/reports/r/{returned.pk}/").content.decode()

    # 建安区 has reports to review, among them in the owner's county; the city has reports to confirm.
    county = User.objects.get(username="county")
    assert county.region == to_fill.region
    waiting = Report.objects.visible_to(county).filter(period=filling, status=ReportStatus.SUBMITTED)
    assert waiting.exists()
    review_page = client_of("county").get(f"/reports/{filling.code}/?status=submitted").content.decode()
    assert waiting.first().project.name in review_page
    assert filling.reports.filter(status=ReportStatus.COUNTY_APPROVED).exists()

    # Problems: some overdue, some still to come; no deadline months away; nothing signed for tomorrow.
    open_deadlines = list(
        Problem.objects.filter(status__in=OPEN_STATES).exclude(deadline=None).values_list("deadline", flat=True)
    )
    assert min(open_deadlines) < today < max(open_deadlines)
    assert all(abs((deadline - today).days) <= SANE_DEADLINE_DAYS for deadline in open_deadlines)
    assert not Problem.objects.filter(Q(accepted_on__gt=today) | Q(replied_on__gt=today) | Q(raised_at__gt=now))
    assert not Procedure.objects.filter(Q(applied_on__gt=today) | Q(approved_on__gt=today)).exists()
    assert not Meeting.objects.filter(date__gt=today).exists()
    for field in ("talks_on", "signed_on", "performed_on", "started_on", "producing_on"):
        assert not AttractionProject.objects.filter(**{f"{field}__gt": today}).exists()

    # Letters for the locked month's yellow and red projects, issued before today, replies due after it.
    letters = WarningLetter.objects.filter(period=locked)
    assert letters.exists()
    assert not letters.filter(Q(issued_at__gt=now) | Q(deadline__lte=today) | ~Q(reply="")).exists()

    # Assessment: results only for finished months; published only where the period ended before the last lock.
    assert Assessment.objects.exists()
    for assessment in Assessment.objects.all():
        last = window_of(assessment.period_code)
        assert (last.year, last.last_month) <= calendar.locked_month
        if assessment.is_published:
            assert (last.year, last.last_month) < calendar.locked_month

    # Loading again changes nothing.
    assert Project.objects.filter(modules__isnull=False).distinct().count() == 2
    before = (Project.objects.count(), AnnualEntry.objects.count(), Report.objects.count(), Problem.objects.count())
    call_command("demo")
    assert (Project.objects.count(), AnnualEntry.objects.count(), Report.objects.count(), Problem.objects.count()) == (
        before
    )


@pytest.mark.parametrize(
    ("today", "filling", "locked", "years", "lists"),
    [
        (datetime.date(2027, 3, 10), (2027, 2), (2027, 1), (2026, 2027), (2026, 2027)),
        (datetime.date(2027, 2, 1), (2027, 1), (2026, 12), (2026, 2027), (2026, 2027)),
        (datetime.date(2026, 1, 5), (2025, 12), (2025, 11), (2024, 2025), (2024, 2025, 2026)),
    ],
)
def test_the_demo_calendar_counts_back_from_today(today, filling, locked, years, lists):
    calendar = DemoCalendar(today)
    assert (calendar.open_month, calendar.locked_month) == (filling, locked)
    assert (calendar.report_years, calendar.list_years) == (years, lists)
    assert calendar.months()[0] == (years[0], 1) and calendar.months()[-1] == filling
