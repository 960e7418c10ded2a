"""Error pages in Chinese; API paths answer in JSON."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.template import loader

MESSAGES = {
    400: "请求无法处理（地址或提交的内容不完整、不合规），请返回重试。",
    403: "您没有权限进行此操作。",
    404: "页面不存在，或不在您的权限范围内。",
    500: "系统出错，请稍后再试；问题已记录。",
}


class Refusal(PermissionDenied):
    """A refusal whose message says, in Chinese, why this user may not take this step; the 403 page shows it.

    A plain PermissionDenied (from Django or a library, whose words may be English) gets the generic message."""


def _respond(request, status: int, message: str = ""):
    message = message or MESSAGES[status]
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    # Rendered without the request's context so that it works even when the database does not.
    body = loader.render_to_string("error.html", {"status": status, "message": message})
    return HttpResponse(body, status=status)


# Django's own pages for these say "Bad Request (400)" and "CSRF verification failed" in English or in
# translated jargon; a user is told what to do instead.
CSRF_MESSAGE = "页面已过期或不是从本平台提交的，未能保存。请刷新页面后重新填写提交；仍不行请重新登录。"


def bad_request(request, exception=None):
    return _respond(request, 400)


def csrf_failure(request, reason: str = ""):
    return _respond(request, 403, CSRF_MESSAGE)


def permission_denied(request, exception=None):
    return _respond(request, 403, str(exception) if isinstance(exception, Refusal) else "")


def page_not_found(request, exception=None):
    return _respond(request, 404)


def server_error(request):
    return _respond(request, 500)
