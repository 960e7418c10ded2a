"""Calling the API in-process through Django's real WSGI handler (as schemathesis does), in a test."""

import logging

import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from rest_framework.authtoken.models import Token

SCHEMA_PATH = "/api/schema/?format=json"


def in_process_app():
    """Django's WSGI handler, minus the connection closing around each request: in a test that connection
    holds the test's transaction (Django's own test client does the same), so nothing outlives the test."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    security = logging.getLogger("keyprojects.security")
    security.disabled = True  # thousands of generated refusals would fill the data directory's security.log
    try:
        yield get_wsgi_application()
    finally:
        security.disabled = False
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def token_headers(user) -> dict:
    return {"Authorization": f"Token {Token.objects.get_or_create(user=user)[0].key}"}


def load_schema(app, user):
    """The schema as the app serves it to `user`, ready to generate and validate calls."""
    return schemathesis.openapi.from_wsgi(SCHEMA_PATH, app, headers=token_headers(user))
