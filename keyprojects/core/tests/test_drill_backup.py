"""Fault drill (issue 14): `deploy/backup.sh`, then `deploy/restore.sh` into an empty database, gives back
the same platform — the same statistics and bulletin to the cent, and the uploaded evidence.

A small city is seeded on a database of its own (`keyprojects/testing/drill_data.seed_city`: the
suite's people and journey month, 魏都区 figures with cents, a provincial project, evidence files,
colours and one the city adjusted), its figures are read through the platform's own code and
command line, it is backed up as cron would (an environment file, a backup directory), and restored
as docs/deploy.md §7 says into a fresh data directory and an empty database. On PostgreSQL the
backup is pg_dump/pg_restore; on SQLite the online copy.
"""

import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from keyprojects.testing import drills

pytestmark = pytest.mark.drill

BACKUP = drills.ROOT / "deploy" / "backup.sh"
RESTORE = drills.ROOT / "deploy" / "restore.sh"
PERIOD = "2026-10"
# What the seeded city adds up to (12,279.70 in 建安区 + 104,321.09 in 魏都区): the drill compares real figures.
CITY_YTD = "116600.79"


def _postgres_tools_missing() -> str:
    """Why the PostgreSQL backup cannot run here, or "" (./test installs postgresql-client where it can)."""
    if not drills.postgres_url_of_run():
        return ""
    missing = [tool for tool in ("pg_dump", "pg_restore", "psql") if shutil.which(tool) is None]
    return f"缺少 {', '.join(missing)}（apt-get install postgresql-client）" if missing else ""


def env_file(site: drills.Site, directory: Path) -> Path:
    """The /etc/keyprojects/keyprojects.env of this site, as backup.sh and restore.sh read it."""
    lines = [f"KEYPROJECTS_DATA_DIR={site.data_dir}"]
    if site.database_url:
        lines.append(f"DATABASE_URL={site.database_url}")
    path = directory / f"{site.data_dir.name}.env"
    path.write_text("\n".join(lines) + "\n")
    return path


def script(path: Path, *args, env_file: Path, **extra) -> subprocess.CompletedProcess:
    """A deploy script run as cron runs it: nothing of the test run's environment but what is passed."""
    env = {**drills.base_env(), "KEYPROJECTS_ENV_FILE": str(env_file), "KEYPROJECTS_PYTHON": sys.executable, **extra}
    return subprocess.run(["bash", str(path), *map(str, args)], env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def drill():
    if reason := _postgres_tools_missing():
        pytest.skip(reason)
    work = Path(tempfile.mkdtemp(prefix="kp-drill-backup-"))
    try:
        with drills.site("source") as source, drills.site("restored") as restored:
            source.data("seed_city")
            before = source.data("figures")
            backup = script(BACKUP, env_file=env_file(source, work), BACKUP_DIR=str(work / "backups"))
            assert backup.returncode == 0, backup.stderr
            (made,) = (work / "backups").glob("keyprojects-*")
            restore = script(RESTORE, made, env_file=env_file(restored, work))
            assert restore.returncode == 0, f"{restore.stdout}\n{restore.stderr}"
            yield {
                "work": work,
                "backup": made,
                "source": source,
                "restored": restored,
                "before": before,
                "after": restored.data("figures"),
            }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def test_the_backup_lists_every_file_in_sha256sums_and_each_matches(drill):
    backup = drill["backup"]
    listed = {}
    for line in (backup / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        listed[name.lstrip("*")] = digest
    database = "keyprojects.dump" if drill["source"].is_postgres else "keyprojects.sqlite3"
    assert set(listed) == {database, "data.tar.gz", "keyprojects.env"}
    assert set(listed) == {path.name for path in backup.iterdir()} - {"SHA256SUMS"}
    for name, digest in listed.items():
        assert hashlib.sha256((backup / name).read_bytes()).hexdigest() == digest, name


def test_the_restored_database_gives_the_same_statistics_to_the_cent(drill):
    before, after = drill["before"], drill["after"]
    assert before["indicators"]["ytd_completed"] == CITY_YTD and before["confirmed"] > 0
    for key in ("indicators", "county", "provincial", "september", "by_region", "by_level", "ranking"):
        assert after[key] == before[key], key


def test_the_restored_database_keeps_every_row_and_every_colour_with_the_citys_adjustment(drill):
    before, after = drill["before"], drill["after"]
    assert after["rows"] == before["rows"]
    assert after["colors"] == before["colors"]
    assert ["黄"] == [override for _, _, _, override, _, reason in before["colors"] if override]


def test_the_bulletin_says_the_same_after_restore_in_its_data_and_its_word_text(drill):
    before, after = drill["before"], drill["after"]
    assert after["bulletin"] == before["bulletin"]
    assert after["bulletin_docx"] == before["bulletin_docx"]
    assert any("1—10月完成投资11.66亿元" in line for line in before["bulletin_docx"])
    assert "2 | 魏都区 | 3 | 30.12 | 10.43 | 34.64% | 0%" in before["bulletin_docx"]
    assert before["bulletin"]["figures"]["ytd_completed"] == CITY_YTD


def test_the_command_line_prints_and_writes_the_same_after_restore(drill):
    before, after = drill["before"]["command_line"], drill["after"]["command_line"]
    assert '"ytd_completed": 116600.79' in before["stats"]
    for key in before:
        assert after[key] == before[key], key


def test_uploaded_evidence_files_come_back_byte_for_byte(drill):
    before, after = drill["before"]["evidence"], drill["after"]["evidence"]
    assert len(before) == 5
    assert after == before
    for name in before:
        assert (drill["restored"].data_dir / "media" / name).is_file()


def test_the_restored_platform_records_new_data(drill):
    # November's colours are new rows: on PostgreSQL they need the sequences restored with the tables.
    colours = drill["restored"].keyprojects("colors", "--period", "2026-11", "--json")
    assert '"project_code"' in colours


def test_restore_refuses_a_backup_that_does_not_match_its_checksums_and_touches_nothing(drill):
    tampered = drill["work"] / "tampered"
    shutil.copytree(drill["backup"], tampered)
    with (tampered / "data.tar.gz").open("ab") as archive:
        archive.write(b"\0")
    with drills.site("tampered") as target:
        result = script(RESTORE, tampered, env_file=env_file(target, drill["work"]))
        assert result.returncode != 0
        assert "与 SHA256SUMS 不符" in result.stderr and "未做任何恢复" in result.stderr
        assert list(target.data_dir.iterdir()) == []
        if target.is_postgres:
            assert (
                target.python("from django.db import connection; print(connection.introspection.table_names())")
                == "[]\n"
            )


def test_restore_refuses_a_database_that_is_not_empty(drill):
    restored = drill["restored"]
    result = script(RESTORE, drill["backup"], env_file=env_file(restored, drill["work"]))
    assert result.returncode != 0
    assert ("不是空的" if restored.is_postgres else "已存在") in result.stderr
    figures = restored.data("figures")
    for key in ("indicators", "bulletin", "evidence"):
        assert figures[key] == drill["before"][key], key
