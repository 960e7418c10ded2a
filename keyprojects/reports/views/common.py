from django.http import Http404

from keyprojects.accounts.scope import visible_or_404
from keyprojects.reports.models import Period, Report, parse_period_code


def get_period(code: str) -> Period:
    try:
        year, month = parse_period_code(code)
    except ValueError:
        raise Http404 from None
    period = Period.objects.filter(year=year, month=month).first()
    if period is None:
        raise Http404
    return period


def get_report(request, pk: int) -> Report:
    reports = Report.objects.visible_to(request.user).select_related(
        "project", "project__region", "project__owner", "period"
    )
    return visible_or_404(reports, request.user, f"月报 {pk}", pk=pk)
