"""Reads of the analytics module: which month leaders look at, colour lists and their changes, in the
caller's scope, and the rows of a warning letter."""

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from keyprojects.analytics.filters import Filters
from keyprojects.analytics.grouped import grouped
from keyprojects.analytics.indicators import period_end
from keyprojects.analytics.models import ColorRecord
from keyprojects.coordination.choices import ProblemStatus
from keyprojects.coordination.models import Problem
from keyprojects.core.numbers import format_rate, format_wan, round2
from keyprojects.projects.models import Project
from keyprojects.reports.choices import ReportStatus
from keyprojects.reports.models import Period, RaisedProblem, Report

MAIN_PROBLEMS = 3  # a letter lists at most this many problems per project
NOT_STARTED = "未开工"
NO_VALUE = "—"

SHOWN_COLOR = Coalesce(NullIf("override_color", Value("")), "computed_color")  # the colour after overrides


def _settled() -> Q:
    """Which months are settled (已定, README › 设计决定): those the city has locked; in an office that has never
    locked a month, those whose city confirmation deadline (Beijing time) has passed."""
    if Period.objects.filter(is_locked=True).exists():
        return Q(is_locked=True)
    return Q(city_deadline__lt=timezone.localdate())


def is_settled(year: int, month: int) -> bool:
    """False for a month still being filled: its figures are shown marked 临时数据."""
    return Period.objects.filter(_settled(), year=year, month=month).exists()


def latest_period() -> tuple[int, int] | None:
    """The month every statistics page, the cockpit and the API open on: the latest settled month (in an office
    without locks, the latest such month with confirmed reports); while none is settled, the latest month with
    confirmed reports (then shown as 临时数据); None when nothing is confirmed yet."""
    confirmed = Period.objects.filter(
        Exists(Report.objects.filter(period=OuterRef("pk"), status=ReportStatus.CONFIRMED))
    )
    candidates = Period.objects.filter(is_locked=True)
    if not candidates.exists():
        candidates = confirmed.filter(_settled())
    period = candidates.order_by("-year", "-month").first() or confirmed.order_by("-year", "-month").first()
    return (period.year, period.month) if period else None


def default_period() -> tuple[int, int]:
    """`latest_period()`, else last month (Beijing time) on a platform with no confirmed figures yet."""
    latest = latest_period()
    if latest:
        return latest
    today = timezone.localdate()
    return (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)


def period_options(year: int, month: int) -> list[dict]:
    """The months a page can switch to, newest first: those with reports, open or locked, and the one shown.
    Each is labelled as people read it: an open month says 填报中, another month not settled yet 待确认 (the page
    itself then says 临时数据)."""
    reported = Exists(Report.objects.filter(period=OuterRef("pk")))
    rows = (
        Period.objects.filter(Q(is_open=True) | Q(is_locked=True) | reported)
        .annotate(settled=ExpressionWrapper(_settled(), output_field=BooleanField()))
        .values_list("year", "month", "is_open", "settled")
    )
    options = {(y, m): (is_open, settled) for y, m, is_open, settled in rows}
    options.setdefault((year, month), (False, is_settled(year, month)))
    return [
        {"code": f"{y}-{m:02d}", "label": f"{y}年{m}月{_mark(*options[y, m])}"}
        for y, m in sorted(options, reverse=True)
    ]


def _mark(is_open: bool, settled: bool) -> str:
    if settled:
        return ""
    return "（填报中）" if is_open else "（待确认）"


def previous_period(period: Period) -> Period | None:
    year, month = (period.year, period.month - 1) if period.month > 1 else (period.year - 1, 12)
    return Period.objects.filter(year=year, month=month).first()


def color_records(user, period: Period):
    """The period's colours with last month's beside them (for "changed this month"), in one query."""
    records = (
        ColorRecord.objects.visible_to(user)
        .filter(period=period)
        .select_related("project", "project__region", "project__owner")
    )
    previous = previous_period(period)
    if previous is not None:
        earlier = ColorRecord.objects.filter(period=previous, project=OuterRef("project"))
        records = records.annotate(
            previous_computed=Subquery(earlier.values("computed_color")[:1]),
            previous_override=Subquery(earlier.values("override_color")[:1]),
        )
    return records.order_by("project__region__sort_order", "project__code")


