from django.apps import apps
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from keyprojects.accounts.decorators import perm_required
from keyprojects.accounts.models import Region
from keyprojects.accounts.permissions import Perm
from keyprojects.accounts.scope import feature_refused, log_forbidden, log_refusal
from keyprojects.accounts.services import managed_city
from keyprojects.core.models import ChangeLogEntry

CHANGELOG_PAGE_SIZE = 50
# Models whose pages offer "变更记录"; each has a `visible_to(user)` queryset method.
HISTORY_MODELS = {
    "accounts.region",
    "accounts.department",
    "accounts.user",
    "projects.project",
    "reports.report",
    "reports.period",
    "attraction.elementneed",
}


@require_GET
def healthz(request) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def home(request) -> HttpResponse:
    if managed_city() is None:
        return redirect("accounts:first_run")
    if not request.user.is_authenticated:
        return redirect("login")
    ranked_count = Region.objects.filter(is_ranked=True).count()
    return render(request, "core/home.html", {"ranked_count": ranked_count})


@require_GET
@perm_required(Perm.VIEW_CHANGELOG)
def changelog(request) -> HttpResponse:
    entries = ChangeLogEntry.objects.select_related("content_type")
    app_label, _, model_name = request.GET.get("model", "").partition(".")
    if model_name:
        entries = entries.filter(content_type__app_label=app_label, content_type__model=model_name)
    if request.GET.get("user"):
        entries = entries.filter(username=request.GET["user"])
    page = Paginator(entries, CHANGELOG_PAGE_SIZE).get_page(request.GET.get("page"))
    models = sorted((label, apps.get_model(label)._meta.verbose_name) for label in HISTORY_MODELS)
    return render(request, "core/changelog.html", {"page": page, "models": models})


@require_GET
@login_required
def object_history(request, model: str, pk: str) -> HttpResponse:
    if model not in HISTORY_MODELS:
        raise Http404
    model_class = apps.get_model(model)
    rows = model_class.objects.all()
    if feature_refused(request.user, rows):  # the role may not read this kind of row at all (reports, for 招商部门)
        log_forbidden(request.user, rows.feature, request.get_full_path())
        raise PermissionDenied
    visible = model_class.objects.visible_to(request.user)
    field = model_class._meta.get_field("code") if model == "accounts.region" else model_class._meta.pk
    try:
        value = field.to_python(pk)
    except ValidationError:  # a crafted address (/history/projects.project/abc/) names nothing
        value = None
    obj = visible.filter(**{field.name: value}).first() if value is not None else None
    if obj is None:
        log_refusal(request.user, f"{model} {pk} 的变更记录")
        raise Http404
    entries = ChangeLogEntry.objects.for_object(obj).select_related("content_type")
    return render(request, "core/history.html", {"object": obj, "entries": entries})


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def dispatch(self, request, *args, **kwargs):
        if managed_city() is None:
            return redirect("accounts:first_run")
        return super().dispatch(request, *args, **kwargs)
