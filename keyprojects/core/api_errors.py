"""The API's refusals in Chinese, whatever the exception and whatever Accept-Language the client sends.

DRF translates its own messages, but passes some through untranslated: `get_object_or_404`'s
"No Report matches the given query.", a parser's "JSON parse error - …". Those are replaced here;
out-of-scope lookups and missing permissions are written to the security log like the pages' are.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

from keyprojects.accounts.scope import log_refusal

NOT_FOUND = "找不到该对象，或不在您的权限范围内。"
FORBIDDEN = "您没有权限进行此操作。"
UNPARSABLE = "请求内容无法解析：应为合法的 JSON。"


def exception_handler(exc, context):
    request = context.get("request")
    if isinstance(exc, Http404):
        _log(request)
        exc = exceptions.NotFound(NOT_FOUND)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or FORBIDDEN)
    elif isinstance(exc, exceptions.ParseError):
        exc = exceptions.ParseError(UNPARSABLE)
    if isinstance(exc, exceptions.PermissionDenied):
        _log(request)
    return drf_exception_handler(exc, context)


def _log(request) -> None:
    if request is not None and request.user.is_authenticated:
        log_refusal(request.user, f"API {request.method} {request.path}")
