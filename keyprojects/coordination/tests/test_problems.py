import datetime
import logging

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from keyprojects.coordination import services
from keyprojects.coordination.models import Problem
from keyprojects.core.models import ChangeLogEntry, Notification
from keyprojects.testing.factories import DepartmentFactory, UserFactory


def _state(problem) -> tuple:
    problem = Problem.objects.get(pk=problem.pk)
    return problem.status, problem.deadline, problem.reply, ChangeLogEntry.objects.for_object(problem).count()


def test_accepted_on_friday_before_national_day_the_problem_is_due_on_16_october(people):
    problem = services.problem_accept(by=people.dept, problem=people.problem_a, today=datetime.date(2024, 9, 27))
    assert (problem.status, problem.deadline) == ("in_progress", datetime.date(2024, 10, 16))


def test_a_problem_goes_from_acceptance_to_closing_after_verification(people):
    problem = services.problem_accept(by=people.dept, problem=people.problem_a)
    problem = services.problem_reply(by=people.dept, problem=problem, reply="已办理临时用地手续")
    problem = services.problem_reopen(by=people.county_a, problem=problem, reason="现场核实仍未开工")
    assert problem.status == "in_progress" and problem.replied_on is None
    problem = services.problem_reply(by=people.dept, problem=problem, reply="已开工")
    problem = services.problem_close(by=people.county_a, problem=problem)
    assert problem.status == "closed" and problem.closed_on


def test_a_department_acting_on_a_problem_not_assigned_to_it_is_refused_logged_and_changes_nothing(people, caplog):
    other = UserFactory(username="t_dept2", role="department", department=DepartmentFactory(name="市生态环境局"))
    before = _state(people.problem_a)
    with caplog.at_level(logging.WARNING, logger="keyprojects.security"), pytest.raises(PermissionDenied):
        services.problem_accept(by=other, problem=people.problem_a)
    assert _state(people.problem_a) == before
    assert any("t_dept2" in record.getMessage() for record in caplog.records)


def test_a_department_cannot_see_problems_of_others(people, client_for):
    other = UserFactory(username="t_dept3", role="department", department=DepartmentFactory(name="市住建局"))
    from django.test import Client

    client = Client()
    client.force_login(other, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(f"/coordination/problems/{people.problem_a.pk}/").status_code == 404
    assert "临时用地未批" in client_for("dept").get("/coordination/problems/").content.decode()


def test_a_closed_problem_cannot_be_edited(people):
    problem = services.problem_accept(by=people.dept, problem=people.problem_a)
    problem = services.problem_reply(by=people.dept, problem=problem, reply="已办结")
    problem = services.problem_close(by=people.city, problem=problem)
    before = _state(problem)
    with pytest.raises(ValidationError, match="已销号的问题不能修改"):
        services.problem_edit(by=people.city, problem=problem, description="改写历史")
    assert _state(problem) == before


def test_returning_needs_a_reason_and_the_office_reassigns(people):
    with pytest.raises(ValidationError, match="退回必须说明原因"):
        services.problem_return(by=people.dept, problem=people.problem_a, reason="")
    services.problem_return(by=people.dept, problem=people.problem_a, reason="不属于本部门职责")
    other = DepartmentFactory(name="市发改委")
    problem = services.problem_reassign(
        by=people.city, problem=Problem.objects.get(pk=people.problem_a.pk), lead_department=other
    )
    assert (problem.status, problem.lead_department) == ("pending", other)


def test_a_problem_raised_with_a_report_becomes_a_problem_for_a_department(people, client_for):
    response = client_for("county_a").post(
        f"/coordination/raised/{people.raised_a.pk}/assign/", {"lead_department": people.dept.department_id}
    )
    assert response.status_code == 302
    assert Problem.objects.filter(source_report=people.report_a, description="资金缺口").exists()


def test_tick_reminds_of_overdue_problems_once(people, capsys):
    Problem.objects.filter(pk=people.problem_a.pk).update(
        status="in_progress", accepted_on=datetime.date(2026, 1, 5), deadline=datetime.date(2026, 1, 19)
    )
    call_command("tick")
    call_command("tick")
    assert Notification.objects.filter(user=people.dept, title__startswith="问题已逾期").count() == 1
    assert Notification.objects.filter(user=people.county_a, title__startswith="问题已逾期").count() == 1
    assert "已发送站内提醒" in capsys.readouterr().out


def test_a_meeting_agenda_is_drawn_from_overdue_and_escalated_problems(people):
    services.problem_escalate(by=people.city, problem=people.problem_a, level="mayor")
    meeting = services.meeting_create(
        by=people.city, kind="mayor", title="市长解难直通车", chair="市长", date=datetime.date(2026, 11, 25)
    )
    assert list(meeting.agenda_problems.all()) == [people.problem_a]


def test_overdue_procedures_count_working_days_on_one_calendar_however_many_there_are(
    people, django_assert_max_num_queries
):
    from keyprojects.coordination import selectors
    from keyprojects.coordination.models import Procedure
    from keyprojects.testing.factories import ProjectFactory

    for number in range(20):
        Procedure.objects.create(
            project=ProjectFactory(region=people.county_a_region),
            kind="eia",
            status="in_progress",
            department=people.dept.department,
            applied_on=datetime.date(2026, 1, 5) + datetime.timedelta(days=number),
            limit_days=20,
        )
    with django_assert_max_num_queries(3):  # the procedures, the city's calendar entries, nothing per procedure
        overdue = selectors.overdue_procedures(people.city, today=datetime.date(2026, 3, 2))
    assert len(overdue) == 20
