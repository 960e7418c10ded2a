"""招商引资 and 储备库 pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from keyprojects.accounts.decorators import perm_required
from keyprojects.accounts.models import Region
from keyprojects.accounts.permissions import Perm, has_perm
from keyprojects.accounts.scope import visible_or_404
from keyprojects.attraction import exports, importer, selectors, services
from keyprojects.attraction.choices import ReserveStatus, Stage
from keyprojects.attraction.forms import AttractionForm, FundsForm, PromoteForm, ReserveForm
from keyprojects.attraction.models import AttractionProject, ReserveProject
from keyprojects.core.downloads import attachment
from keyprojects.core.excel.writer import write_template
from keyprojects.core.forms import add_service_errors, form_page
from keyprojects.core.imports import attempt_import, import_context
from keyprojects.projects.forms import ImportForm


@require_GET
@perm_required(Perm.VIEW_PIPELINE)
def attraction_list(request) -> HttpResponse:
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else timezone.localdate().year
    projects = (
        AttractionProject.objects.visible_to(request.user)
        .select_related("region")
        .annotate(funds_total=Sum("funds__amount"))
    )
    if request.GET.get("stage") in Stage.values:
        projects = projects.filter(stage=request.GET["stage"])
    regions = Region.objects.visible_to(request.user).exclude(kind="province")
    region = regions.filter(code=request.GET.get("region", "")).first()
    if region is not None:
        projects = projects.filter(region__path__startswith=region.path)
    if request.GET.get("format") == "xlsx":
        return attachment(exports.attraction_xlsx(projects), "招商引资项目.xlsx")
    context = {
        "projects": projects,
        "year": year,
        "regions": regions,
        "stats": selectors.attraction_stats(request.user, year, region),
        "funnel": selectors.funnel(request.user),
        "stages": Stage.choices,
        "can_edit": has_perm(request.user, Perm.MANAGE_PIPELINE),
    }
    return render(request, "attraction/attraction_list.html", context)


@perm_required(Perm.MANAGE_PIPELINE)
def attraction_form(request, pk: int | None = None) -> HttpResponse:
    instance = (
        visible_or_404(AttractionProject.objects.visible_to(request.user), request.user, f"招商项目 {pk}", pk=pk)
        if pk
        else None
    )
    form = AttractionForm(request.POST or None, instance=instance, user=request.user)
    funds_form = FundsForm(prefix="funds")
    if request.method == "POST" and form.is_valid():
        try:
            project = services.attraction_save(by=request.user, project=form.instance)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已保存“{project}”。")
            return redirect("attraction:list")
    return render(
        request, "attraction/attraction_form.html", {"form": form, "funds_form": funds_form, "object": instance}
    )


@require_POST
@perm_required(Perm.MANAGE_PIPELINE)
def funds_add(request, pk: int) -> HttpResponse:
    project = visible_or_404(AttractionProject.objects.visible_to(request.user), request.user, f"招商项目 {pk}", pk=pk)
    form = FundsForm(request.POST, prefix="funds")
    if form.is_valid():
        services.funds_add(by=request.user, project=project, **form.cleaned_data)
        messages.success(request, "已登记到位资金。")
    else:
        messages.error(request, "请填写到位日期和金额。")
    return redirect("attraction:edit", pk=project.pk)


@perm_required(Perm.MANAGE_PIPELINE)
def attraction_import(request) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None, initial={"year": timezone.localdate().year})
    form.fields.pop("year")
    context = import_context(
        form=form,
        instructions=[
            "按“项目名称＋所属区划”匹配；同一文件导入两次不会重复。",
            "到位资金填写截至目前的累计数，平台记录新增部分。",
            "签约、开工、投产日期可以不填：缺日期的行照样导入、按阶段计数，导入后列出这些行。",
            "任何一行有错，整个文件都不导入，并列出每一处错误。",
        ],
        required_labels="项目名称、所属区划、阶段、签约投资额",
        optional_labels="投资方、所属行业、招商方式、签约日期、开工日期、投产日期、到位资金",
        title="从 Excel 导入招商引资项目",
        back_url=reverse("attraction:list"),
        back_label="招商引资",
        template_url=reverse("attraction:import_template"),
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = attempt_import(
            request,
            form,
            context,
            lambda: importer.import_attraction(upload, by=request.user),
            columns=importer.COLUMNS,
        )
        if result is not None:
            messages.success(request, result.summary())
            if result.notice():
                messages.warning(request, result.notice())
            return redirect("attraction:list")
    return render(request, "core/import.html", context)


@require_GET
@perm_required(Perm.MANAGE_PIPELINE)
def attraction_template(request) -> HttpResponse:
    return attachment(write_template(importer.COLUMNS, sheet_name="招商项目", instructions=[]), "招商项目导入模板.xlsx")


@require_GET
@perm_required(Perm.VIEW_PIPELINE)
def reserve_list(request) -> HttpResponse:
    reserves = ReserveProject.objects.visible_to(request.user).select_related("region", "domain")
    status = request.GET.get("status", ReserveStatus.ACTIVE)
    if status in ReserveStatus.values:
        reserves = reserves.filter(status=status)
    if request.GET.get("format") == "xlsx":
        return attachment(exports.reserve_xlsx(reserves), "储备项目.xlsx")
    context = {
        "reserves": reserves,
        "counts": selectors.reserve_counts(request.user),
        "status": status,
        "statuses": ReserveStatus.choices,
        "can_edit": has_perm(request.user, Perm.MANAGE_PIPELINE),
        "promote_form": PromoteForm(initial={"year": timezone.localdate().year + 1, "level": "city"}),
    }
    return render(request, "attraction/reserve_list.html", context)


@perm_required(Perm.MANAGE_PIPELINE)
def reserve_form(request, pk: int | None = None) -> HttpResponse:
    instance = (
        visible_or_404(ReserveProject.objects.visible_to(request.user), request.user, f"储备项目 {pk}", pk=pk)
        if pk
        else None
    )
    form = ReserveForm(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.reserve_save(by=request.user, reserve=form.instance)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "已保存储备项目。")
            return redirect("attraction:reserve")
    return form_page(request, form, "储备项目", "attraction:reserve")


@require_POST
@perm_required(Perm.MANAGE_PIPELINE)
def reserve_action(request, pk: int, action: str) -> HttpResponse:
    reserve = visible_or_404(ReserveProject.objects.visible_to(request.user), request.user, f"储备项目 {pk}", pk=pk)
    try:
        if action == "promote":
            form = PromoteForm(request.POST)
            if not form.is_valid():
                raise ValidationError("请填写转入年度、级别和年度计划投资。")
            project = services.reserve_promote(by=request.user, reserve=reserve, **form.cleaned_data)
            messages.success(request, f"已转入{form.cleaned_data['year']}年重点项目名单。")
            return redirect("projects:detail", pk=project.pk)
        services.reserve_exit(by=request.user, reserve=reserve, reason=request.POST.get("reason", ""))
        messages.success(request, "已退出储备库。")
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    return redirect("attraction:reserve")
