import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token


@pytest.fixture
def app():
    request_finished.disconnect(close_old_connections)
    request_started.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_finished.connect(close_old_connections)
    request_started.connect(close_old_connections)


def run(app, people, role, failures):
    token = Token.objects.get_or_create(user=people.users[role])[0].key
    headers = {"Authorization": f"Token {token}"}
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", app, headers=headers)
    for result in schema.get_all_operations():
        op = result.ok()

        @settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=op.as_strategy())
        def check(case):
            case.call_and_validate(headers=headers)

        try:
            check()
        except (Exception, BaseExceptionGroup) as e:
            failures.append(f"{role} {op.label}: {e}")


def test_api(app, people):
    failures = []
    run(app, people, "city", failures)
    run(app, people, "owner_x", failures)
    print("\n\n".join(failures))
    assert not failures
