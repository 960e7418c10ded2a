"""Reading the environment: tiny helpers that fail loudly on a bad value.

Every variable the platform reads is listed in `.env.example` and in ../shared/INTERFACES.md.
"""

import os
import secrets
from pathlib import Path
from urllib.parse import urlparse

from django.core.exceptions import ImproperlyConfigured

SECRET_KEY_FILE = "secret_key"
SQLITE_FILE = "keyprojects.sqlite3"
SQLITE_BUSY_TIMEOUT_SECONDS = 20


def envbool(name: str, default: str) -> bool:
    value = os.getenv(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"环境变量 {name} 的值“{value}”无法识别，请填 1 或 0。")


def envint(name: str, default: str) -> int:
    value = os.getenv(name, default).strip()
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"环境变量 {name} 的值“{value}”不是整数。") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


def data_dir() -> Path:
    path = Path(os.getenv("KEYPROJECTS_DATA_DIR", "./var")).resolve()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ImproperlyConfigured(f"数据目录 {path} 无法创建：{exc.strerror}。") from None
    return path


def secret_key(directory: Path) -> str:
    """The key from the environment, else the one kept in the data directory, made on first start."""
    if os.getenv("KEYPROJECTS_SECRET_KEY"):
        return os.environ["KEYPROJECTS_SECRET_KEY"]
    key_file = directory / SECRET_KEY_FILE
    if not key_file.exists():
        # O_EXCL so that two workers starting at once cannot write two different keys.
        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(50))
        except FileExistsError:
            pass
    return key_file.read_text().strip()


def database(directory: Path) -> dict:
    url = os.getenv("DATABASE_URL", "").strip() or f"sqlite:///{directory / SQLITE_FILE}"
    scheme = urlparse(url).scheme
    if scheme == "sqlite":
        return _sqlite(url)
    if scheme in ("postgres", "postgresql", "pgsql"):
        return _postgres(url)
    raise ImproperlyConfigured(
        f"DATABASE_URL“{url}”无法识别：应为 sqlite:///路径 或 postgres://用户:密码@主机:端口/库名。"
    )


def _sqlite(url: str) -> dict:
    import dj_database_url

    config = dj_database_url.parse(url)
    if not config.get("NAME"):
        raise ImproperlyConfigured(f"DATABASE_URL“{url}”缺少 SQLite 文件路径。")
    # Immediate transactions and a busy timeout make concurrent writers wait rather than fail.
    # Tests use a file too: an in-memory database cannot have two writers waiting on each other.
    config["TEST"] = {"NAME": str(Path(config["NAME"]).with_name("test_" + Path(config["NAME"]).name))}
    config["OPTIONS"] = {
        "timeout": SQLITE_BUSY_TIMEOUT_SECONDS,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    return config


def _postgres(url: str) -> dict:
    import dj_database_url

    try:
        config = dj_database_url.parse(url)
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL“{url}”格式有误：{exc}") from None
    if not config.get("NAME"):
        raise ImproperlyConfigured(f"DATABASE_URL“{url}”缺少数据库名。")
    pool_size = envint("KEYPROJECTS_DB_POOL_SIZE", "10")
    # 0 turns the pool off (the test run, and PgBouncer in transaction mode, want that).
    config["OPTIONS"] = {"pool": {"min_size": 1, "max_size": pool_size, "timeout": 10}} if pool_size else {}
    config["CONN_MAX_AGE"] = 0  # the psycopg pool keeps connections; Django must not hold them too
    return config
