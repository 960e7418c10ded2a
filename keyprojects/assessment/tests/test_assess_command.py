"""`keyprojects assess`: a published period is printed as published, a draft is computed again."""

import json

from django.core.management import call_command

from keyprojects.assessment.models import Assessment, Score
from keyprojects.core.models import ChangeLogEntry


def test_assess_json_prints_a_published_period_as_it_was_published(people, capsys):
    before = Assessment.objects.get(pk=people.assessment_a.pk).computed_at
    call_command("assess", "--subject", "region", "--period", "2026-H1", "--json", "--user", "t_city")
    captured = capsys.readouterr()
    rows = json.loads(captured.out)
    assert rows == [
        {
            "body_name": "建安区",
            "body_code": people.county_a_region.code,
            "total": 100.0,
            "rank": 1,
            "praised": True,
            "summoned": False,
            "lines": [{"measure": "problems", "value": "1/1", "points": 100.0}],
        },
        {
            "body_name": "魏都区",
            "body_code": people.county_b_region.code,
            "total": 50.0,
            "rank": 2,
            "praised": False,
            "summoned": False,
            "lines": [{"measure": "problems", "value": "1/1", "points": 50.0}],
        },
    ]
    assert "已公布" in captured.err
    assert Assessment.objects.get(pk=people.assessment_a.pk).computed_at == before  # not computed again
    assert set(Score.objects.filter(assessment=people.assessment_a).values_list("pk", flat=True)) == {
        people.score_a.pk,
        people.score_b.pk,
    }


def test_assess_with_publish_on_a_published_period_prints_it_and_changes_nothing(people, capsys):
    entries = ChangeLogEntry.objects.count()
    call_command("assess", "--subject", "region", "--period", "2026-H1", "--publish", "--user", "t_city")
    out = capsys.readouterr().out
    assert "第1名 建安区 100.00分，通报表扬" in out and "第2名 魏都区 50.00分" in out
    assert ChangeLogEntry.objects.count() == entries


def test_assess_json_computes_a_draft_again(people, capsys):
    before = people.assessment_draft.computed_at
    call_command("assess", "--subject", "region", "--period", "2026-H2", "--json", "--user", "t_city")
    rows = json.loads(capsys.readouterr().out)
    draft = Assessment.objects.get(pk=people.assessment_draft.pk)
    assert draft.computed_at > before and not draft.is_published
    assert ChangeLogEntry.objects.filter(object_id=str(draft.pk), reason="重新计算").exists()
    assert sorted(row["body_name"] for row in rows) == sorted(draft.scores.values_list("body_name", flat=True))
    assert {"body_name", "body_code", "total", "rank", "praised", "summoned", "lines"} == set(rows[0])
