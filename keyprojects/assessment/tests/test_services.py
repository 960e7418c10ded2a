import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from keyprojects.assessment import services
from keyprojects.assessment.models import Adjustment, Scheme
from keyprojects.assessment.windows import window_of
from keyprojects.core.models import ChangeLogEntry

TODAY = timezone.localdate()
NEXT_YEAR = TODAY.year + 1


def _scheme(people, **fields):
    values = {
        "year": NEXT_YEAR,
        "subject": "department",
        "cycle": "month",
        "name": "部门月度考核",
        "effective_from": datetime.date(NEXT_YEAR, 1, 1),
    }
    return services.scheme_create(by=people.city, **{**values, **fields})


def test_a_scheme_not_yet_in_force_can_be_edited_and_the_change_is_logged(people):
    scheme = _scheme(people)
    services.scheme_update(
        by=people.city, scheme=scheme, indicators=[{"measure": "problems", "weight": Decimal(100)}], name="新名称"
    )
    scheme.refresh_from_db()
    assert scheme.name == "新名称" and [i.measure for i in scheme.indicators.all()] == ["problems"]
    reasons = set(ChangeLogEntry.objects.filter(object_id=str(scheme.pk)).values_list("reason", flat=True))
    assert "考核指标" in reasons


def test_a_frozen_scheme_cannot_be_edited_and_stays_as_it_was(people):
    frozen = people.scheme_a
    before = [(i.measure, i.weight) for i in frozen.indicators.all()]
    with pytest.raises(ValidationError, match="不能再修改"):
        services.scheme_update(
            by=people.city, scheme=frozen, indicators=[{"measure": "ranking", "weight": Decimal(1)}], name="改"
        )
    frozen.refresh_from_db()
    assert frozen.name == "测试县区考核" and [(i.measure, i.weight) for i in frozen.indicators.all()] == before


def test_a_new_version_copies_the_rules_and_takes_effect_from_the_next_period(people):
    copy = services.scheme_new_version(by=people.city, scheme=people.scheme_a)
    assert copy.version == 2 and copy.effective_from > TODAY and copy.effective_from.day == 1
    assert [i.measure for i in copy.indicators.all()] == ["problems"]
    assert not copy.is_frozen()


def test_a_new_version_cannot_be_back_dated(people):
    with pytest.raises(ValidationError, match="不能早于今天"):
        services.scheme_new_version(by=people.city, scheme=people.scheme_a, effective_from=datetime.date(2026, 3, 1))
    assert Scheme.objects.filter(name="测试县区考核").count() == 1


def test_each_period_is_scored_by_the_version_in_force_when_it_started(people):
    year = TODAY.year
    first = _scheme(people, year=year, effective_from=datetime.date(year, 1, 1))
    second = services.scheme_new_version(by=people.city, scheme=first)  # from the first day of next month
    assert services.scheme_for(year, "department", window_of(f"{year}-01")) == first
    if second.effective_from.year == year:
        later = window_of(f"{year}-{second.effective_from.month:02d}")
        assert services.scheme_for(year, "department", later) == second


def test_a_schemes_indicators_must_fit_the_bodies_it_assesses(people):
    with pytest.raises(ValidationError, match="不适用于市直部门"):
        _scheme(people, indicators=[{"measure": "ranking", "weight": Decimal(60)}])
    with pytest.raises(ValidationError, match="每项扣几分"):
        _scheme(people, indicators=[{"measure": "problem_overdue", "weight": Decimal(10)}])
    assert not Scheme.objects.filter(year=NEXT_YEAR).exists()


def test_a_period_without_a_scheme_in_force_is_refused(people):
    with pytest.raises(ValidationError, match="没有施行中的"):
        services.assessment_compute(by=people.city, subject="unit", period_code="2026-H1")


def test_a_published_result_is_final(people):
    with pytest.raises(ValidationError, match="已公布，不能重新计算"):
        services.assessment_compute(by=people.city, subject="region", period_code="2026-H1")
    assert people.assessment_a.scores.count() == 2


def test_a_draft_is_replaced_by_a_new_computation_and_publishing_is_logged(people):
    assessment = services.assessment_compute(by=people.city, subject="region", period_code="2026-H2")
    assert assessment.pk == people.assessment_draft.pk and assessment.scores.count() > 2
    services.assessment_publish(by=people.city, assessment=assessment)
    with pytest.raises(ValidationError, match="已经公布过了"):
        services.assessment_publish(by=people.city, assessment=assessment)
    assert ChangeLogEntry.objects.filter(object_id=str(assessment.pk), reason="公布考核结果").count() == 1


def test_an_adjustment_needs_exactly_one_body_and_not_a_published_period(people):
    with pytest.raises(ValidationError, match="请选一个考核对象"):
        services.adjustment_create(
            by=people.city, occurred_on=datetime.date(2026, 8, 1), points=Decimal(1), reason="加分"
        )
    with pytest.raises(ValidationError, match="已公布"):
        services.adjustment_create(
            by=people.city, region=people.county_b_region, occurred_on=datetime.date(2026, 5, 1), points=1, reason="x"
        )
    made = services.adjustment_create(
        by=people.city, region=people.county_b_region, occurred_on=datetime.date(2026, 8, 1), points=-1, reason="约谈"
    )
    assert made.subject == "region" and Adjustment.objects.count() == 2


def test_a_version_not_yet_in_force_can_be_deleted_but_a_frozen_one_cannot(people):
    draft = services.scheme_new_version(by=people.city, scheme=people.scheme_a)
    services.scheme_delete(by=people.city, scheme=draft)
    assert not Scheme.objects.filter(pk=draft.pk).exists()
    assert ChangeLogEntry.objects.filter(object_id=str(draft.pk), action="delete").exists()
    with pytest.raises(ValidationError, match="已施行，不能删除"):
        services.scheme_delete(by=people.city, scheme=people.scheme_a)
    assert Scheme.objects.filter(pk=people.scheme_a.pk).exists()


def test_an_adjustment_is_withdrawn_only_while_no_published_result_counted_it(people):
    with pytest.raises(ValidationError, match="已公布，不能再撤销"):
        services.adjustment_delete(by=people.city, adjustment=people.adjustment_a)  # March: 2026-H1 is published
    assert Adjustment.objects.filter(pk=people.adjustment_a.pk).exists()
    later = services.adjustment_create(
        by=people.city, region=people.county_b_region, occurred_on=datetime.date(2026, 8, 1), points=1, reason="误登"
    )
    pk = later.pk
    services.adjustment_delete(by=people.city, adjustment=later)
    assert not Adjustment.objects.filter(pk=pk).exists()
    assert ChangeLogEntry.objects.filter(object_id=str(pk), action="delete", reason="撤销加减分").exists()
