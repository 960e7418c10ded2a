"""Loading the annual list from Excel on the page: template, upload, and the marked workbook of errors."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from keyprojects.accounts.decorators import perm_required
from keyprojects.accounts.permissions import Perm
from keyprojects.core.excel.errors import ExcelRefused, ImportRefused
from keyprojects.core.excel.marked import mark_errors
from keyprojects.core.excel.writer import write_template
from keyprojects.projects import importer, selectors
from keyprojects.projects.exports import XLSX_TYPE, xlsx_response
from keyprojects.projects.forms import ImportForm

ERRORS_DIR = "imports"


def _errors_path(user, token: str) -> Path:
    # The token is random and the file sits under the uploader's own id: nobody else can fetch it.
    return Path(settings.DATA_DIR) / ERRORS_DIR / str(user.pk) / f"{token}.xlsx"


@perm_required(Perm.MANAGE_ANNUAL_LIST)
def import_projects(request) -> HttpResponse:
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        initial={"year": request.GET.get("year") or selectors.default_year()},
    )
    context = {
        "form": form,
        "instructions": importer.INSTRUCTIONS,
        "required_labels": "、".join(c.label for c in importer.COLUMNS if c.required),
        "optional_labels": "、".join(c.label for c in importer.COLUMNS if not c.required),
    }
    if request.method == "POST" and form.is_valid():
        upload, year = form.cleaned_data["file"], form.cleaned_data["year"]
        try:
            result = importer.import_projects(upload, year=year, by=request.user, filename=upload.name)
        except ExcelRefused as refusal:
            form.add_error("file", refusal.message)
        except ImportRefused as refusal:
            context.update(
                errors=refusal.errors, summary=refusal.summary, marked_url=_keep_marked(request.user, upload, refusal)
            )
        else:
            messages.success(request, result.summary(year))
            return redirect(f"/projects/?year={year}")
    return render(request, "projects/import.html", context)


def _keep_marked(user, upload, refusal: ImportRefused) -> str:
    upload.seek(0)
    content = mark_errors(upload, refusal.errors, header_row=refusal.header_row)
    token = secrets.token_urlsafe(16)
    path = _errors_path(user, token)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return f"/projects/import/errors/{token}.xlsx"


@require_GET
@perm_required(Perm.MANAGE_ANNUAL_LIST)
def import_template(request) -> HttpResponse:
    content = write_template(importer.COLUMNS, sheet_name="重点项目名单", instructions=importer.INSTRUCTIONS)
    return xlsx_response(content, "重点项目名单导入模板.xlsx")


@require_GET
@perm_required(Perm.MANAGE_ANNUAL_LIST)
def import_errors(request, token: str) -> HttpResponse:
    path = _errors_path(request.user, token)
    if not token.replace("-", "").replace("_", "").isalnum() or not path.exists():
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename="导入错误标注.xlsx", content_type=XLSX_TYPE)
