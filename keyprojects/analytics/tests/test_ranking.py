from decimal import Decimal

from keyprojects.analytics.ranking import DEFAULT_WEIGHTS, INDICATORS, competition_ranks, ranking, rows_for, score


def test_equal_values_share_a_rank_and_the_next_one_skips():
    assert competition_ranks({"a": 9, "b": 7, "c": 7, "d": 3}) == {"a": 1, "b": 2, "c": 2, "d": 4}


def test_the_score_weighs_each_indicator_against_the_best():
    best = {key: Decimal(100) for key in INDICATORS}
    values = {key: Decimal(50) for key in INDICATORS}
    assert score(values, best, DEFAULT_WEIGHTS) == Decimal("50.00")
    values["ytd_completed"] = Decimal(100)
    assert score(values, best, DEFAULT_WEIGHTS) == Decimal("62.50")


def test_an_indicator_whose_best_is_zero_adds_nothing():
    best = {key: Decimal(0) for key in INDICATORS} | {"ytd_completed": Decimal(3)}
    values = {key: Decimal(0) for key in INDICATORS} | {"ytd_completed": Decimal(1)}
    assert score(values, best, DEFAULT_WEIGHTS) == Decimal("8.33")  # 25 × 1/3, half-up


def test_every_ranked_region_is_ranked_and_a_county_sees_its_own_row(people):
    rows = ranking(2026, 10)
    assert {row["region_name"] for row in rows} >= {"建安区", "魏都区", "禹州市"}
    assert all(set(row["ranks"]) == set(INDICATORS) for row in rows)
    jianan = next(row for row in rows if row["region_code"] == "411003")
    assert jianan["indicators"]["new_start_started"] == 0 and jianan["indicators"]["start_rate"] == Decimal("0.00")
    weidu = next(row for row in rows if row["region_code"] == "411002")
    assert weidu["indicators"]["completion_done_rate"] is None  # nothing planned to complete: absent
    assert [row["region_code"] for row in rows_for(people.county_a, rows)] == ["411003"]


def test_the_city_sets_other_weights_for_a_year(people, client_for):
    from keyprojects.analytics.models import RankingRule

    client_for("city").post(
        "/analytics/ranking/rule/2026/",
        {
            "ytd_completed": 100,
            "completion_rate": 0,
            "new_start_started": 0,
            "start_rate": 0,
            "completion_done": 0,
            "completion_done_rate": 0,
        },
    )
    assert RankingRule.objects.get(year=2026).weights()["ytd_completed"] == 100
    assert all(row["score"] in (Decimal("0.00"), Decimal("100.00")) for row in ranking(2026, 10))
