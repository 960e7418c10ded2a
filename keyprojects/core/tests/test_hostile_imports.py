"""Every hostile file, on every import, through the page (as the role that imports) and the command line:
refused with a Chinese message, the process alive, and the database exactly as it was."""

import re

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.urls import reverse

from keyprojects import cli
from keyprojects.core.excel import container, sandbox
from keyprojects.core.tests.hostile_files import CORPUS, unique_count

# (page, who imports there, extra form fields, command line after the file)
IMPORTERS = {
    "projects": ("projects:import", "city", {"year": "2026"}, ["import-projects", "--year", "2026"]),
    "reports": ("reports:import", "city", {"period": "2026-10"}, ["import-reports", "--period", "2026-10"]),
    "attraction": ("attraction:import", "invest", {}, ["import-attraction"]),
}
EMPTY_UPLOAD = "提交的是空文件"  # Django's own form refuses an empty upload before the reader does


def fingerprint() -> dict:
    """Row count and highest id of every table: any write, change-log line included, shows."""
    return {
        model._meta.label: (model.objects.count(), model.objects.order_by("-pk").values_list("pk", flat=True).first())
        for model in apps.get_models()
    }


def log_in(client, people, importer: str) -> None:
    client.force_login(getattr(people, IMPORTERS[importer][1]))


def post(client, importer: str, data: bytes):
    url, _, fields, _ = IMPORTERS[importer]
    return client.post(reverse(url), {**fields, "file": SimpleUploadedFile("名单.xlsx", data)})


@pytest.mark.parametrize("importer", IMPORTERS)
@pytest.mark.parametrize("name", CORPUS)
def test_a_hostile_file_uploaded_on_the_page_is_refused_in_chinese_and_changes_nothing(people, client, name, importer):
    build, phrase = CORPUS[name]
    log_in(client, people, importer)
    before = fingerprint()
    response = post(client, importer, build())
    assert response.status_code == 200
    assert (EMPTY_UPLOAD if name == "empty" else phrase) in response.content.decode()
    assert fingerprint() == before


@pytest.mark.parametrize("importer", IMPORTERS)
@pytest.mark.parametrize("name", CORPUS)
def test_a_hostile_file_given_to_the_command_exits_non_zero_in_chinese_and_changes_nothing(
    people, tmp_path, capsys, monkeypatch, name, importer
):
    monkeypatch.setattr(connections, "close_all", lambda: None)  # the command's last act; the test still needs it
    build, phrase = CORPUS[name]
    path = tmp_path / "名单.xlsx"
    path.write_bytes(build())
    before = fingerprint()
    command = IMPORTERS[importer][3]
    with pytest.raises(SystemExit) as exited:
        cli.main(["keyprojects", command[0], str(path), *command[1:]])
    assert exited.value.code != 0
    error = capsys.readouterr().err
    assert phrase in error and re.search("[\u4e00-\u9fff]", error) and "Traceback" not in error
    assert fingerprint() == before


@pytest.mark.parametrize("importer", IMPORTERS)
def test_a_file_that_slips_past_the_checks_is_refused_on_the_page_and_the_worker_lives_on(
    people, client, monkeypatch, importer
):
    monkeypatch.setattr(container, "check_parts", lambda *args, **kwargs: None)
    log_in(client, people, importer)
    before = fingerprint()
    response = post(client, importer, unique_count())
    assert sandbox.TOO_HEAVY in response.content.decode()
    assert fingerprint() == before
    assert client.get(reverse(IMPORTERS[importer][0])).status_code == 200
