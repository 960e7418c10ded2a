"""The statistics over REST: the same selectors as the screens and the command line, scoped alike."""

from django.core.exceptions import ValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

from keyprojects.analytics import selectors, services
from keyprojects.analytics.filters import LEVEL_INPUTS, REGION_CODE_PATTERN, Filters
from keyprojects.analytics.indicators import KEYS, indicators, period_of
from keyprojects.analytics.ranking import INDICATORS, ranking, rows_for
from keyprojects.core.numbers import round2
from keyprojects.projects.filters import LARGEST_ID
from keyprojects.reports.models import PERIOD_CODE_PATTERN

PERIOD = OpenApiParameter(
    "period",
    OpenApiTypes.STR,
    required=False,
    pattern=PERIOD_CODE_PATTERN,
    description="月份，如 2026-10；不填为最近已定（已锁定）的月份",
)
ID = {"type": "integer", "minimum": 1, "maximum": LARGEST_ID}
# A malformed filter is refused (400 naming it, Filters.checked) rather than ignored, which would answer the
# whole city's figures as if they were the filtered ones; a well-formed code or number that names nothing
# (or nothing in the caller's scope) matches nothing.
FILTERS = [
    OpenApiParameter(name, kind, required=False, description=text)
    for name, kind, text in [
        ("region", {"type": "string", "pattern": REGION_CODE_PATTERN}, "6位区划代码（含下辖）"),
        ("level", {"type": "string", "enum": LEVEL_INPUTS}, "级别（含以上）：province/city/county 或 省/市/县"),
        ("domain", ID, "领域编号"),
        ("chain", ID, "产业链编号"),
        ("leader", ID, "分包领导编号"),
        ("task_force", ID, "专班编号"),
    ]
]

# The answers' shapes (INTERFACES.md "JSON numbers"): amounts in 万元 and rates in percent as JSON numbers,
# a rate with a zero denominator null.
FIGURE = {"type": "number", "nullable": True}
STATS = {"type": "object", "properties": {key: FIGURE for key in KEYS}, "required": KEYS}
TEXT = {"type": "string"}
COLOR_ROWS = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "project_code": TEXT,
            "name": TEXT,
            "color": {**TEXT, "description": "绿/白/黄/红（调整后）"},
            "computed_color": TEXT,
            "gap": {**FIGURE, "description": "进度差（百分点），不适用时为 null"},
            "reason": TEXT,
            "override_reason": TEXT,
        },
        "required": ["project_code", "name", "color", "computed_color", "gap", "reason", "override_reason"],
    },
}
RANKING_ROWS = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "region_code": TEXT,
            "region_name": TEXT,
            "indicators": {"type": "object", "properties": {key: FIGURE for key in INDICATORS}},
            "ranks": {"type": "object", "properties": {key: {"type": "integer"} for key in INDICATORS}},
            "score": {"type": "number"},
            "rank": {"type": "integer"},
        },
        "required": ["region_code", "region_name", "indicators", "ranks", "score", "rank"],
    },
}


def _period(request):
    if not request.query_params.get("period"):
        return selectors.default_period()
    try:
        return period_of(request.query_params["period"])
    except ValueError as error:
        return Response({"detail": str(error)}, status=400)


@extend_schema(parameters=[PERIOD, *FILTERS], responses={200: STATS}, summary="统计指标（DOMAIN.md §6）")
@api_view(["GET"])
def stats(request):
    period = _period(request)
    if isinstance(period, Response):
        return period
    try:
        filters = Filters.checked(request.query_params)
    except ValidationError as error:
        raise serializers.ValidationError(error.message_dict) from None
    return Response(indicators(request.user, *period, filters))


@extend_schema(parameters=[PERIOD], responses={200: COLOR_ROWS}, summary="四色（DOMAIN.md §8）")
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


@extend_schema(parameters=[PERIOD], responses={200: RANKING_ROWS}, summary="县（市、区）排名（DOMAIN.md §9）")
@api_view(["GET"])
def ranking_view(request):
    period = _period(request)
    if isinstance(period, Response):
        return period
    return Response(rows_for(request.user, ranking(*period)))
