"""The statistics over REST: the same selectors as the screens and the command line, scoped alike."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import api_view
from rest_framework.response import Response

from keyprojects.analytics import selectors, services
from keyprojects.analytics.filters import Filters
from keyprojects.analytics.indicators import indicators, period_of
from keyprojects.analytics.ranking import ranking, rows_for
from keyprojects.core.numbers import round2

PERIOD = OpenApiParameter(
    "period", OpenApiTypes.STR, required=False, description="月份，如 2026-10；不填为最近已定（已锁定）的月份"
)
FILTERS = [
    OpenApiParameter(name, OpenApiTypes.STR, required=False, description=text)
    for name, text in [
        ("region", "6位区划代码（含下辖）"),
        ("level", "级别（含以上）：province/city/county 或 省/市/县"),
        ("domain", "领域编号"),
        ("chain", "产业链编号"),
        ("leader", "分包领导编号"),
        ("task_force", "专班编号"),
    ]
]


def _period(request):
    if not request.query_params.get("period"):
        return selectors.default_period()
    try:
        return period_of(request.query_params["period"])
    except ValueError as error:
        return Response({"detail": str(error)}, status=400)


@extend_schema(parameters=[PERIOD, *FILTERS], responses=OpenApiTypes.OBJECT, summary="统计指标（DOMAIN.md §6）")
@api_view(["GET"])
def stats(request):
    period = _period(request)
    if isinstance(period, Response):
        return period
    return Response(indicators(request.user, *period, Filters.from_query(request.query_params)))


@extend_schema(parameters=[PERIOD], responses=OpenApiTypes.OBJECT, summary="四色（DOMAIN.md §8）")
@api_view(["GET"])
def colors(request):
    period = _period(request)
    if isinstance(period, Response):
        return period
    stored = services.colors_current(year=period[0], month=period[1])
    return Response(
        [
            {
                "project_code": r.project.code,
                "name": r.project.name,
                "color": r.color,
                "computed_color": r.computed_color,
                "gap": None if r.gap is None else round2(r.gap),
                "reason": r.reason,
                "override_reason": r.override_reason,
            }
            for r in selectors.color_records(request.user, stored)
        ]
    )


@extend_schema(parameters=[PERIOD], responses=OpenApiTypes.OBJECT, summary="县（市、区）排名（DOMAIN.md §9）")
@api_view(["GET"])
def ranking_view(request):
    period = _period(request)
    if isinstance(period, Response):
        return period
    return Response(rows_for(request.user, ranking(*period)))
