"""Two reviewers acting on the same report at the same moment (runs on PostgreSQL and SQLite)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from keyprojects.core.models import ChangeLogEntry
from keyprojects.reports import services
from keyprojects.reports.models import Report
from keyprojects.testing.factories import UserFactory

ATTEMPTS = 5


@pytest.mark.django_db(transaction=True)
def test_approving_and_returning_at_once_leaves_one_outcome_and_one_log_row(people):
    colleague = UserFactory(username="t_county_a2", role="county_admin", region=people.county_a_region)
    for _ in range(ATTEMPTS):
        Report.objects.filter(pk=people.report_a.pk).update(status="submitted")
        report_id = people.report_a.pk
        before = ChangeLogEntry.objects.for_object(people.report_a).count()
        barrier = threading.Barrier(2)
        outcomes = []

        def act(step, **extra):
            try:
                barrier.wait()
                step(report=Report.objects.get(pk=report_id), **extra)
                outcomes.append("done")
            except ValidationError:
                outcomes.append("refused")
            finally:
                connection.close()

        threads = [
            threading.Thread(target=act, args=(services.report_approve,), kwargs={"by": people.county_a}),
            threading.Thread(
                target=act, args=(services.report_return,), kwargs={"by": colleague, "reason": "同时退回"}
            ),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(outcomes) == ["done", "refused"]
        assert Report.objects.get(pk=report_id).status in ("county_approved", "returned")
        assert ChangeLogEntry.objects.for_object(people.report_a).count() == before + 1
