"""The project form accepts only actual dates that can have happened: not after today (Beijing), not before
1949-10-01, completion not before start; each refusal names the field in Chinese and saves nothing."""

import datetime

import pytest
from django.db.models import Model

from keyprojects.projects.forms import ProjectForm
from keyprojects.projects.models import Project


def _typed(project, user, **changes) -> dict:
    """What the edit page would send back unchanged, with `changes` typed over it."""
    data = {}
    for name, value in ProjectForm(instance=project, user=user).initial.items():
        if isinstance(value, list):
            data[name] = [item.pk if isinstance(item, Model) else item for item in value]
        elif value is not None:
            data[name] = value.pk if isinstance(value, Model) else value
    return {**data, **changes}


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("actual_start", "2099-01-01", "实际开工日期“2099-01-01”晚于今天"),
        ("actual_completion", "1900-01-01", "实际竣工日期“1900-01-01”早于 1949 年 10 月 1 日，请检查年份。"),
    ],
)
def test_the_project_form_refuses_an_actual_date_that_cannot_have_happened(people, client_for, field, typed, message):
    project = people.project_a
    before = (project.actual_start, project.actual_completion)
    response = client_for("city").post(f"/projects/{project.pk}/edit/", _typed(project, people.city, **{field: typed}))
    assert message in response.content.decode()
    project = Project.objects.get(pk=project.pk)
    assert (project.actual_start, project.actual_completion) == before


def test_the_project_form_accepts_an_actual_start_in_the_past(people, client_for):
    project = people.project_a
    data = _typed(project, people.city, actual_start="2026-03-01", actual_completion="")
    response = client_for("city").post(f"/projects/{project.pk}/edit/", data)
    assert response.status_code == 302
    assert Project.objects.get(pk=project.pk).actual_start == datetime.date(2026, 3, 1)
