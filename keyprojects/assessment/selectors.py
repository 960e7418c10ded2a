"""Reads of the assessment module, in the caller's scope: the results a user may see, a body's sheet
and its trend across the periods of the same scheme."""

from django.db.models import F, Prefetch

from keyprojects.assessment.models import Assessment, Scheme, Score, ScoreLine


def schemes(year: int | None = None):
    rows = Scheme.objects.prefetch_related("indicators")
    return rows.filter(year=year) if year else rows


def assessments(user):
    return Assessment.objects.visible_to(user).select_related("scheme")


def public_scores(assessment: Assessment):
    """The ranking every viewer of a result sees: names, totals, ranks, praised and summoned — no lines."""
    return assessment.scores.order_by(F("rank").asc(nulls_last=True), "body_code", "body_name")


def sheet(user, pk: int):
    """The score sheet with its lines (visible_to decides; the caller 404s when it is not found)."""
    lines = ScoreLine.objects.select_related("indicator")
    return (
        Score.objects.visible_to(user)
        .select_related("assessment__scheme")
        .prefetch_related(Prefetch("lines", queryset=lines))
        .get(pk=pk)
    )


def body_filter(score: Score) -> dict:
    if score.region_id:
        return {"region_id": score.region_id}
    if score.department_id:
        return {"department_id": score.department_id}
    return {"enterprise_id": score.enterprise_id}


def trend(user, score: Score) -> list[Score]:
    """The body's published (or, for the city, computed) results of the same subject and cycle over the years,
    by period (so a half-year shows beside the halves before it)."""
    scheme = score.assessment.scheme
    return list(
        Score.objects.visible_to(user)
        .filter(
            assessment__scheme__subject=scheme.subject,
            assessment__scheme__cycle=scheme.cycle,
            **body_filter(score),
        )
        .select_related("assessment")
        .order_by("assessment__period_code")
    )


def line_columns(assessment: Assessment) -> list:
    """The indicators of the result's scheme, for the columns of the ranking table and the report."""
    return list(assessment.scheme.indicators.all())


def points_table(assessment: Assessment) -> dict:
    """{score id: {indicator id: points}} of a result, one query (for the report, not for screens of
    other bodies' details)."""
    table: dict = {}
    for score_id, indicator_id, points in ScoreLine.objects.filter(score__assessment=assessment).values_list(
        "score_id", "indicator_id", "points"
    ):
        table.setdefault(score_id, {})[indicator_id] = points
    return table
