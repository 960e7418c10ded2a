"""The investment bureau (招商部门) works the pipeline, the reserve pool and element needs and reads the
city-wide statistics; reports, problems and warning letters are not its (DOMAIN.md §1)."""

import logging

import pytest
from django.urls import reverse

from keyprojects.analytics.models import WarningLetter
from keyprojects.coordination.models import Problem
from keyprojects.reports.models import Report

REFUSED = "您没有权限进行此操作。"


def test_the_investment_bureau_works_the_pipeline_reserve_pool_and_element_needs(people, client_for):
    client = client_for("invest")
    assert "招商项目A" in client.get(reverse("attraction:list")).content.decode()
    assert "储备项目A" in client.get(reverse("attraction:reserve")).content.decode()
    assert "95" in client.get(reverse("attraction:elements")).content.decode()


def test_the_investment_bureau_reads_the_city_wide_statistics(people, client_for):
    client = client_for("invest")
    for name in ("analytics:stats", "analytics:ranking", "analytics:bulletin", "dashboard:cockpit"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
    assert "建安区" in client.get(reverse("analytics:ranking")).content.decode()


@pytest.mark.parametrize(
    "page",
    [
        lambda p: reverse("reports:index"),
        lambda p: reverse("reports:period", kwargs={"period": p.period.code}),
        lambda p: reverse("reports:timeliness", kwargs={"period": p.period.code}),
        lambda p: reverse("reports:detail", kwargs={"pk": p.report_a.pk}),
        lambda p: reverse("reports:attachment", kwargs={"pk": p.attachment_a.pk}),
        lambda p: reverse("coordination:problems"),
        lambda p: reverse("coordination:problems") + "?format=xlsx",
        lambda p: reverse("coordination:problem", kwargs={"pk": p.problem_a.pk}),
        lambda p: reverse("analytics:letters"),
        lambda p: reverse("analytics:letter_docx", kwargs={"pk": p.letter_a.pk}),
        lambda p: reverse("core:history", kwargs={"model": "reports.report", "pk": p.report_a.pk}),
    ],
    ids=[
        "reports", "period", "timeliness", "report", "attachment", "problems", "problems.xlsx", "problem",
        "letters", "letter.docx", "report history",
    ],
)  # fmt: skip
def test_the_investment_bureau_is_refused_reports_problems_and_letters(people, client_for, page, caplog):
    with caplog.at_level(logging.WARNING, logger="keyprojects.security"):
        response = client_for("invest").get(page(people))
    assert response.status_code == 403
    assert any(r.getMessage().startswith("功能权限不足被拒绝：用户 t_invest（investment）") for r in caplog.records)
    assert REFUSED in response.content.decode()
    assert "临时用地未批" not in response.content.decode()


@pytest.mark.parametrize("url", ["/api/reports/", "/api/problems/"])
def test_the_api_refuses_the_investment_bureau_reports_and_problems(people, client_for, url, caplog):
    with caplog.at_level(logging.WARNING, logger="keyprojects.security"):
        response = client_for("invest").get(url)
    assert any(f"请求 {url}" in r.getMessage() for r in caplog.records)
    assert response.status_code == 403
    assert response.json()["detail"] == REFUSED


def test_the_scope_gives_the_investment_bureau_no_report_problem_or_letter(people):
    invest = people.invest
    assert not Report.objects.visible_to(invest).exists()
    assert not Problem.objects.visible_to(invest).exists()
    assert not WarningLetter.objects.visible_to(invest).exists()
    assert Report.objects.visible_to(people.leader).filter(pk=people.report_a.pk).exists()  # read-only, city-wide
