import datetime
from decimal import Decimal
from fractions import Fraction

from keyprojects.accounts.models import Region
from keyprojects.assessment import services
from keyprojects.assessment.scoring import Sheet, rank, round_points
from keyprojects.coordination.models import Problem
from keyprojects.testing.factories import ProjectFactory

MARCH, APRIL = datetime.date(2026, 3, 10), datetime.date(2026, 4, 10)


def test_points_round_half_up_on_the_exact_fraction():
    assert round_points(Fraction(2, 3) * 20) == Decimal("13.33")
    assert round_points(Fraction(1, 8)) == Decimal("0.13")
    assert round_points(Fraction(-1, 8)) == Decimal("-0.13")
    assert round_points(Fraction(1, 3)) == Decimal("0.33")


def test_equal_totals_share_a_rank_and_the_edges_take_every_tie():
    totals = [90, 85, 85, 70, 60, 60]
    sheets = [Sheet(pk, f"单位{pk}", "", [], total=Decimal(t)) for pk, t in enumerate(totals)]
    rank(sheets, praised=2, summoned=2)
    assert [s.rank for s in sheets] == [1, 2, 2, 4, 5, 5]
    assert [s.praised for s in sheets] == [True, True, True, False, False, False]
    assert [s.summoned for s in sheets] == [False, False, False, False, True, True]


def _problem(people, project, deadline, replied_on=None):
    return Problem.objects.create(
        project=project,
        description="测试问题",
        category="land",
        lead_department=people.dept.department,
        deadline=deadline,
        replied_on=replied_on,
        status="replied" if replied_on else "in_progress",
    )


def test_a_scheme_scores_hand_computed_cases_exactly_ties_included(people):
    # 建安区 (A): 2 of 3 problems answered on time, +2 recorded, one letter unanswered, 项目A not started.
    _problem(people, people.project_a, MARCH, replied_on=MARCH)
    _problem(people, people.project_a, MARCH, replied_on=datetime.date(2026, 3, 9))
    _problem(people, people.project_a, APRIL, replied_on=datetime.date(2026, 4, 13))
    # 魏都区 (B): its only problem is late; 项目B not started.
    _problem(people, people.project_b, APRIL)
    # 禹州市 and 长葛市: one problem each, answered on time — a tie for first place.
    for code in ("411081", "411082"):
        _problem(people, ProjectFactory(region=Region.objects.get(code=code)), APRIL, replied_on=APRIL)
    people.letter_a.deadline = datetime.date(2026, 6, 30)
    people.letter_a.save()
    scheme = services.scheme_create(
        by=people.city,
        year=2026,
        subject="region",
        cycle="year",
        name="年度考核",
        effective_from=datetime.date(2026, 1, 1),
        praised_count=2,
        summoned_count=1,
        indicators=[
            {"measure": "problems", "weight": Decimal(20)},
            {"measure": "not_started", "weight": Decimal(5), "per_item": Decimal(1)},
            {"measure": "letter_unanswered", "weight": Decimal(6), "per_item": Decimal(2)},
            {"measure": "adjustment", "weight": Decimal(5)},
        ],
    )

    assessment = services.assessment_compute(by=people.city, subject="region", period_code="2026")

    assert assessment.scheme == scheme
    scores = {s.body_code: s for s in assessment.scores.all()}
    a, b = scores[people.county_a_region.code], scores[people.county_b_region.code]
    assert [line.points for line in a.lines.all()] == [Decimal("13.33"), Decimal(-1), Decimal(-2), Decimal(2)]
    assert (a.total, a.rank, a.praised, a.summoned) == (Decimal("12.33"), 3, False, False)
    assert (b.total, b.rank, b.praised, b.summoned) == (Decimal("-1.00"), 4, False, True)
    for code in ("411081", "411082"):
        assert (scores[code].total, scores[code].rank, scores[code].praised) == (Decimal("20.00"), 1, True)
    idle = [s for code, s in scores.items() if code not in ("411003", "411002", "411081", "411082")]
    assert idle and all(s.rank is None and not s.praised and not s.summoned for s in idle)  # nothing to assess


def test_every_point_lists_the_records_it_came_from(people):
    timely = _problem(people, people.project_a, MARCH, replied_on=MARCH)
    late = _problem(people, people.project_a, APRIL, replied_on=datetime.date(2026, 4, 20))
    services.scheme_create(
        by=people.city,
        year=2026,
        subject="region",
        cycle="year",
        name="年度考核",
        effective_from=datetime.date(2026, 1, 1),
        indicators=[
            {"measure": "problems", "weight": Decimal(10)},
            {"measure": "not_started", "weight": Decimal(5), "per_item": Decimal(1)},
            {"measure": "adjustment", "weight": Decimal(5)},
        ],
    )
    assessment = services.assessment_compute(by=people.city, subject="region", period_code="2026")
    lines = {line.indicator.measure: line for line in assessment.scores.get(region=people.county_a_region).lines.all()}
    assert lines["problems"].records == [
        {"text": "项目A：测试问题（期限 2026-03-10，按期办结）", "url": f"/coordination/problems/{timely.pk}/"},
        {"text": "项目A：测试问题（期限 2026-04-10，逾期）", "url": f"/coordination/problems/{late.pk}/"},
    ]
    assert lines["problems"].points == Decimal("5.00")  # 1 of 2 on time × 10
    assert lines["not_started"].records[0]["url"] == f"/projects/{people.project_a.pk}/"
    assert lines["adjustment"].records[0]["text"] == "2026-03-02 +2.00分：测试加分"
    assert lines["adjustment"].points == Decimal(2)


def test_report_timeliness_counts_the_month_once_its_deadline_has_passed(people):
    """Units, October 2026 (due 3 November): X reported on time, Y did not report at all."""
    import zoneinfo

    people.report_a.submitted_at = datetime.datetime(2026, 11, 2, 9, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    people.report_a.save()
    services.scheme_create(
        by=people.city,
        year=2026,
        subject="unit",
        cycle="month",
        name="项目单位月度考核",
        effective_from=datetime.date(2026, 1, 1),
        indicators=[{"measure": "timeliness", "weight": Decimal(30)}],
    )
    assessment = services.assessment_compute(by=people.city, subject="unit", period_code="2026-10")
    lines = {s.enterprise_id: s.lines.get() for s in assessment.scores.all()}
    x, y = lines[people.owner_x.enterprise_id], lines[people.owner_y.enterprise_id]
    assert (x.value, x.points, y.value, y.points) == ("1/1", Decimal(30), "0/1", Decimal(0))
    assert [r["text"] for r in y.records] == ["10月全部应报项目的报送情况", "2025-411002-36-03-000002 项目B：10月未报"]


def test_a_start_rate_lists_the_planned_new_starts_not_yet_started(people):
    people.project_b.actual_start = datetime.date(2026, 5, 1)
    people.project_b.save()
    services.scheme_create(
        by=people.city,
        year=2026,
        subject="unit",
        cycle="year",
        name="项目单位年度评价",
        effective_from=datetime.date(2026, 1, 1),
        indicators=[{"measure": "new_start", "weight": Decimal(20)}],
    )
    assessment = services.assessment_compute(by=people.city, subject="unit", period_code="2026")
    lines = {s.enterprise_id: s.lines.get() for s in assessment.scores.all()}
    x, y = lines[people.owner_x.enterprise_id], lines[people.owner_y.enterprise_id]
    assert (x.points, [r["url"] for r in x.records]) == (Decimal(0), [f"/projects/{people.project_a.pk}/"])
    assert (y.points, y.records) == (Decimal(20), [])
