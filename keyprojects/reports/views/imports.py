"""Bulk entry of a month's reports from Excel (city administrators; recorded as confirmed)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from keyprojects.accounts.decorators import perm_required
from keyprojects.accounts.permissions import Perm
from keyprojects.core.downloads import attachment
from keyprojects.core.excel.writer import write_template
from keyprojects.core.imports import attempt_import, import_context
from keyprojects.reports import importer, selectors
from keyprojects.reports.forms import ReportImportForm


@perm_required(Perm.CONFIRM_REPORTS)
def import_reports(request) -> HttpResponse:
    current = selectors.current_period()
    form = ReportImportForm(
        request.POST or None,
        request.FILES or None,
        initial={"period": request.GET.get("period") or (current.code if current else "")},
    )
    context = import_context(
        form=form,
        instructions=importer.INSTRUCTIONS,
        required_labels="当月完成投资，以及项目代码（或项目名称＋所属区划）",
        optional_labels="形象进度、实际开工日期、实际竣工日期、超总投资说明",
        title="从 Excel 导入月报（记为已确认）",
        back_url=reverse("reports:index"),
        back_label="月报",
        template_url=reverse("reports:import_template"),
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        outcome = attempt_import(
            request,
            form,
            context,
            lambda: importer.import_reports(upload, period_code=form.cleaned_data["period"], by=request.user),
            columns=importer.COLUMNS,
        )
        if outcome is not None:
            result, period = outcome
            messages.success(request, result.summary(period))
            return redirect("reports:period", period=period.code)
    return render(request, "core/import.html", context)


@require_GET
@perm_required(Perm.CONFIRM_REPORTS)
def import_template(request) -> HttpResponse:
    content = write_template(importer.COLUMNS, sheet_name="月报", instructions=importer.INSTRUCTIONS)
    return attachment(content, "月报导入模板.xlsx")
