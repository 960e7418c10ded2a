import datetime
from decimal import Decimal

from django.utils import timezone

from keyprojects.core.models import Notification
from keyprojects.reports import selectors, services
from keyprojects.reports.models import Report
from keyprojects.testing.factories import AnnualEntryFactory, ProjectFactory


def _at(day: int, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2026, 11, day, hour))


def test_report_and_timely_rates_per_county(people):
    period = people.period  # owners' deadline: 2026-11-03
    Report.objects.filter(pk=people.report_a.pk).update(submitted_at=_at(3, 23))  # on time, late in the day
    late = ProjectFactory(region=people.county_a_region)
    AnnualEntryFactory(project=late)
    Report.objects.create(project=late, period=period, amount=Decimal("1"), status="submitted", submitted_at=_at(4))
    missing = ProjectFactory(region=people.county_a_region)
    AnnualEntryFactory(project=missing)
    rows = {row["region_name"]: row for row in selectors.timeliness_by_region(people.city, period)}
    jianan = rows["建安区"]
    assert (jianan["expected"], jianan["reported"], jianan["on_time"], jianan["late"], jianan["missing"]) == (
        3,
        2,
        1,
        1,
        1,
    )
    assert (jianan["report_rate"], jianan["timely_rate"]) == (Decimal("66.67"), Decimal("33.33"))
    assert rows["魏都区"]["missing"] == 1 and rows["魏都区"]["report_rate"] == Decimal("0.00")


def test_a_county_sees_only_its_own_timeliness(people):
    names = [row["region_name"] for row in selectors.timeliness_by_region(people.county_b, people.period)]
    assert names == ["魏都区"]


def test_reminders_reach_owners_and_county_offices_once(people):
    missing = selectors.timeliness_rows(people.city, people.period).filter(report_id__isnull=True)
    assert [entry.project.name for entry in missing] == ["项目B"]
    services.remind(by=people.city, period=people.period, projects=[people.project_b])
    services.remind(by=people.city, period=people.period, projects=[people.project_b])
    assert Notification.objects.filter(user=people.owner_y).count() == 1
    assert Notification.objects.filter(user=people.county_b).count() == 1
    assert not Notification.objects.filter(user=people.county_a).exists()


def test_the_timeliness_page_shows_the_rates(people, client_for):
    page = client_for("city").get("/reports/2026-10/timeliness/").content.decode()
    assert "报送率" in page and "建安区" in page and "100%" in page and "项目B" in page
