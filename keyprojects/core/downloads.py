from urllib.parse import quote

from django.http import FileResponse, HttpResponse

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def attachment(content: bytes, filename: str, content_type: str = XLSX_TYPE) -> HttpResponse:
    """A generated file as a download, its Chinese name kept (RFC 5987)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def stored_file(file, filename: str, content_type: str, *, inline: bool = False) -> FileResponse:
    """A stored upload served with the type it was verified as, never one a browser or Django guesses from its
    name or bytes; a download unless `inline` (only for content the platform itself re-encoded)."""
    response = FileResponse(file, as_attachment=not inline, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
