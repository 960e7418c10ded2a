"""What every Excel import page shares: keeping the marked workbook of a refused file for its uploader."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.urls import reverse
from django.views.decorators.http import require_GET

from keyprojects.core.downloads import XLSX_TYPE
from keyprojects.core.excel.errors import ExcelRefused, ImportRefused
from keyprojects.core.excel.marked import errors_file

ERRORS_DIR = "imports"
# A full-size refused file has 150,000 errors and made a page of tens of megabytes; the downloaded file has them all.
PAGE_ERRORS = 200


def _errors_path(user, token: str) -> Path:
    # The token is random and the file sits under the uploader's own id: nobody else can fetch it.
    return Path(settings.DATA_DIR) / ERRORS_DIR / str(user.pk) / f"{token}.xlsx"


def import_context(**fields) -> dict:
    """The context of core/import.html before any refusal: no bad cells to list yet."""
    return {"errors": (), "errors_listed": PAGE_ERRORS, "errors_cut": False, **fields}


def attempt_import(request, form, context: dict, load, *, columns=()):
    """Run `load()` for an import page: its result, or None after showing the refusal — a problem with the whole
    file on the form, or the first PAGE_ERRORS bad cells listed in `context` with the file of them all to download."""
    upload = form.cleaned_data["file"]
    try:
        return load()
    except ExcelRefused as refusal:
        form.add_error("file", refusal.message)
    except ImportRefused as refusal:
        url, marks_original = keep_marked(request.user, upload, refusal, columns=columns)
        context.update(
            errors=refusal.errors[:PAGE_ERRORS],
            errors_cut=len(refusal.errors) > PAGE_ERRORS,
            summary=refusal.summary,
            marked_url=url,
            marks_original=marks_original,
        )
    return None


def keep_marked(user, upload, refusal: ImportRefused, columns=()) -> tuple[str, bool]:
    """Write the file of errors (the upload marked, or the list alone for a big one); return the URL its uploader
    can fetch it from, and whether it is the marked upload."""
    upload.seek(0)
    kept = errors_file(upload, refusal.errors, header_row=refusal.header_row, columns=columns)
    token = secrets.token_urlsafe(16)
    path = _errors_path(user, token)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(kept.content)
    return reverse("core:import_errors", kwargs={"token": token}), kept.marks_original


@require_GET
@login_required
def import_errors(request, token: str):
    path = _errors_path(request.user, token)
    if not token.replace("-", "").replace("_", "").isalnum() or not path.exists():
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename="导入错误标注.xlsx", content_type=XLSX_TYPE)
