"""四色管理 and 排名: the period's colours (with overrides and what changed) and the county ranking."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from keyprojects.accounts.decorators import perm_required
from keyprojects.accounts.models import Region
from keyprojects.accounts.permissions import Perm, has_perm
from keyprojects.accounts.scope import visible_or_404
from keyprojects.analytics import exports, selectors, services
from keyprojects.analytics.choices import COLOR_MEANING, Color
from keyprojects.analytics.colors import is_provisional, rule_for, stall_months
from keyprojects.analytics.forms import ColorRuleForm, RankingRuleForm
from keyprojects.analytics.models import ColorRecord, RankingRule
from keyprojects.analytics.ranking import INDICATORS, ranking, rows_for, weights_for
from keyprojects.analytics.views.common import chosen_period, period_picker
from keyprojects.core.downloads import attachment


def _rows(records) -> list[dict]:
    rows = []
    for record in records:
        previous = selectors.previous_color(record)
        rows.append(
            {
                "record": record,
                "code": record.project.code,
                "name": record.project.name,
                "region": record.project.region.name,
                "color": record.color,
                "computed_color": record.computed_color,
                "gap": record.gap,
                "reason": record.reason,
                "override_reason": record.override_reason,
                "previous": previous or "",
                "changed": previous is not None and previous != record.color,
            }
        )
    return rows


@require_GET
@login_required
def colors(request) -> HttpResponse:
    year, month = chosen_period(request)
    period = services.colors_current(year=year, month=month)
    records = selectors.color_records(request.user, period)
    counts = dict(records.order_by().values_list("computed_color").annotate(n=Count("id")))
    color = request.GET.get("color", "")
    rows = _rows(records)
    if color in Color.values:
        rows = [row for row in rows if row["color"] == color]
    if request.GET.get("changed"):
        rows = [row for row in rows if row["changed"]]
    if request.GET.get("format") == "xlsx":
        return attachment(exports.colors_xlsx(rows, f"{period}四色管理"), f"{period}四色管理.xlsx")
    context = {
        "period": period,
        **period_picker(year, month),
        "colors_provisional": is_provisional(period),
        "stall_months": stall_months(month, provisional=True),
        "rows": rows,
        "counts": counts,
        "color": color,
        "meanings": COLOR_MEANING,
        "rule": rule_for(year),
        "can_override": has_perm(request.user, Perm.MANAGE_COLORS),
    }
    return render(request, "analytics/colors.html", context)


@require_POST
@perm_required(Perm.MANAGE_COLORS)
def color_override(request, pk: int) -> HttpResponse:
    record = visible_or_404(
        ColorRecord.objects.visible_to(request.user).select_related("period"), request.user, f"四色记录 {pk}", pk=pk
    )
    try:
        services.color_override(
            by=request.user, record=record, color=request.POST.get("color", ""), reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, f"已调整“{record.project}”的颜色。")
    return redirect(f"/analytics/colors/?period={record.period.code}")


@perm_required(Perm.MANAGE_COLORS)
def color_rule(request, year: int) -> HttpResponse:
    rule = rule_for(year)
    form = ColorRuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        try:
            services.color_rule_save(by=request.user, rule=form.instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"已保存{year}年四色规则。")
            return redirect("analytics:colors")
    return render(request, "analytics/color_rule.html", {"form": form, "year": year, "title": f"{year}年四色规则"})


@require_GET
@login_required
def ranking_page(request) -> HttpResponse:
    year, month = chosen_period(request)
    rows = rows_for(request.user, ranking(year, month))
    code = f"{year}-{month:02d}"
    if request.GET.get("format") == "xlsx":
        return attachment(exports.ranking_xlsx(rows, f"{year}年{month}月县（市、区）重点项目排名"), f"{code}排名.xlsx")
    context = {
        "rows": rows,
        "year": year,
        "month": month,
        **period_picker(year, month),
        "weights": weights_for(year),
        "can_manage": has_perm(request.user, Perm.MANAGE_COLORS),
    }
    return render(request, "analytics/ranking.html", context)


@perm_required(Perm.MANAGE_COLORS)
def ranking_rule(request, year: int) -> HttpResponse:
    rule = RankingRule.objects.filter(year=year).first() or RankingRule(year=year)
    form = RankingRuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        services.ranking_rule_save(by=request.user, rule=form.instance)
        messages.success(request, f"已保存{year}年排名权重。")
        return redirect("analytics:ranking")
    return render(request, "analytics/color_rule.html", {"form": form, "year": year, "title": f"{year}年排名权重"})


@require_GET
@login_required
def ranking_region(request, code: str) -> HttpResponse:
    """Why a region ranks where it does: each indicator, the best of all regions, the points it earned."""
    region = visible_or_404(
        Region.objects.visible_to(request.user).filter(is_ranked=True), request.user, f"排名区划 {code}", code=code
    )
    year, month = chosen_period(request)
    weights = weights_for(year)
    rows = ranking(year, month, weights)
    row = next(r for r in rows if r["region_code"] == region.code)
    explanation = []
    for key in INDICATORS:
        values = [r["indicators"][key] or 0 for r in rows]
        best = max(values) if values else 0
        value = row["indicators"][key] or 0
        points = weights[key] * value / best if best else 0
        explanation.append(
            {
                "key": key,
                "value": row["indicators"][key],
                "best": best,
                "weight": weights[key],
                "points": points,
                "rank": row["ranks"][key],
            }
        )
    context = {
        "region": region,
        "row": row,
        "explanation": explanation,
        "count": len(rows),
        "year": year,
        "month": month,
        "period_code": f"{year}-{month:02d}",
    }
    return render(request, "analytics/ranking_region.html", context)
