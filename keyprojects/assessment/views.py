"""考核: schemes and their versions, computing and publishing results, score sheets with the records
behind every point, adjustments, and the documents."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from keyprojects.accounts.decorators import perm_required
from keyprojects.accounts.permissions import Perm, has_perm
from keyprojects.accounts.scope import log_refusal, visible_or_404
from keyprojects.assessment import documents, selectors, services
from keyprojects.assessment.choices import Subject
from keyprojects.assessment.forms import AdjustmentForm, ComputeForm, SchemeForm
from keyprojects.assessment.models import Adjustment, Assessment, Scheme, Score
from keyprojects.core.downloads import DOCX_TYPE, attachment
from keyprojects.core.excel.columns import Column
from keyprojects.core.excel.writer import write_table
from keyprojects.core.forms import add_service_errors


@perm_required(Perm.VIEW_ASSESSMENT)
def index(request) -> HttpResponse:
    context = {
        "schemes": selectors.schemes().select_related("created_by"),
        "assessments": selectors.assessments(request.user),
        "can_manage": has_perm(request.user, Perm.MANAGE_ASSESSMENT),
        "compute_form": ComputeForm(),
    }
    return render(request, "assessment/index.html", context)


def _scheme_form_page(request, form, title: str) -> HttpResponse:
    return render(request, "assessment/scheme_form.html", {"form": form, "title": title})


@perm_required(Perm.MANAGE_ASSESSMENT)
def scheme_create(request) -> HttpResponse:
    subject = request.POST.get("subject") or request.GET.get("subject", Subject.REGION)
    subject = subject if subject in Subject.values else Subject.REGION
    initial = {
        "subject": subject,
        "praised_count": services.DEFAULT_PRAISED[subject],
        "summoned_count": services.DEFAULT_SUMMONED[subject],
    }
    form = SchemeForm(
        request.POST or None, initial=initial, subject=subject, indicators=services.default_indicators(subject)
    )
    if request.method == "POST" and form.is_valid():
        try:
            scheme = services.scheme_create(by=request.user, indicators=form.indicator_rows(), **form.scheme_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已制定{scheme}。")
            return redirect("assessment:scheme", pk=scheme.pk)
    return _scheme_form_page(request, form, "制定考核方案")


@perm_required(Perm.VIEW_ASSESSMENT)
def scheme_detail(request, pk: int) -> HttpResponse:
    scheme = get_object_or_404(Scheme.objects.prefetch_related("indicators"), pk=pk)
    versions = Scheme.objects.filter(year=scheme.year, subject=scheme.subject, cycle=scheme.cycle).order_by("version")
    context = {
        "scheme": scheme,
        "versions": versions,
        "frozen": scheme.is_frozen(),
        "can_manage": has_perm(request.user, Perm.MANAGE_ASSESSMENT),
        "assessments": selectors.assessments(request.user).filter(scheme=scheme),
    }
    return render(request, "assessment/scheme_detail.html", context)


@perm_required(Perm.MANAGE_ASSESSMENT)
def scheme_edit(request, pk: int) -> HttpResponse:
    scheme = get_object_or_404(Scheme, pk=pk)
    if scheme.is_frozen():
        messages.error(request, services.frozen_message(scheme))
        return redirect("assessment:scheme", pk=pk)
    current = [{"measure": i.measure, "weight": i.weight, "per_item": i.per_item} for i in scheme.indicators.all()]
    form = SchemeForm(request.POST or None, instance=scheme, subject=scheme.subject, indicators=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.scheme_update(
                by=request.user, scheme=scheme, indicators=form.indicator_rows(), **form.scheme_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "已保存。")
            return redirect("assessment:scheme", pk=pk)
    return _scheme_form_page(request, form, f"修改{scheme}")


@require_POST
@perm_required(Perm.MANAGE_ASSESSMENT)
def scheme_version(request, pk: int) -> HttpResponse:
    scheme = get_object_or_404(Scheme, pk=pk)
    try:
        copy = services.scheme_new_version(by=request.user, scheme=scheme)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect("assessment:scheme", pk=pk)
    messages.success(request, f"已另立第{copy.version}版，{copy.effective_from:%Y年%-m月%-d日}起施行；施行前可以修改。")
    return redirect("assessment:scheme_edit", pk=copy.pk)


@require_POST
@perm_required(Perm.MANAGE_ASSESSMENT)
def scheme_delete(request, pk: int) -> HttpResponse:
    scheme = get_object_or_404(Scheme, pk=pk)
    try:
        services.scheme_delete(by=request.user, scheme=scheme)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect("assessment:scheme", pk=pk)
    messages.success(request, f"已删除{scheme}。")
    return redirect("assessment:index")


@require_POST
@perm_required(Perm.MANAGE_ASSESSMENT)
def compute(request) -> HttpResponse:
    form = ComputeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择考核对象并填写考核期。")
        return redirect("assessment:index")
    try:
        assessment = services.assessment_compute(
            by=request.user, subject=form.cleaned_data["subject"], period_code=form.cleaned_data["period"]
        )
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect("assessment:index")
    messages.success(request, f"已计算{assessment}，核对无误后公布。")
    return redirect("assessment:result", pk=assessment.pk)


def _assessment(request, pk: int) -> Assessment:
    return visible_or_404(selectors.assessments(request.user), request.user, f"考核结果 {pk}", pk=pk)


@perm_required(Perm.VIEW_ASSESSMENT)
def result(request, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    scores = selectors.public_scores(assessment)
    if request.GET.get("format") == "xlsx":
        return attachment(_public_xlsx(assessment, scores), f"{assessment}.xlsx")
    own = set(Score.objects.visible_to(request.user).filter(assessment=assessment).values_list("pk", flat=True))
    can_manage = has_perm(request.user, Perm.MANAGE_ASSESSMENT)
    columns = selectors.line_columns(assessment) if can_manage else []
    points = selectors.points_table(assessment) if can_manage else {}
    context = {
        "assessment": assessment,
        "scores": scores,
        "own": own,
        # The city sees each body's points per indicator; others only the public ranking.
        "columns": columns,
        "rows": [(s, [points.get(s.pk, {}).get(c.pk) for c in columns]) for s in scores],
        "praised_any": any(s.praised for s in scores),
        "summoned_any": any(s.summoned for s in scores),
        "can_manage": can_manage,
    }
    return render(request, "assessment/result.html", context)


def _public_xlsx(assessment: Assessment, scores) -> bytes:
    columns = [
        Column("rank", "名次", kind="number"),
        Column("name", "考核对象"),
        Column("total", "得分", kind="number"),
    ]
    columns.append(Column("result", "结果"))
    rows = [
        {"rank": s.rank or None, "name": s.body_name, "total": s.total, "result": documents.result_word(s)}
        for s in scores
    ]
    return write_table(columns, rows, sheet_name="考核排名", title=str(assessment))


@require_POST
@perm_required(Perm.MANAGE_ASSESSMENT)
def result_publish(request, pk: int) -> HttpResponse:
    assessment = get_object_or_404(Assessment, pk=pk)
    try:
        services.assessment_publish(by=request.user, assessment=assessment)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, f"已公布{assessment}。")
    return redirect("assessment:result", pk=pk)


@perm_required(Perm.MANAGE_ASSESSMENT)
def result_report(request, pk: int, fmt: str) -> HttpResponse:
    assessment = get_object_or_404(Assessment.objects.select_related("scheme"), pk=pk)
    context = documents.report_context(assessment)
    if fmt == "docx":
        return attachment(documents.report_docx(context), f"{context['title']}.docx", DOCX_TYPE)
    if fmt == "xlsx":
        return attachment(documents.report_xlsx(context), f"{context['title']}.xlsx")
    raise Http404


def _score(request, pk: int) -> Score:
    try:
        return selectors.sheet(request.user, pk)
    except Score.DoesNotExist:
        log_refusal(request.user, f"考核得分表 {pk}")
        raise Http404 from None


@perm_required(Perm.VIEW_ASSESSMENT)
def score_detail(request, pk: int) -> HttpResponse:
    score = _score(request, pk)
    trend = selectors.trend(request.user, score)
    chart = {
        "periods": [s.assessment.window.label for s in trend],
        "totals": [str(s.total) for s in trend],
        "ranks": [s.rank for s in trend],
    }
    context = {"score": score, "trend": trend, "chart": chart}
    return render(request, "assessment/score.html", context)


@perm_required(Perm.VIEW_ASSESSMENT)
def score_notice(request, pk: int) -> HttpResponse:
    score = _score(request, pk)
    if not (score.praised or score.summoned):
        raise Http404
    kind = "通报表扬" if score.praised else "约谈通知"
    return attachment(documents.notice_docx(score), f"{score.assessment}{kind}（{score.body_name}）.docx", DOCX_TYPE)


@require_POST
@perm_required(Perm.MANAGE_ASSESSMENT)
def adjustment_delete(request, pk: int) -> HttpResponse:
    adjustment = get_object_or_404(Adjustment, pk=pk)
    try:
        services.adjustment_delete(by=request.user, adjustment=adjustment)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, f"已撤销：{adjustment}。")
    return redirect("assessment:adjustments")


@perm_required(Perm.VIEW_ASSESSMENT)
def adjustments(request) -> HttpResponse:
    can_manage = has_perm(request.user, Perm.MANAGE_ASSESSMENT)
    form = AdjustmentForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
            try:
                adjustment = services.adjustment_create(by=request.user, **fields)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"已登记：{adjustment}。")
                return redirect("assessment:adjustments")
    rows = Adjustment.objects.visible_to(request.user).select_related("region", "department", "enterprise")
    return render(request, "assessment/adjustments.html", {"rows": rows[:500], "form": form, "can_manage": can_manage})
