"""Every API answer matches /api/schema/: schemathesis generates requests from the schema and sends them to
the Django app in-process (WSGI, inside the test's transaction), as the city administrator and as a
project owner over the seeded people, and checks each answer: no server error, a documented status code,
the documented content type and body, and no schema-valid request refused.

Bounded: EXAMPLES generated requests per operation and role, the same ones on every run (derandomized).
Measured on this 2-core machine: 36 s for both roles on SQLite and 37 s on PostgreSQL; up to 104 s while
other test runs loaded it (load average 7)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from keyprojects.testing.api import load_schema, token_headers

EXAMPLES = 15
ROLES = ["city", "owner_x"]


@pytest.fixture(autouse=True)
def hypothesis_home(tmp_path):
    """Hypothesis keeps caches in ./.hypothesis; this run writes them under the test's own temporary directory."""
    set_hypothesis_home_dir(tmp_path / "hypothesis")
    yield
    set_hypothesis_home_dir(None)


def _known_path_values(schema, headers) -> dict:
    """For each list path, the key of its first row the caller sees, so that detail paths hit real rows too."""
    values = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() != "GET" or "{" in operation.path:
            continue
        body = operation.Case().call(headers=headers).json()
        rows = body.get("results") if isinstance(body, dict) else None
        if rows:
            values[operation.path] = rows[0]
    return values


def _path_values(operation, known: dict) -> dict | None:
    """The seeded row's key for the operation's path parameter ({id} or {code}), if the caller sees one."""
    list_path = operation.path.split("{")[0]
    row = known.get(list_path)
    names = [p.name for p in operation.path_parameters]
    if row is None or len(names) != 1 or names[0] not in row:
        return None
    return {names[0]: row[names[0]]}


def _strategy(operation, known: dict):
    generated = operation.as_strategy()
    seeded = _path_values(operation, known)
    return st.one_of(generated, operation.as_strategy(path_parameters=seeded)) if seeded else generated


def _check_every_operation(app, user) -> list[str]:
    headers = token_headers(user)
    schema = load_schema(app, user)
    known = _known_path_values(schema, headers)
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,  # no example database: nothing kept between runs
            derandomize=True,  # the same requests on every run: a failure here is reproducible
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
        )
        @given(case=_strategy(operation, known))
        def answers_as_documented(case):
            case.call_and_validate(headers=headers)

        try:
            answers_as_documented()
        except (AssertionError, BaseExceptionGroup) as failure:
            failures.append(f"{user.username} {operation.label}: {failure}")
    return failures


@pytest.mark.parametrize("role", ROLES)
def test_every_api_answer_matches_the_schema(api_app, people, role):
    failures = _check_every_operation(api_app, people.users[role])
    assert not failures, "\n\n".join(failures)
