import pytest

from keyprojects.testing.api import in_process_app


@pytest.fixture
def api_app():
    yield from in_process_app()
