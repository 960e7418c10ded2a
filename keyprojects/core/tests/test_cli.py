"""The console script as an office's cron job runs it: one clear sentence, a non-zero exit, no traceback."""

import os
import subprocess
import sys

import pytest

SUBPROCESS_TIMEOUT = 60


def _run(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, **env}
    return subprocess.run(
        [sys.executable, "-m", "keyprojects.cli", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=SUBPROCESS_TIMEOUT,
    )


def test_a_bad_database_url_is_one_clear_sentence(tmp_path):
    result = _run("migrate", DATABASE_URL="mysql://nobody@host/db", KEYPROJECTS_DATA_DIR=str(tmp_path))
    assert result.returncode == 2
    assert "DATABASE_URL" in result.stderr and "无法识别" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_database_that_does_not_answer_is_one_clear_sentence(tmp_path):
    result = _run("migrate", DATABASE_URL="postgres://nobody@127.0.0.1:1/none", KEYPROJECTS_DATA_DIR=str(tmp_path))
    assert result.returncode == 3
    assert "无法连接数据库" in result.stderr and "Traceback" not in result.stderr


def test_a_bad_boolean_setting_is_refused(tmp_path):
    result = _run("check", KEYPROJECTS_DEBUG="maybe", KEYPROJECTS_DATA_DIR=str(tmp_path))
    assert result.returncode == 2 and "KEYPROJECTS_DEBUG" in result.stderr


@pytest.mark.skipif(os.getenv("DATABASE_URL", "").startswith("postgres"), reason="uses its own SQLite file")
def test_deploy_check_is_clean_with_production_settings(tmp_path):
    result = _run(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        KEYPROJECTS_DATA_DIR=str(tmp_path),
        KEYPROJECTS_DEBUG="0",
        KEYPROJECTS_HTTPS="1",
        KEYPROJECTS_ALLOWED_HOSTS="xm.xuchang.gov.cn",
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_the_secret_key_is_generated_once_and_kept_private(tmp_path):
    _run("check", KEYPROJECTS_DATA_DIR=str(tmp_path))
    key_file = tmp_path / "secret_key"
    first = key_file.read_text()
    _run("check", KEYPROJECTS_DATA_DIR=str(tmp_path))
    assert key_file.read_text() == first and len(first) >= 50
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
