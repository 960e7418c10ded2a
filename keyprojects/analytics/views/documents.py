"""通报 and 提示函 pages: the bulletin for download, letters issued by the city and answered by counties."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from keyprojects.accounts.decorators import perm_required
from keyprojects.accounts.permissions import Perm, has_perm
from keyprojects.accounts.scope import visible_or_404
from keyprojects.analytics import documents, services
from keyprojects.analytics.forms import LetterNumberingForm
from keyprojects.analytics.models import WarningLetter
from keyprojects.analytics.views.common import chosen_day, chosen_period, period_picker
from keyprojects.core.downloads import DOCX_TYPE, XLSX_TYPE, attachment
from keyprojects.core.forms import form_page
from keyprojects.reports.services import period_get_or_create

DEFAULT_REPLY_DAYS = 10


@require_GET
@login_required
def bulletin(request) -> HttpResponse:
    year, month = chosen_period(request)
    context = documents.bulletin_context(request.user, year, month, day=chosen_day(request))
    name = f"通报-{year}-{month:02d}"
    if request.GET.get("format") == "docx":
        return attachment(documents.bulletin_docx(context), f"{name}.docx", DOCX_TYPE)
    if request.GET.get("format") == "xlsx":
        return attachment(documents.bulletin_xlsx(context), f"{name}.xlsx", XLSX_TYPE)
    return render(request, "analytics/bulletin.html", {**context, **period_picker(year, month)})


@require_GET
@perm_required(Perm.VIEW_LETTERS)
def letters(request) -> HttpResponse:
    year, month = chosen_period(request)
    letters = WarningLetter.objects.visible_to(request.user).filter(period__year=year, period__month=month)
    can_issue = has_perm(request.user, Perm.ISSUE_LETTERS)
    numbering = services.letter_numbering_for(timezone.localdate().year) if can_issue else None
    context = {
        "letters": letters.select_related("region", "period"),
        "year": year,
        "month": month,
        **period_picker(year, month),
        "can_issue": can_issue,
        "can_answer": has_perm(request.user, Perm.ANSWER_LETTERS),
        "default_deadline": timezone.localdate() + datetime.timedelta(days=DEFAULT_REPLY_DAYS),
        "numbering": numbering,
        "issuer": documents.issuer(),
        "next_number": numbering.number(numbering.next_serial) if numbering else None,
    }
    return render(request, "analytics/letters.html", context)


@require_POST
@perm_required(Perm.ISSUE_LETTERS)
def letters_issue(request) -> HttpResponse:
    year, month = chosen_period(request)
    try:
        deadline = datetime.date.fromisoformat(request.POST.get("deadline", ""))
        issued = services.letters_issue(
            by=request.user, period=period_get_or_create(year=year, month=month), deadline=deadline
        )
    except ValueError:
        messages.error(request, "请填写整改反馈期限。")
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, f"已印发提示函 {len(issued)} 份（已印发过的不再重复）。")
    return redirect(f"/analytics/letters/?period={year}-{month:02d}")


@perm_required(Perm.ISSUE_LETTERS)
def letter_numbering(request, year: int) -> HttpResponse:
    """The office's pattern of letter numbers and the next serial of the year."""
    form = LetterNumberingForm(request.POST or None, instance=services.letter_numbering_for(year))
    if request.method == "POST" and form.is_valid():
        try:
            numbering = services.letter_numbering_save(by=request.user, numbering=form.instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"已保存{year}年提示函文号，下一份为{numbering.number(numbering.next_serial)}。")
            return redirect("analytics:letters")
    return form_page(request, form, f"{year}年提示函文号", "analytics:letters")


def _letter(request, pk: int) -> WarningLetter:
    letters = WarningLetter.objects.visible_to(request.user).select_related("region", "period")
    return visible_or_404(letters, request.user, f"提示函 {pk}", pk=pk)


@require_GET
@perm_required(Perm.VIEW_LETTERS)
def letter_docx(request, pk: int) -> HttpResponse:
    letter = _letter(request, pk)
    context = documents.letter_context(letter)
    return attachment(documents.render_docx("letter", context), f"{letter.number}.docx", DOCX_TYPE)


@require_POST
@perm_required(Perm.ANSWER_LETTERS)
def letter_reply(request, pk: int) -> HttpResponse:
    letter = _letter(request, pk)
    try:
        services.letter_reply(by=request.user, letter=letter, reply=request.POST.get("reply", ""))
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, f"已提交{letter.number}的整改反馈。")
    return redirect(f"/analytics/letters/?period={letter.period.code}")
