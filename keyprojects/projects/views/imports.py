"""Loading the annual list from Excel on the page: template, upload, and the marked workbook of errors."""

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
from keyprojects.projects import importer, selectors
from keyprojects.projects.forms import ImportForm


@perm_required(Perm.MANAGE_ANNUAL_LIST)
def import_projects(request) -> HttpResponse:
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        initial={"year": request.GET.get("year") or selectors.default_year()},
    )
    context = import_context(
        form=form,
        instructions=importer.INSTRUCTIONS,
        required_labels="、".join(c.label for c in importer.COLUMNS if c.required),
        optional_labels="、".join(c.label for c in importer.COLUMNS if not c.required),
        title="从 Excel 导入年度重点项目名单",
        back_url=reverse("projects:list"),
        back_label="项目库",
        template_url=reverse("projects:import_template"),
    )
    if request.method == "POST" and form.is_valid():
        upload, year = form.cleaned_data["file"], form.cleaned_data["year"]
        result = attempt_import(
            request,
            form,
            context,
            lambda: importer.import_projects(upload, year=year, by=request.user, filename=upload.name),
            columns=importer.COLUMNS,
        )
        if result is not None:
            messages.success(request, result.summary(year))
            return redirect(f"/projects/?year={year}")
    return render(request, "core/import.html", context)


@require_GET
@perm_required(Perm.MANAGE_ANNUAL_LIST)
def import_template(request) -> HttpResponse:
    content = write_template(importer.COLUMNS, sheet_name="重点项目名单", instructions=importer.INSTRUCTIONS)
    return attachment(content, "重点项目名单导入模板.xlsx")