def previous_color(record) -> str | None:
    computed = getattr(record, "previous_computed", None)
    return (getattr(record, "previous_override", "") or computed) if computed else None


FLAGGED = ("黄", "红")


def flagged(user, period: Period):
    """The period's yellow and red projects (after overrides), as plain rows for documents."""
    records = (
        ColorRecord.objects.visible_to(user)
        .filter(period=period)
        .filter(Q(override_color__in=FLAGGED) | Q(override_color="", computed_color__in=FLAGGED))
    )
    return records.order_by("project__region__sort_order", "project__code").values_list(
        "override_color", "computed_color", "project__name", "project__region__name", "gap", "reason"
    )


def changed_count(user, period: Period) -> int:
    """How many projects have a different colour (after overrides) from the month before, counted in the
    database as a semi-join on the previous month's records."""
    previous = previous_period(period)
    if previous is None:
        return 0
    earlier = (
        ColorRecord.objects.filter(period=previous, project=OuterRef("project_id"))
        .annotate(shown=SHOWN_COLOR)
        .exclude(shown=OuterRef("shown"))
    )
    records = ColorRecord.objects.visible_to(user).filter(period=period).annotate(shown=SHOWN_COLOR)
    return records.filter(Exists(earlier)).count()


def letter_rows(region, period: Period, records: list[ColorRecord]) -> list[dict]:
    """A region's warning-letter rows: each project of `records` with its figures (the indicator module's,
    grouped by project), 未开工 where it has not started, its main problems and its responsible leaders."""
    ids = [record.project_id for record in records]
    figures = grouped(None, period.year, period.month, "project", Filters(region=region), last_year=False)
    problems = _main_problems(ids, period)
    leaders = _leaders(ids)
    end = period_end(period.year, period.month)
    rows = []
    for record in records:
        project, shown = record.project, figures.get(record.project_id, {})
        started = project.actual_start is not None and project.actual_start <= end
        if record.gap is not None:
            gap = f"{round2(record.gap)}"
        else:
            gap = NO_VALUE if started else NOT_STARTED
        rows.append(
            {
                "code": project.code,
                "name": project.name,
                "color": record.color,
                "plan": format_wan(shown.get("annual_plan")),
                "done": format_wan(shown.get("ytd_completed")),
                "rate": format_rate(shown.get("completion_rate")),
                "gap": gap,
                "started": started,
                "reason": record.reason,
                "problems": "；".join(problems.get(record.project_id, [])) or record.reason or NO_VALUE,
                "leaders": "、".join(leaders.get(record.project_id, [])) or NO_VALUE,
            }
        )
    return rows


def _main_problems(ids: list[int], period: Period) -> dict[int, list[str]]:
    """Each project's problems still open in the problem list (oldest first), then those its reports of the
    year raised (latest first), without repeats, at most MAIN_PROBLEMS."""
    open_ones = (
        Problem.objects.filter(project_id__in=ids)
        .exclude(status=ProblemStatus.CLOSED)
        .order_by("raised_at", "pk")
        .values_list("project_id", "description")
    )
    raised = (
        RaisedProblem.objects.filter(report__period__year=period.year, report__period__month__lte=period.month)
        .annotate(listed=Coalesce("report__project__package_id", "report__project_id"))
        .filter(listed__in=ids)
        .order_by("-report__period__month", "pk")
        .values_list("listed", "description")
    )
    found: dict[int, list[str]] = {}
    for project_id, description in [*open_ones, *raised]:
        mine = found.setdefault(project_id, [])
        if description not in mine and len(mine) < MAIN_PROBLEMS:
            mine.append(description)
    return found


def _leaders(ids: list[int]) -> dict[int, list[str]]:
    """Each project's 分包领导 as 姓名（职务）."""
    links = (
        Project.leaders.through.objects.filter(project_id__in=ids)
        .order_by("leader__sort_order", "leader__name")
        .values_list("project_id", "leader__name", "leader__title")
    )
    found: dict[int, list[str]] = {}
    for project_id, name, title in links:
        found.setdefault(project_id, []).append(f"{name}（{title}）" if title else name)
    return found
