from urllib.parse import quote

from django.http import HttpResponse

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def attachment(content: bytes, filename: str, content_type: str = XLSX_TYPE) -> HttpResponse:
    """A generated file as a download, its Chinese name kept (RFC 5987)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
