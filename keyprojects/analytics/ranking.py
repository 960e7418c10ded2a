"""County rankings (DOMAIN.md §9): six indicators, ties share a rank, a weighted composite score."""

from decimal import ROUND_HALF_UP, Decimal

from keyprojects.accounts.models import Region
from keyprojects.analytics.grouped import grouped
from keyprojects.analytics.models import RankingRule

INDICATORS = [
    "ytd_completed",
    "completion_rate",
    "new_start_started",
    "start_rate",
    "completion_done",
    "completion_done_rate",
]
DEFAULT_WEIGHTS = {
    "ytd_completed": 25,
    "completion_rate": 25,
    "new_start_started": 15,
    "start_rate": 15,
    "completion_done": 10,
    "completion_done_rate": 10,
}
CENT = Decimal("0.01")


def competition_ranks(values: dict) -> dict:
    """Descending; equal values share a rank and the next rank skips (1, 2, 2, 4)."""
    first: dict = {}
    for position, value in enumerate(sorted(values.values(), reverse=True), start=1):
        first.setdefault(value, position)
    return {key: first[value] for key, value in values.items()}


def score(values: dict[str, Decimal], best: dict[str, Decimal], weights: dict) -> Decimal:
    """Σ weight × value / best value, rounded half-up to 2 places; a best of 0 adds 0."""
    total = sum((Decimal(weights[key]) * values[key] / best[key] for key in INDICATORS if best[key]), Decimal(0))
    return total.quantize(CENT, rounding=ROUND_HALF_UP)


def weights_for(year: int) -> dict:
    rule = RankingRule.objects.filter(year=year).first()
    return rule.weights() if rule else DEFAULT_WEIGHTS


def ranking(year: int, month: int, weights: dict | None = None, *, by_region: dict | None = None) -> list[dict]:
    """One row per region directly under the city, ranked by composite score (INTERFACES.md `ranking`).

    Always computed over the whole city — a county's rank depends on the others; callers show each
    user only the rows of the regions in their scope (`rows_for`). A caller that already has the
    city-wide `grouped(None, year, month, "region")` passes it as `by_region`."""
    weights = weights or weights_for(year)
    regions = list(Region.objects.filter(is_ranked=True).order_by("sort_order", "code"))
    if by_region is None:
        by_region = grouped(None, year, month, "region", last_year=False)
    values = {}
    for region in regions:
        figures = by_region.get(region.pk, {})
        values[region.pk] = {key: figures.get(key) or Decimal(0) for key in INDICATORS}  # a null rate counts as 0
    best = {key: max((v[key] for v in values.values()), default=Decimal(0)) for key in INDICATORS}
    ranks = {key: competition_ranks({pk: v[key] for pk, v in values.items()}) for key in INDICATORS}
    scores = {pk: score(v, best, weights) for pk, v in values.items()}
    overall = competition_ranks(scores)
    rows = [
        {
            "region_code": region.code,
            "region_name": region.name,
            "indicators": {key: _shown(by_region.get(region.pk, {}), key) for key in INDICATORS},
            "ranks": {key: ranks[key][region.pk] for key in INDICATORS},
            "score": scores[region.pk],
            "rank": overall[region.pk],
        }
        for region in regions
    ]
    return sorted(rows, key=lambda row: (row["rank"], row["region_code"]))


def _shown(figures: dict, key: str):
    """A rate is shown as it is (null stays null); counts and amounts default to 0."""
    return figures.get(key) if key.endswith("rate") else figures.get(key) or 0


def rows_for(user, rows: list[dict]) -> list[dict]:
    """The ranking rows a user may see: the regions in their scope (the city sees all)."""
    visible = set(Region.objects.visible_to(user).values_list("code", flat=True))
    return [row for row in rows if row["region_code"] in visible]
