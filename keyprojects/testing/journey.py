"""The month the browser journeys walk through (README › 测试), on top of `people`.

October 2026 is confirmed and locked; November is being filled (its owners' deadline is 3 December):
- 项目A (建安区, owner X): started in March, 8,479.70 万元 confirmed in October, so the owner's 1,520.30
  for November brings 建安区 to 13,800.00 万元 (1.38 亿元) with 项目D; no November report yet.
- 项目C (建安区, owner X): a new start still not started (red: 应开未开), its November report submitted
  (the report the county returns).
- 项目D (建安区, owner X): continuing, 3,800.00 of its 6,000.00 plan confirmed by October (yellow).
- 项目B (魏都区, owner Y): people's new start, not started, no report (red).
So 建安区 and 魏都区 each get a warning letter, and the city's year-to-date is 1.23 亿元 in October.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from keyprojects.projects.choices import Category
from keyprojects.reports import services
from keyprojects.reports.choices import Stage
from keyprojects.reports.models import Period, Report
from keyprojects.testing.factories import AnnualEntryFactory, ProjectFactory
from keyprojects.testing.people import People

OWNER_AMOUNT = Decimal("1520.30")  # what the owner types for 项目A in November
OWNER_TYPES = "1520.30"  # …on a phone's numeric keypad
OWNER_PROGRESS = "主体结构封顶，二次结构砌筑完成60%"


@dataclass
class Journey:
    people: People
    october: Period
    november: Period
    project_a: object
    project_c: object
    project_d: object
    report_c: Report


def make_journey(people: People) -> Journey:
    city, county, owner = people.city, people.county_a, people.owner_x
    november = Period.objects.create(year=2026, month=11, is_open=True, **Period.default_deadlines(2026, 11))
    project_a = people.project_a
    project_a.total_investment, project_a.actual_start = Decimal("50000.00"), datetime.date(2026, 3, 5)
    project_a.save()
    people.entry_a.annual_plan = Decimal("12000.00")
    people.entry_a.save()
    project_c = _project("项目C", people, planned_start=datetime.date(2026, 3, 1), plan="2400.00")
    project_d = _project(
        "项目D", people, actual_start=datetime.date(2025, 6, 1), plan="6000.00", category=Category.CONTINUING
    )
    october = people.period
    Report.objects.filter(pk=people.report_a.pk).update(amount=Decimal("8479.70"), progress="主体结构施工")
    report_d = services.report_save(
        by=owner, report=Report(project=project_d, period=october, amount=Decimal("3800.00"), progress="设备安装")
    )
    services.report_submit(by=owner, report=report_d)
    for report in (Report.objects.get(pk=people.report_a.pk), report_d):
        services.report_approve(by=county, report=report)
        services.report_confirm(by=city, report=report)
    services.period_lock(by=city, period=october)
    report_c = services.report_save(
        by=owner,
        report=Report(
            project=project_c,
            period=november,
            amount=Decimal("0.00"),
            progress="用地手续办理中",
            stage=Stage.PREPARATION,
        ),
    )
    services.report_submit(by=owner, report=report_c)
    return Journey(people, october, november, project_a, project_c, project_d, report_c)


def owner_report(journey: Journey, *, to: str = "submitted") -> Report:
    """项目A's November report as the owner's phone form makes it, moved on to `to`."""
    people = journey.people
    report = services.report_save(
        by=people.owner_x,
        report=Report(
            project=journey.project_a,
            period=journey.november,
            amount=OWNER_AMOUNT,
            progress=OWNER_PROGRESS,
            stage=Stage.CONSTRUCTION,
            actual_start=journey.project_a.actual_start,
        ),
    )
    report = services.report_submit(by=people.owner_x, report=report)
    if to in ("county_approved", "confirmed"):
        report = services.report_approve(by=people.county_a, report=report)
    if to == "confirmed":
        report = services.report_confirm(by=people.city, report=report)
    return report


def _project(name: str, people: People, *, plan: str, category=Category.NEW_START, **dates):
    project = ProjectFactory(
        name=name,
        region=people.county_a_region,
        owner=people.owner_x.enterprise,
        total_investment=Decimal("30000.00"),
        **dates,
    )
    AnnualEntryFactory(project=project, annual_plan=Decimal(plan), category=category)
    return project


@pytest.fixture
def journey(people) -> Journey:
    return make_journey(people)
