"""Indicators of the pipeline (DOMAIN.md §7), aggregated in the database."""

from django.db.models import Count, Q

from keyprojects.attraction.choices import ReserveStage, ReserveStatus, Stage, at_least
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


def attraction_stats(user, year: int, region=None) -> dict:
    """The year's figures with the keys of INTERFACES.md `attraction-stats`: a project counts for the year
    it was first signed (an expansion is its own row with its increment), funds by the date they arrived."""
    projects = AttractionProject.objects.visible_to(user)
    if region is not None:
        projects = projects.filter(region__path__startswith=region.path)
    signed = projects.filter(signed_on__year=year)
    figures = signed.aggregate(
        signed_count=Count("id"),
        signed_amount=MoneySum("contracted_amount"),
        performed_count=Count("id", filter=Q(stage__in=at_least(Stage.PERFORMING))),
        started_count=Count("id", filter=Q(stage__in=at_least(Stage.STARTED))),
        producing_count=Count("id", filter=Q(stage__in=at_least(Stage.PRODUCING))),
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
        "in_talks_count": projects.filter(stage=Stage.TALKS).count(),
    }


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
