"""Leaders look at finished months: with September locked and October still being filled, the cockpit, the
colours, the statistics, the map and the ranking open on September; October can be chosen and says 临时数据."""

import datetime
import json
import re
from decimal import Decimal

import pytest

from keyprojects.analytics import selectors
from keyprojects.reports.choices import ReportStatus
from keyprojects.reports.models import Period, Report

PROVISIONAL = "临时数据"


@pytest.fixture
def september_locked(people):
    """September locked with both projects confirmed; October open, project B confirmed, project A only submitted."""
    september = Period.objects.create(year=2026, month=9, is_locked=True, **Period.default_deadlines(2026, 9))
    for project, amount in ((people.project_a, "12345.00"), (people.project_b, "6789.00")):
        Report.objects.create(project=project, period=september, amount=Decimal(amount), status=ReportStatus.CONFIRMED)
    Report.objects.create(
        project=people.project_b, period=people.period, amount=Decimal("5000.00"), status=ReportStatus.CONFIRMED
    )
    # Project A is under construction since last year: its colour is judged by its gap, which is shown.
    people.project_a.actual_start = datetime.date(2025, 2, 1)
    people.entry_a.category = "continuing"
    for project in (people.project_a, people.project_b):
        project.longitude, project.latitude = Decimal("113.85"), Decimal("34.03")
        project.save()
    people.entry_a.save()
    return september


def page(client, url: str) -> str:
    return client.get(url).content.decode()


def selected_month(html: str) -> str:
    return re.search(r'<option value="([\d-]+)" selected>', html)[1]


def test_the_latest_locked_month_is_the_one_leaders_look_at(september_locked):
    assert selectors.latest_period() == (2026, 9)
    assert selectors.is_settled(2026, 9) and not selectors.is_settled(2026, 10)


def test_the_statistics_open_on_september_and_show_its_figures(september_locked, client_for):
    html = page(client_for("leader"), "/analytics/")
    assert "2026年1—9月重点项目完成情况" in html and "1.91 亿元" in html  # 12,345 + 6,789 万元
    assert selected_month(html) == "2026-09" and "2026年10月（填报中）" in html
    assert PROVISIONAL not in html
    october = page(client_for("leader"), "/analytics/?period=2026-10")
    assert "2026年1—10月重点项目完成情况" in october and "2.41 亿元" in october and PROVISIONAL in october


def test_the_cockpit_opens_on_september_and_marks_october_provisional_also_on_the_wall(september_locked, client_for):
    client = client_for("leader")
    html = page(client, "/cockpit/")
    assert "2026年1—9月重点项目驾驶舱" in html and 'data-figure="ytd">1.91 亿元' in html
    assert PROVISIONAL not in html
    data = client.get("/cockpit/?format=json").json()
    assert (data["month"], data["figures"]["ytd_completed"], data["provisional"]) == (9, 19134.0, False)
    for url in ("/cockpit/?period=2026-10", "/cockpit/?period=2026-10&wall=1"):
        october = page(client, url)
        assert 'data-figure="ytd">2.41 亿元' in october and PROVISIONAL in october
    assert "kp-wall" in october


def test_the_colours_open_on_september_with_its_gap(september_locked, client_for):
    html = page(client_for("leader"), "/analytics/colors/")
    assert "2026年9月四色管理" in html and "953.75" in html  # 100 × (12,345 − 900) / 1,200
    assert PROVISIONAL not in html
    october = page(client_for("leader"), "/analytics/colors/?period=2026-10")
    assert "2026年10月四色管理" in october and "945.42" in october and PROVISIONAL in october


def test_the_ranking_opens_on_september_with_its_figures(september_locked, client_for):
    html = page(client_for("city"), "/analytics/ranking/")
    assert "2026年9月县（市、区）重点项目排名" in html
    assert '<td class="kp-num">1.23</td>' in html and '<td class="kp-num">0.68</td>' in html
    assert PROVISIONAL not in html
    october = page(client_for("city"), "/analytics/ranking/?period=2026-10")
    assert '<td class="kp-num">1.18</td>' in october and PROVISIONAL in october


def test_the_map_opens_on_september(september_locked, client_for):
    html = page(client_for("leader"), "/cockpit/map/")
    assert "共 2 个有坐标的项目，按2026年9月四色着色" in html and selected_month(html) == "2026-09"
    script = re.search(r'<script id="map-points" type="application/json">(.*?)</script>', html)[1]
    points = json.loads(json.loads(script))  # the page embeds the points as a JSON string
    assert sorted(point["color"] for point in points) == ["红", "绿"]
    assert PROVISIONAL not in html
    october = page(client_for("leader"), "/cockpit/map/?period=2026-10")
    assert "按2026年10月四色着色" in october and PROVISIONAL in october


def test_the_api_defaults_to_the_latest_locked_month(september_locked, client_for):
    figures = client_for("leader").get("/api/stats/").json()
    assert figures["ytd_completed"] == 19134.0
    assert client_for("leader").get("/api/stats/?period=2026-10").json()["ytd_completed"] == 24134.0


def test_a_month_unlocked_for_a_correction_is_provisional_again(september_locked, people):
    september_locked.is_locked = False
    september_locked.save()
    Period.objects.create(year=2026, month=8, is_locked=True, **Period.default_deadlines(2026, 8))
    assert selectors.latest_period() == (2026, 8) and not selectors.is_settled(2026, 9)


def test_an_office_that_never_locks_settles_a_month_when_the_city_deadline_has_passed(people, monkeypatch):
    from django.utils import timezone

    october = people.period
    Report.objects.filter(pk=people.report_a.pk).update(status=ReportStatus.CONFIRMED)
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2026, 11, 7))  # the city deadline
    assert not selectors.is_settled(2026, 10) and selectors.latest_period() == (2026, 10)  # shown as provisional
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2026, 11, 8))
    assert october.city_deadline == datetime.date(2026, 11, 7) and selectors.is_settled(2026, 10)


def test_the_bulletin_and_letters_pages_pick_months_from_the_same_list_and_mark_october(september_locked, client_for):
    client = client_for("city")
    bulletin = page(client, "/analytics/bulletin/")
    assert selected_month(bulletin) == "2026-09" and "2026年10月（填报中）" in bulletin
    assert "关于2026年1—9月许昌市重点项目建设进展情况的通报" in bulletin and PROVISIONAL not in bulletin
    assert PROVISIONAL in page(client, "/analytics/bulletin/?period=2026-10")
    letters = page(client, "/analytics/letters/")
    assert "2026年9月提示函" in letters and selected_month(letters) == "2026-09"
    assert "2026年10月（填报中）" in letters and 'type="month"' not in letters
