"""A department answers (办结) the problems it leads, and is told the truth when a step is not its own."""

import logging

from django.test import Client

from keyprojects.coordination.models import Problem
from keyprojects.core.models import ChangeLogEntry
from keyprojects.testing.factories import DepartmentFactory, UserFactory


def _client(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _state(problem) -> tuple:
    problem = Problem.objects.get(pk=problem.pk)
    return problem.status, problem.reply, ChangeLogEntry.objects.for_object(problem).count()


def test_the_lead_department_signs_for_and_closes_its_problem_and_is_told_so(people, client_for):
    client, pk = client_for("dept"), people.problem_a.pk
    client.post(f"/coordination/problems/{pk}/accept/")
    response = client.post(f"/coordination/problems/{pk}/reply/", {"reply": "临时用地已批复"}, follow=True)
    page = response.content.decode()
    assert "问题已办结，等待核实销号。" in page
    assert "临时用地已批复" in page and "已办结" in page
    assert "不是交办" not in page and "不是您所在的部门" not in page
    problem = Problem.objects.get(pk=pk)
    assert (problem.status, problem.reply) == ("replied", "临时用地已批复")


def test_a_department_verifying_its_own_problem_is_told_the_office_does_that_not_that_it_is_not_assigned(
    people, client_for, caplog
):
    client, pk = client_for("dept"), people.problem_a.pk
    client.post(f"/coordination/problems/{pk}/accept/")
    client.post(f"/coordination/problems/{pk}/reply/", {"reply": "临时用地已批复"})
    before = _state(people.problem_a)
    with caplog.at_level(logging.WARNING, logger="keyprojects.security"):
        response = client.post(f"/api/problems/{pk}/close/")
    detail = response.json()["detail"]
    assert response.status_code == 403
    assert detail == (
        "销号由交办问题的县（市、区）或市重点项目办进行，您不能销号。部门办完后请填写办理情况并“办结”，交办单位核实后销号。"
    )
    assert _state(people.problem_a) == before
    assert any("t_dept 试图销号问题" in record.getMessage() for record in caplog.records)


def test_a_helping_department_cannot_close_the_problem_and_is_told_which_department_leads(people, caplog):
    helper = UserFactory(username="t_dept_help", role="department", department=DepartmentFactory(name="市生态环境局"))
    people.problem_a.co_departments.add(helper.department)
    client, pk = _client(helper), people.problem_a.pk
    _client(people.dept).post(f"/coordination/problems/{pk}/accept/")
    before = _state(people.problem_a)
    with caplog.at_level(logging.WARNING, logger="keyprojects.security"):
        response = client.post(f"/coordination/problems/{pk}/reply/", {"reply": "我来办结"})
    assert response.status_code == 403
    assert "该问题的牵头部门是测试自然资源和规划局，不是您所在的部门，您不能办结。" in response.content.decode()
    assert _state(people.problem_a) == before
    assert any("t_dept_help 试图办结问题" in record.getMessage() for record in caplog.records)


def test_another_department_cannot_reach_the_problem_at_all(people):
    other = UserFactory(username="t_dept_other", role="department", department=DepartmentFactory(name="市住建局"))
    pk = people.problem_a.pk
    _client(people.dept).post(f"/coordination/problems/{pk}/accept/")
    before = _state(people.problem_a)
    response = _client(other).post(f"/coordination/problems/{pk}/reply/", {"reply": "代办"})
    assert response.status_code == 404
    assert "页面不存在，或不在您的权限范围内。" in response.content.decode()
    assert _state(people.problem_a) == before


def test_a_reply_longer_than_two_thousand_characters_is_refused_and_the_problem_stays_in_hand(people, client_for):
    client, problem = client_for("dept"), people.problem_a
    client.post(f"/coordination/problems/{problem.pk}/accept/")
    before = _state(problem)
    response = client.post(f"/coordination/problems/{problem.pk}/reply/", {"reply": "已" * 2001}, follow=True)
    assert "办理情况最多 2,000 字，现有 2,001 字" in response.content.decode()
    assert _state(problem) == before
