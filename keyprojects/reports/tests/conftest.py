import datetime
from decimal import Decimal

import pytest

from keyprojects.reports.models import Period, Report


@pytest.fixture
def month(people):
    """Make (or fetch) a period of 2026 by month number, open for reporting."""

    def make(number: int, **fields) -> Period:
        period, _ = Period.objects.get_or_create(
            year=2026, month=number, defaults={"is_open": True, **Period.default_deadlines(2026, number), **fields}
        )
        return period

    return make


@pytest.fixture
def confirmed(people, month):
    """Put a confirmed report for project A in a month of 2026."""

    def make(number: int, amount: str) -> Report:
        return Report.objects.create(
            project=people.project_a,
            period=month(number),
            amount=Decimal(amount),
            status="confirmed",
            submitted_at=datetime.datetime(2026, number, 28, tzinfo=datetime.UTC),
            confirmed_at=datetime.datetime(2026, number, 28, tzinfo=datetime.UTC),
        )

    return make
