"""What the bench scripts share: running the platform's command line, a fresh database, and Django set up on it."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path


def keyprojects(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "keyprojects.cli", *args], env=env, check=True, capture_output=True, text=True
    )


def recreate_database(url: str | None) -> None:
    """A PostgreSQL URL's database dropped and created empty (trust auth on this machine); SQLite needs nothing."""
    if url and url.startswith("postgres"):
        name = url.rsplit("/", 1)[1]
        admin = url.rsplit("/", 1)[0] + "/postgres"
        import psycopg

        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')


def prepare_database(url: str | None, env: dict) -> None:
    """Migrated, 许昌 set up as the city, and a `bench` city administrator."""
    recreate_database(url)
    keyprojects("migrate", "-v", "0", env=env)
    keyprojects("setup-city", "411000", env=env)
    code = (
        "from keyprojects.accounts.services import user_create;"
        "user_create(by=None, username='bench', password='bench-pass-2026', role='city_admin')"
    )
    keyprojects("shell", "-c", code, env=env)


def start(database_url: str) -> Path:
    """A fresh data directory and database (migrated, city set up, a `bench` city administrator), and Django
    set up in this process on them."""
    workdir = Path(tempfile.mkdtemp(prefix="kp-bench-"))
    env = {**os.environ, "KEYPROJECTS_DATA_DIR": str(workdir), "KEYPROJECTS_HTTPS": "0"}
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
    prepare_database(database_url, env)
    os.environ.clear()
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "keyprojects.settings"
    import django

    django.setup()
    return workdir
