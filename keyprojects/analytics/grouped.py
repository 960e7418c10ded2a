"""The §6 indicators broken down by region, level, category or domain — for tables by region,
rankings and drill-downs. Counts and sums of the list are grouped in the database; each project's
completed investment is one grouped query, folded into its group (a loop over projects, never
over reports)."""

from decimal import Decimal

from django.db.models.functions import Coalesce

from keyprojects.accounts.models import Region
from keyprojects.accounts.scope import scope_for
from keyprojects.analytics.filters import NO_FILTERS, Filters
from keyprojects.analytics.indicators import ZERO, _counts, confirmed_total, finish, listed, reports_of
from keyprojects.core.aggregates import money

KEYS = {
    "region": "project__region_id",
    "level": "level",
    "category": "category",
    "domain": "project__domain_id",
    # Many-to-many: a project in two chains (or with two leaders) counts in each of them.
    "chain": "project__chains",
    "leader": "project__leaders",
    "task_force": "project__task_force_id",
    "owner": "project__owner_id",
    "project": "project_id",  # one row per listed project (a warning letter's figures)
}


def ranked_ancestors() -> dict[int, int]:
    """Each region id → the id of the region directly under the city that contains it (or itself)."""
    regions = list(Region.objects.all())
    ranked = {r.path: r.pk for r in regions if r.is_ranked}
    mapping = {}
    for region in regions:
        for path, pk in ranked.items():
            if region.path.startswith(path):
                mapping[region.pk] = pk
    return mapping


def _ytd_by_project(entries, year: int, month: int, as_of) -> dict[int, Decimal]:
    reports, total = confirmed_total(reports_of(entries, year, month), as_of=as_of)
    rows = reports.order_by().values(listed=Coalesce("project__package_id", "project_id")).annotate(total=total)
    return {row["listed"]: money(row["total"]) for row in rows}


def _fold(entries, year: int, month: int, key: str, fold, as_of) -> dict:
    totals: dict = {}
    if key == "region":  # grouped in the database: a module is in its package's region
        reports, total = confirmed_total(reports_of(entries, year, month), as_of=as_of)
        rows = reports.order_by().values(group=Coalesce("project__package__region_id", "project__region_id"))
        for row in rows.annotate(total=total):
            group = fold(row["group"])
            totals[group] = totals.get(group, ZERO) + (money(row["total"]) or ZERO)
        return totals
    ytd = _ytd_by_project(entries, year, month, as_of)
    for project_id, group in entries.values_list("project_id", KEYS[key]):
        group = fold(group)
        totals[group] = totals.get(group, ZERO) + (ytd.get(project_id) or ZERO)
    return totals


def grouped(
    user, year: int, month: int, key: str, filters: Filters = NO_FILTERS, *, last_year: bool = True, as_of=None
) -> dict:
    """{group value: indicators} for every group with listed projects this year or last. Without
    `last_year` the same months of the year before are not summed (rankings do not use 同比). With
    `as_of` (a moment) the completed investment is as confirmed by then, exactly as in `indicators`."""
    fold = ranked_ancestors().get if key == "region" else (lambda value: value)
    entries = listed(user, year, month, filters)
    counts: dict = {}
    for row in entries.values(KEYS[key]).annotate(**_counts(year, month)).order_by():
        group = fold(row.pop(KEYS[key]))
        merged = counts.setdefault(group, {name: 0 for name in row})
        for name, value in row.items():
            merged[name] = (merged[name] or 0) + (value or 0)
    ytd = _fold(entries, year, month, key, fold, as_of)
    last_entries = listed(user, year - 1, month, filters)
    last_ytd = _fold(last_entries, year - 1, month, key, fold, as_of) if last_year else {}
    empty = {name: 0 for name in _counts(year, month)}
    return {
        group: finish(counts.get(group, empty), ytd.get(group, ZERO), last_ytd.get(group, ZERO), month)
        for group in set(counts) | set(last_ytd)
        if group is not None
    }


def region_figures(user, year: int, month: int, *, as_of=None) -> tuple[dict, dict]:
    """The city-wide figures by ranked region (what the ranking needs) and the ones the user sees. For a
    user whose scope is the city or one ranked region these are the same rows, so they are summed once."""
    city = grouped(None, year, month, "region", last_year=False, as_of=as_of)
    root = scope_for(user).region
    if root is not None and (root.is_managed_city or root.is_ranked):
        visible = set(Region.objects.visible_to(user).filter(is_ranked=True).values_list("pk", flat=True))
        return city, {pk: figures for pk, figures in city.items() if pk in visible}
    return city, grouped(user, year, month, "region", last_year=False, as_of=as_of)
