"""Loading the annual list from Excel on the page: template, upload, and the marked workbook of errors."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from keyprojects.accounts.decorators import perm_required
from keyprojects.accounts.permissions import Perm
from keyprojects.core.downloads import attachment
from keyprojects.core.excel.writer import write_template
from keyprojects.core.forms import add_service_errors
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
        upload, year, added_on = (form.cleaned_data[name] for name in ("file", "year", "added_on"))
        try:
            result = attempt_import(
                request,
                form,
                context,
                lambda: importer.import_projects(
                    upload, year=year, by=request.user, filename=upload.name, added_on=added_on
                ),
                columns=importer.COLUMNS,
            )
        except ValidationError as error:  # a 列入日期 inside a locked month: nothing imported
            add_service_errors(form, error)
            result = None
        if result is not None:
            messages.success(request, result.summary(year))
            return redirect(f"/projects/?year={year}")
    return render(request, "core/import.html", context)


@require_GET
@perm_required(Perm.MANAGE_ANNUAL_LIST)
def import_template(request) -> HttpResponse:
    content = write_template(importer.COLUMNS, sheet_name="重点项目名单", instructions=importer.INSTRUCTIONS)
    return attachment(content, "重点项目名单导入模板.xlsx")
