"""要素保障: each project's needs, and the bi-monthly financing-needs list for banks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from keyprojects.accounts.decorators import perm_required
from keyprojects.accounts.permissions import Perm, has_perm
from keyprojects.accounts.scope import visible_or_404
from keyprojects.attraction import exports, services
from keyprojects.attraction.choices import ElementStatus
from keyprojects.attraction.forms import ElementForm, FinancingNeedForm
from keyprojects.attraction.models import ElementNeed, FinancingList, FinancingNeed
from keyprojects.core.downloads import attachment
from keyprojects.core.forms import form_page


@require_GET
@login_required
def element_list(request) -> HttpResponse:
    needs = ElementNeed.objects.visible_to(request.user).select_related("project", "department")
    if request.GET.get("status") in ElementStatus.values:
        needs = needs.filter(status=request.GET["status"])
    if request.GET.get("format") == "xlsx":
        return attachment(exports.elements_xlsx(needs), "要素保障需求.xlsx")
    context = {
        "needs": needs,
        "statuses": ElementStatus.choices,
        "lists": FinancingList.objects.all()[:12],
        "can_edit": has_perm(request.user, Perm.MANAGE_ELEMENTS),
        "can_publish": has_perm(request.user, Perm.MANAGE_FINANCING),
    }
    return render(request, "attraction/element_list.html", context)


@perm_required(Perm.MANAGE_ELEMENTS)
def element_form(request, pk: int | None = None) -> HttpResponse:
    instance = (
        visible_or_404(ElementNeed.objects.visible_to(request.user), request.user, f"要素需求 {pk}", pk=pk)
        if pk
        else None
    )
    form = ElementForm(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.element_save(by=request.user, need=form.instance)
        messages.success(request, "已保存要素需求。")
        return redirect("attraction:elements")
    return form_page(request, form, "要素需求", "attraction:elements")


@require_POST
@perm_required(Perm.MANAGE_FINANCING)
def financing_publish(request) -> HttpResponse:
    today = timezone.localdate()
    try:
        financing = services.financing_list_publish(
            by=request.user, year=today.year, number=(today.month + 1) // 2, published_on=today
        )
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect("attraction:elements")
    messages.success(request, f"已建立{financing}。")
    return redirect("attraction:financing", pk=financing.pk)


@login_required
def financing_detail(request, pk: int) -> HttpResponse:
    financing = get_object_or_404(FinancingList, pk=pk)
    needs = FinancingNeed.objects.visible_to(request.user).filter(financing_list=financing).select_related("project")
    if request.GET.get("format") == "xlsx":
        return attachment(exports.financing_xlsx(financing, needs), f"{financing}.xlsx")
    can_edit = has_perm(request.user, Perm.MANAGE_FINANCING)
    form = FinancingNeedForm(request.POST or None, user=request.user) if can_edit else None
    if request.method == "POST" and can_edit and form.is_valid():
        form.instance.financing_list = financing
        services.financing_need_save(by=request.user, need=form.instance)
        messages.success(request, "已加入清单。")
        return redirect("attraction:financing", pk=financing.pk)
    return render(request, "attraction/financing.html", {"financing": financing, "needs": needs, "form": form})
