"""统计分析: the indicators, their breakdowns and the lists behind every number."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from keyprojects.accounts.models import Region
from keyprojects.analytics import exports, lists
from keyprojects.analytics.grouped import grouped
from keyprojects.analytics.indicators import end_of_day, indicators
from keyprojects.analytics.views.common import chosen_day, chosen_filters, chosen_period, period_picker
from keyprojects.core.downloads import attachment
from keyprojects.projects.choices import Category, Level
from keyprojects.projects.models import Domain, IndustryChain, Leader, TaskForce

BREAKDOWNS = {
    "region": "按区划",
    "level": "按级别",
    "category": "按类别",
    "domain": "按领域",
    "chain": "按产业链",
    "leader": "按分包领导",
    "task_force": "按专班",
}
LABEL_SOURCES = {"domain": Domain, "chain": IndustryChain, "leader": Leader, "task_force": TaskForce}


def _group_labels(key: str) -> dict:
    if key == "region":
        return dict(Region.objects.values_list("pk", "name"))
    if key == "level":
        return dict(Level.choices)
    if key == "category":
        return dict(Category.choices)
    return {item.pk: str(item) for item in LABEL_SOURCES[key].objects.all()}


def filter_context(request) -> dict:
    return {
        "regions": Region.objects.visible_to(request.user).exclude(kind="province"),
        "levels": Level.choices,
        "domains": Domain.objects.all(),
        "chains": IndustryChain.objects.all(),
        "leaders": Leader.objects.all(),
        "task_forces": TaskForce.objects.all(),
    }


@require_GET
@login_required
def stats(request) -> HttpResponse:
    year, month = chosen_period(request)
    filters = chosen_filters(request)
    key = request.GET.get("by", "region")
    if key not in BREAKDOWNS:
        key = "region"
    day = chosen_day(request)
    as_of = end_of_day(day)
    labels = _group_labels(key)
    order = list(labels)
    rows = sorted(
        grouped(request.user, year, month, key, filters, as_of=as_of).items(),
        key=lambda item: order.index(item[0]) if item[0] in labels else len(order),
    )
    breakdown = [{"group": group, "label": labels.get(group, "（未填）"), **figures} for group, figures in rows]
    figures = indicators(request.user, year, month, filters, as_of=as_of)
    query = request.GET.copy()
    query.pop("by", None)
    if request.GET.get("format") == "xlsx":
        return attachment(
            exports.breakdown_xlsx(figures, breakdown, year, month, BREAKDOWNS[key], day=day),
            f"{year}年1—{month}月重点项目统计.xlsx",
        )
    context = {
        "year": year,
        "month": month,
        "figures": figures,
        "breakdown": breakdown,
        "by": key,
        "breakdowns": BREAKDOWNS,
        "query": query.urlencode(),
        **period_picker(year, month),
        "as_of": day,
        **filter_context(request),
    }
    return render(request, "analytics/stats.html", context)


@require_GET
@login_required
def projects_list(request, kind: str) -> HttpResponse:
    if kind not in lists.KINDS:
        raise Http404
    year, month = chosen_period(request)
    title, entries = lists.projects_behind(request.user, year, month, kind, chosen_filters(request))
    if request.GET.get("format") == "xlsx":
        return attachment(exports.entries_xlsx(entries, f"{year}年{month}月{title}"), f"{title}.xlsx")
    query = request.GET.copy()
    query.pop("format", None)
    return render(
        request,
        "analytics/list.html",
        {"title": title, "entries": entries, "year": year, "month": month, "query": query.urlencode()},
    )
