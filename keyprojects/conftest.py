import pytest
from django.test import Client

from keyprojects.testing import strict_templates
from keyprojects.testing.browser import browser  # noqa: F401  (the real-browser fixture, for every app)
from keyprojects.testing.journey import journey  # noqa: F401  (the month the browser journeys walk through)
from keyprojects.testing.people import make_people


@pytest.fixture(autouse=True)
def test_settings(settings, monkeypatch):
    """Tests speak plain http to the test client; production redirects to https; templates are strict."""
    strict_templates.install(monkeypatch)
    settings.SECURE_SSL_REDIRECT = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
    # The hashed-name manifest exists only after collectstatic, which tests do not run.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def people(db):
    return make_people()


@pytest.fixture
def client_for(people):
    """A logged-in test client for a role of `people` ("anonymous" gives a fresh client)."""

    def make(role: str) -> Client:
        client = Client()
        user = people.users[role]
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make
