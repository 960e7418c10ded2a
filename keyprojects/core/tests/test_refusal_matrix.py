"""Every URL of the platform, tried by every role (keyprojects/testing/matrix.py)."""

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from keyprojects.testing.matrix import CASES, DENIED, FORBIDDEN, HIDDEN, LOGIN, OK
from keyprojects.testing.people import ROLES


def _named_patterns(patterns, namespace: str = "") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _named_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def _outcome(response) -> str:
    status = response.status_code
    if status in (301, 302):
        return LOGIN if response["Location"].startswith(reverse(settings.LOGIN_URL)) else OK
    if status < 300 or status == 409:
        return OK
    return {401: DENIED, 403: FORBIDDEN, 404: HIDDEN}.get(status, f"status {status}")


def test_every_named_url_is_in_the_refusal_matrix():
    covered = {case.url_name for case in CASES}
    missing = _named_patterns(get_resolver().url_patterns) - covered
    assert not missing, f"这些 URL 不在拒绝矩阵中：{sorted(missing)}"


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.url_name)
def test_every_role_gets_what_the_matrix_says(case, people, client_for):
    url = reverse(case.url_name, kwargs=case.kwargs(people)) + (f"?{case.query}" if case.query else "")
    failures = []
    for role in ROLES:
        response = getattr(client_for(role), case.method)(url)
        outcome = _outcome(response)
        expected = case.expected[role]
        if outcome == FORBIDDEN and expected == DENIED:
            continue  # DENIED accepts 401 or 403
        if outcome != expected:
            failures.append(f"{role}: 期望 {expected}，实际 {outcome}")
    assert not failures, f"{case.method.upper()} {url}\n" + "\n".join(failures)
