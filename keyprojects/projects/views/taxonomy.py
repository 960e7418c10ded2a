"""领域、行业和产业链: the configurable taxonomy of DOMAIN.md §4, kept by the city office."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from keyprojects.accounts.decorators import perm_required
from keyprojects.accounts.permissions import Perm, has_perm
from keyprojects.projects import services
from keyprojects.projects.forms import ChainForm, DomainForm, IndustryForm
from keyprojects.projects.models import Domain, IndustryChain

FORMS = {"domain": DomainForm, "industry": IndustryForm, "chain": ChainForm}


@require_GET
@login_required
def taxonomy(request) -> HttpResponse:
    context = {
        "domains": Domain.objects.prefetch_related("industries"),
        "chains": IndustryChain.objects.all(),
        "can_manage": has_perm(request.user, Perm.MANAGE_LEADERS),
        **{f"{kind}_form": form(prefix=kind) for kind, form in FORMS.items()},
    }
    return render(request, "projects/taxonomy.html", context)


@require_POST
@perm_required(Perm.MANAGE_LEADERS)
def taxonomy_add(request, kind: str) -> HttpResponse:
    if kind not in FORMS:
        raise Http404
    form = FORMS[kind](request.POST, prefix=kind)
    if form.is_valid():
        item = services.taxonomy_save(by=request.user, item=form.instance)
        messages.success(request, f"已添加“{item}”。")
    else:
        messages.error(request, "；".join(error for errors in form.errors.values() for error in errors))
    return redirect("projects:taxonomy")
