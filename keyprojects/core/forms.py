from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's refusal on the form: on its field where the form has one, else on top."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def form_page(request, form, title: str, back: str) -> HttpResponse:
    """The page with one form (core/form_page.html); `back` is the URL name 取消 returns to."""
    return render(request, "core/form_page.html", {"form": form, "title": title, "back": back})
