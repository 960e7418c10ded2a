"""Two reviewers acting on the same report at the same moment (meaningful on PostgreSQL; SQLite
serialises writers with IMMEDIATE transactions and must give the same answer)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from keyprojects.core.models import ChangeLogEntry
from keyprojects.reports import services
from keyprojects.reports.models import Report
from keyprojects.testing.factories import UserFactory

ATTEMPTS = 5


def _race(report_id: int, steps: list) -> list[str]:
    """Run each (step, keyword arguments) in its own thread, all released at once; their outcomes."""
    barrier = threading.Barrier(len(steps))
    outcomes = []

    def act(step, extra):
        try:
            barrier.wait()
            step(report=Report.objects.get(pk=report_id), **extra)
            outcomes.append("done")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=step) for step in steps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


@pytest.mark.django_db(transaction=True)
def test_approving_and_returning_at_once_leaves_one_outcome_and_one_log_row(people):
    colleague = UserFactory(username="t_county_a2", role="county_admin", region=people.county_a_region)
    for _ in range(ATTEMPTS):
        Report.objects.filter(pk=people.report_a.pk).update(status="submitted")
        before = ChangeLogEntry.objects.for_object(people.report_a).count()
        outcomes = _race(
            people.report_a.pk,
            [
                (services.report_approve, {"by": people.county_a}),
                (services.report_return, {"by": colleague, "reason": "同时退回"}),
            ],
        )
        assert outcomes == ["done", "refused"]
        assert Report.objects.get(pk=people.report_a.pk).status in ("county_approved", "returned")
        assert ChangeLogEntry.objects.for_object(people.report_a).count() == before + 1
