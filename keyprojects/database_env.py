"""Prints DATABASE_URL (from the environment variable DB_URL) as NUL-separated KEY=value pairs for the shell.

deploy/backup.sh and deploy/restore.sh read it, so both scripts resolve the database exactly as the platform does
(dj-database-url) and get libpq's PG* variables for pg_dump/pg_restore: `python -m keyprojects.database_env`.
"""

import os
import sys

import dj_database_url


def pairs(url: str) -> dict[str, str]:
    config = dj_database_url.parse(url)
    found = {"ENGINE": config.get("ENGINE", ""), "NAME": str(config.get("NAME") or "")}
    if "postgresql" in found["ENGINE"]:
        found.update(
            PGHOST=config.get("HOST") or "",
            PGPORT=str(config.get("PORT") or ""),
            PGUSER=config.get("USER") or "",
            PGPASSWORD=config.get("PASSWORD") or "",
            PGDATABASE=found["NAME"],
            PGSSLMODE=(config.get("OPTIONS") or {}).get("sslmode", ""),
        )
    return found


if __name__ == "__main__":
    for key, value in pairs(os.environ["DB_URL"]).items():
        sys.stdout.write(f"{key}={value}\0")
