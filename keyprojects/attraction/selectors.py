"""Indicators of the pipeline (DOMAIN.md §7), aggregated in the database."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from keyprojects.attraction.choices import STAGE_DATES, ReserveStage, ReserveStatus, Stage, at_least
from keyprojects.attraction.models import AttractionProject, FundsInPlace, ReserveProject
from keyprojects.core.aggregates import MoneySum, money
from keyprojects.core.numbers import rate
from keyprojects.projects.choices import Level

STATS_KEYS = [
    "signed_count",
    "signed_amount",
    "funds_in_place",
    "performed_count",
    "performance_rate",
    "started_count",
    "start_rate",
    "producing_count",
    "in_talks_count",
]


def attraction_stats(user, year: int, region=None, today: datetime.date | None = None) -> dict:
    """The figures of year Y with the keys of INTERFACES.md `attraction-stats` (README › 设计决定):

    - the projects signed in Y (an expansion is its own row with its increment), each counted at the stage it had
      reached by 31 December of Y where the stage's date is known, else by its stage — so a year's figures do not
      change as its projects move on; a signed project without 签约日期 cannot be placed and counts in this year's;
    - the projects in talks at the end of Y (in talks by then, not yet signed);
    - the funds that arrived in Y."""
    today = today or timezone.localdate()
    year_end = datetime.date(year, 12, 31)
    projects = AttractionProject.objects.visible_to(user)
    if region is not None:
        projects = projects.filter(region__path__startswith=region.path)
    signed_in_year = Q(signed_on__year=year)
    in_talks_at_end = Q(talks_on__lte=year_end) & (Q(signed_on__gt=year_end) | Q(stage=Stage.TALKS))
    if year == today.year:
        signed_in_year |= Q(signed_on__isnull=True, stage__in=at_least(Stage.SIGNED))
        in_talks_at_end |= Q(stage=Stage.TALKS, talks_on__isnull=True)
    figures = projects.filter(signed_in_year).aggregate(
        signed_count=Count("id"),
        signed_amount=MoneySum("contracted_amount"),
        performed_count=Count("id", filter=_reached(Stage.PERFORMING, year_end)),
        started_count=Count("id", filter=_reached(Stage.STARTED, year_end)),
        producing_count=Count("id", filter=_reached(Stage.PRODUCING, year_end)),
    )
    funds = FundsInPlace.objects.filter(project__in=projects, date__year=year).aggregate(total=MoneySum("amount"))
    return {
        "signed_count": figures["signed_count"],
        "signed_amount": money(figures["signed_amount"]) or money(0),
        "funds_in_place": money(funds["total"]) or money(0),
        "performed_count": figures["performed_count"],
        "performance_rate": rate(figures["performed_count"], figures["signed_count"]),
        "started_count": figures["started_count"],
        "start_rate": rate(figures["started_count"], figures["signed_count"]),
        "producing_count": figures["producing_count"],
        "in_talks_count": projects.filter(in_talks_at_end).count(),
    }


def _reached(stage: str, day: datetime.date) -> Q:
    """At `stage` or later by `day`: its date on or before it, or (no date) counted by the stage it has now."""
    date = STAGE_DATES[stage]
    return Q(stage__in=at_least(stage)) & (Q(**{f"{date}__lte": day}) | Q(**{f"{date}__isnull": True}))


def funnel(user) -> list[dict]:
    """How many projects have reached each stage (a stage includes the later ones)."""
    projects = AttractionProject.objects.visible_to(user)
    counts = projects.aggregate(**{stage: Count("id", filter=Q(stage__in=at_least(stage))) for stage in Stage.values})
    return [{"stage": stage, "label": label, "count": counts[stage]} for stage, label in Stage.choices]


def reserve_counts(user) -> dict:
    """Active reserve projects counted by stage, level (省级, 市级 …) and domain."""
    active = ReserveProject.objects.visible_to(user).filter(status=ReserveStatus.ACTIVE)
    by_stage = dict(active.values_list("stage").annotate(n=Count("id")).order_by())
    by_level = dict(active.values_list("level").annotate(n=Count("id")).order_by())
    return {
        "total": active.count(),
        "by_stage": [(label, by_stage.get(stage, 0)) for stage, label in ReserveStage.choices],
        "by_level": [(f"{label}级", by_level[level]) for level, label in Level.choices if level in by_level],
        "by_domain": list(active.values("domain__name").annotate(n=Count("id")).order_by("domain__name")),
    }
