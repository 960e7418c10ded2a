from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from keyprojects.accounts import divisions, services
from keyprojects.accounts.choices import UserRole
from keyprojects.accounts.decorators import perm_required
from keyprojects.accounts.forms import (
    DepartmentForm,
    FirstRunForm,
    NewUserForm,
    RegionForm,
    UserForm,
    ZoneForm,
)
from keyprojects.accounts.models import Department, Region, User
from keyprojects.accounts.permissions import Perm, has_perm
from keyprojects.accounts.scope import log_refusal
from keyprojects.core.forms import add_service_errors, form_page

USER_FIELDS = ["username", "name", "role", "region", "department", "title", "phone", "is_active"]


def first_run(request) -> HttpResponse:
    """Only while no city is set up: pick the managed city and create the first city administrator."""
    if services.managed_city() is not None:
        raise Http404
    form = FirstRunForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            city = services.setup_city(code=data["city"])
            admin = services.user_create(
                by=None,
                username=data["username"],
                password=data["password1"],
                role=UserRole.CITY_ADMIN,
                name=data["name"],
                region=city,
            )
        login(request, admin, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"已设置{city.name}为本平台管理的城市，欢迎使用。")
        return redirect("home")
    return render(request, "accounts/first_run.html", {"form": form, "data_source": divisions.DATA_SOURCE})


@login_required
def profile(request) -> HttpResponse:
    token = Token.objects.filter(user=request.user).first()
    return render(request, "accounts/profile.html", {"token": token})


@require_POST
@login_required
def token_regenerate(request) -> HttpResponse:
    Token.objects.filter(user=request.user).delete()
    Token.objects.create(user=request.user)
    messages.success(request, "已生成新的 API 令牌，旧令牌立即失效。")
    return redirect("accounts:profile")


@perm_required(Perm.MANAGE_ACCOUNTS)
def user_list(request) -> HttpResponse:
    users = User.objects.visible_to(request.user).select_related("region", "department", "enterprise")
    role = request.GET.get("role", "")
    if role:
        users = users.filter(role=role)
    return render(request, "accounts/user_list.html", {"users": users, "roles": UserRole.choices, "role": role})


def _user_fields(form) -> dict:
    fields = {name: form.cleaned_data[name] for name in USER_FIELDS}
    if form.cleaned_data["role"] == UserRole.OWNER:
        fields["enterprise"] = services.enterprise_get_or_create(
            by=None, name=form.cleaned_data["enterprise_name"], region=form.cleaned_data.get("region")
        )
    return fields


@perm_required(Perm.MANAGE_ACCOUNTS)
def user_create(request) -> HttpResponse:
    form = NewUserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                fields = _user_fields(form)
                user = services.user_create(by=request.user, password=form.cleaned_data["password1"], **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已新建账号“{user.username}”。")
            return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form, "title": "新建账号"})


@perm_required(Perm.MANAGE_ACCOUNTS)
def user_edit(request, pk: int) -> HttpResponse:
    user = get_object_or_404(User.objects.visible_to(request.user), pk=pk)
    form = UserForm(request.POST or None, instance=User.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.user_update(by=request.user, user=user, **_user_fields(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已保存账号“{user.username}”。")
            return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form, "title": f"编辑账号：{user}", "object": user})


@perm_required(Perm.MANAGE_ACCOUNTS)
def user_password(request, pk: int) -> HttpResponse:
    user = get_object_or_404(User.objects.visible_to(request.user), pk=pk)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.user_set_password(by=request.user, user=user, password=form.cleaned_data["new_password1"])
        messages.success(request, f"已为“{user.username}”设置新密码。")
        return redirect("accounts:user_list")
    return render(request, "accounts/user_password.html", {"form": form, "object": user})


@perm_required(Perm.MANAGE_ORGANIZATION)
def department_list(request) -> HttpResponse:
    departments = Department.objects.visible_to(request.user)
    return render(request, "accounts/department_list.html", {"departments": departments})


@perm_required(Perm.MANAGE_ORGANIZATION)
def department_form(request, pk: int | None = None) -> HttpResponse:
    department = get_object_or_404(Department, pk=pk) if pk else None
    form = DepartmentForm(request.POST or None, instance=Department.objects.get(pk=pk) if pk else None)
    if request.method == "POST" and form.is_valid():
        if department is None:
            department = services.department_create(by=request.user, **form.cleaned_data)
        else:
            services.department_update(by=request.user, department=department, **form.cleaned_data)
        messages.success(request, f"已保存部门“{department.name}”。")
        return redirect("accounts:department_list")
    title = f"编辑部门：{department}" if department else "新建部门"
    return form_page(request, form, title, "accounts:department_list")


@perm_required(Perm.VIEW_ORGANIZATION)
def region_list(request) -> HttpResponse:
    regions = Region.objects.visible_to(request.user).select_related("parent")
    context = {
        "regions": regions,
        "perms_manage": has_perm(request.user, Perm.MANAGE_ORGANIZATION),
        "data_source": divisions.DATA_SOURCE,
    }
    return render(request, "accounts/region_list.html", context)


@perm_required(Perm.VIEW_ORGANIZATION)
def region_detail(request, code: str) -> HttpResponse:
    region = Region.objects.visible_to(request.user).filter(code=code).first()
    if region is None:
        log_refusal(request.user, f"区划 {code}")
        raise Http404
    context = {
        "region": region,
        "subtree": Region.objects.subtree(region).exclude(pk=region.pk).select_related("parent"),
        "users": region.users.filter(is_active=True),
        "can_edit": has_perm(request.user, Perm.MANAGE_ORGANIZATION),
    }
    return render(request, "accounts/region_detail.html", context)


@perm_required(Perm.MANAGE_ORGANIZATION)
def region_edit(request, code: str) -> HttpResponse:
    region = get_object_or_404(Region.objects.visible_to(request.user), code=code)
    form = RegionForm(request.POST or None, instance=Region.objects.get(pk=region.pk))
    if request.method == "POST" and form.is_valid():
        services.region_update(by=request.user, region=region, **form.cleaned_data)
        messages.success(request, f"已保存“{region.name}”。")
        return redirect("accounts:region_detail", code=region.code)
    return form_page(request, form, f"编辑区划：{region}", "accounts:region_list")


@perm_required(Perm.MANAGE_ORGANIZATION)
def zone_create(request) -> HttpResponse:
    form = ZoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            zone = services.zone_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已添加“{zone.name}”。")
            return redirect("accounts:region_detail", code=zone.code)
    return form_page(request, form, "添加开发区/示范区", "accounts:region_list")
