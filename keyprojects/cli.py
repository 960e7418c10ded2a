"""The `keyprojects` console script: Django's management commands under the platform's name.

Configuration and connection problems end in one clear sentence and a non-zero exit, never a
traceback, because offices run these commands from cron and read only the last line.
"""

import os
import sys

EXIT_CONFIG = 2
EXIT_DATABASE = 3
CONNECT_TIMEOUT_SECONDS = 5
NO_DATABASE_ARGS = {"help", "--help", "-h", "version", "--version"}


def _check_postgres() -> None:
    """Fail fast with the server's own reason, instead of waiting on the pool's retries."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    import psycopg

    db = connection.settings_dict
    params = {
        "dbname": db["NAME"],
        "user": db["USER"],
        "password": db["PASSWORD"],
        "host": db["HOST"],
        "port": db["PORT"],
    }
    psycopg.connect(**{k: v for k, v in params.items() if v}, connect_timeout=CONNECT_TIMEOUT_SECONDS).close()


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "keyprojects.settings")
    argv = list(argv if argv is not None else sys.argv)
    argv[0] = "keyprojects"

    from django.core.exceptions import ImproperlyConfigured
    from django.db import DatabaseError, InterfaceError, OperationalError
    from psycopg import OperationalError as PostgresOperationalError

    try:
        import django

        django.setup()
        from django.core.management import execute_from_command_line

        if len(argv) > 1 and argv[1] not in NO_DATABASE_ARGS:
            _check_postgres()

        execute_from_command_line(argv)
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"配置有误：{exc}\n")
        sys.exit(EXIT_CONFIG)
    except (OperationalError, InterfaceError, PostgresOperationalError) as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        sys.stderr.write(f"无法连接数据库，请检查 DATABASE_URL 和数据库服务：{first_line}\n")
        sys.exit(EXIT_DATABASE)
    except DatabaseError as exc:
        sys.stderr.write(f"数据库出错：{exc}\n")
        sys.exit(EXIT_DATABASE)


if __name__ == "__main__":
    main()
