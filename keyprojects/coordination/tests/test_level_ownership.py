"""A county sees the city's meetings and the problems the city assigned, but only the office that convened or
assigned them changes them (issue #14): the page shows no form, a POST is 403 and logged, nothing changes."""

import datetime

import pytest

from keyprojects.coordination.models import Meeting, Problem
from keyprojects.core.models import ChangeLogEntry

MEETING_POST = {
    "kind": "mayor",
    "title": "被县里改过的会议",
    "date": "2026-11-20",
    "chair": "县长",
    "attendees": "",
    "minutes": "县里改写的纪要",
}


def _meeting(people, role: str) -> Meeting:
    return Meeting.objects.create(
        kind="mayor",
        title="市长解难直通车",
        date=datetime.date(2026, 11, 20),
        chair="市长",
        created_by=people.users[role],
    )


def _city_problem(people) -> Problem:
    problem = people.problem_a
    Problem.objects.filter(pk=problem.pk).update(raised_by=people.users["city"], status="replied")
    problem.refresh_from_db()
    return problem


def test_a_county_gets_no_form_on_a_meeting_the_city_convened(people, client_for):
    meeting = _meeting(people, "city")
    page = client_for("county_a").get(f"/coordination/meetings/{meeting.pk}/").content.decode()
    assert "市长解难直通车" in page
    assert 'name="minutes"' not in page


def test_a_countys_post_to_a_city_meeting_is_refused_logged_and_changes_nothing(people, client_for, caplog):
    meeting = _meeting(people, "city")
    logged = ChangeLogEntry.objects.count()
    with caplog.at_level("WARNING", logger="keyprojects.security"):
        response = client_for("county_a").post(f"/coordination/meetings/{meeting.pk}/", MEETING_POST)
    assert response.status_code == 403
    assert "只能查看，不能修改" in response.content.decode()
    meeting.refresh_from_db()
    assert (meeting.title, meeting.chair, meeting.minutes) == ("市长解难直通车", "市长", "")
    assert ChangeLogEntry.objects.count() == logged
    assert any("t_county_a" in r.getMessage() and f"会议 {meeting.pk}" in r.getMessage() for r in caplog.records)


def test_a_meeting_the_system_recorded_is_the_citys(people, client_for):
    response = client_for("county_a").post(f"/coordination/meetings/{people.meeting.pk}/", MEETING_POST)
    assert response.status_code == 403
    people.meeting.refresh_from_db()
    assert people.meeting.title == "重点项目周例会"


@pytest.mark.parametrize("role", ["leader", "dept"])
def test_a_role_without_the_office_permission_cannot_post_to_a_meeting(people, client_for, role):
    meeting = _meeting(people, "city")
    assert client_for(role).post(f"/coordination/meetings/{meeting.pk}/", MEETING_POST).status_code == 403
    meeting.refresh_from_db()
    assert meeting.title == "市长解难直通车"


def test_the_city_edits_the_meeting_it_convened_which_the_county_only_reads(people, client_for):
    meeting = _meeting(people, "city")
    city = client_for("city")
    assert 'name="minutes"' in city.get(f"/coordination/meetings/{meeting.pk}/").content.decode()
    assert client_for("county_a").post(f"/coordination/meetings/{meeting.pk}/", MEETING_POST).status_code == 403
    assert city.post(f"/coordination/meetings/{meeting.pk}/", MEETING_POST).status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes == "县里改写的纪要"


def test_a_county_edits_the_meeting_it_convened_and_the_other_county_cannot(people, client_for):
    meeting = _meeting(people, "county_a")
    assert 'name="minutes"' in client_for("county_a").get(f"/coordination/meetings/{meeting.pk}/").content.decode()
    assert client_for("county_b").post(f"/coordination/meetings/{meeting.pk}/", MEETING_POST).status_code == 403
    assert client_for("county_a").post(f"/coordination/meetings/{meeting.pk}/", MEETING_POST).status_code == 302
    meeting.refresh_from_db()
    assert meeting.chair == "县长"


def test_a_county_gets_no_assigners_steps_on_a_problem_the_city_assigned(people, client_for):
    problem = _city_problem(people)
    page = client_for("county_a").get(f"/coordination/problems/{problem.pk}/").content.decode()
    assert "核实销号" not in page
    assert "修改问题描述" not in page
    assert client_for("county_a").get(f"/coordination/problems/{problem.pk}/edit/").status_code == 403


@pytest.mark.parametrize(
    ("action", "data"),
    [("close", {}), ("reopen", {"reason": "未解决"}), ("escalate", {"level": "mayor"})],
)
def test_a_county_cannot_take_the_assigners_steps_on_the_citys_problem(people, client_for, action, data):
    problem = _city_problem(people)
    logged = ChangeLogEntry.objects.count()
    response = client_for("county_a").post(f"/coordination/problems/{problem.pk}/{action}/", data)
    assert response.status_code == 403
    problem.refresh_from_db()
    assert (problem.status, problem.escalation) == ("replied", "")
    assert ChangeLogEntry.objects.count() == logged


def test_a_county_cannot_edit_the_citys_problem(people, client_for):
    problem = _city_problem(people)
    response = client_for("county_a").post(
        f"/coordination/problems/{problem.pk}/edit/",
        {"category": "land", "description": "县里改写", "responsible_leader": ""},
    )
    assert response.status_code == 403
    assert "该问题由上级交办" in response.content.decode()
    problem.refresh_from_db()
    assert problem.description == "临时用地未批"


def test_a_county_cannot_close_the_citys_problem_through_the_api(people, client_for):
    problem = _city_problem(people)
    response = client_for("county_a").post(f"/api/problems/{problem.pk}/close/")
    assert response.status_code == 403
    problem.refresh_from_db()
    assert problem.status == "replied"


def test_the_city_closes_the_problem_it_assigned_and_a_county_its_own_but_not_the_citys(people, client_for):
    problem = _city_problem(people)
    assert "核实销号" in client_for("city").get(f"/coordination/problems/{problem.pk}/").content.decode()
    client_for("county_a").post(f"/coordination/problems/{problem.pk}/close/")
    problem.refresh_from_db()
    assert problem.status == "replied"
    client_for("city").post(f"/coordination/problems/{problem.pk}/close/")
    problem.refresh_from_db()
    assert problem.status == "closed"
    Problem.objects.filter(pk=problem.pk).update(raised_by=people.users["county_a"], status="replied")
    client_for("county_a").post(f"/coordination/problems/{problem.pk}/close/")
    problem.refresh_from_db()
    assert problem.status == "closed"
