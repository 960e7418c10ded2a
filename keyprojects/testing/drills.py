"""Fault drills (README › 测试): the real platform in processes of its own, on a database of its own.

The pytest database lives inside a transaction (or is emptied after each test) and belongs to the
test process, so a drill makes another database next to it — a SQLite file in a temporary data
directory, or on PostgreSQL a database named after the test database (`test_<name>_drill`) — and
removes it afterwards however the drill ended. Servers are started in a process group of their own
so that stopping one also ends every worker it forked.
"""

import contextlib
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
READY_SECONDS = 60  # three workers importing Django on a busy 2-core machine
STOP_SECONDS = 15
# What a drill's processes are told; nothing else of the test run's environment leaks into them.
PASSED_ON = ("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR")


@dataclass
class Site:
    """A data directory and a database the platform's own processes run on."""

    data_dir: Path
    database_url: str  # empty for the default SQLite file in the data directory
    env: dict = field(default_factory=dict)

    @property
    def is_postgres(self) -> bool:
        return self.database_url.startswith("postgres")

    def keyprojects(self, *args: str, **extra_env: str) -> str:
        """Run a `keyprojects` command on this site; its stdout. A failure shows the command's stderr."""
        return run([sys.executable, "-m", "keyprojects.cli", *args], env={**self.env, **extra_env})

    def python(self, code: str, **extra_env: str) -> str:
        """Run Python with Django set up on this site (`keyprojects shell -c`); its stdout."""
        return self.keyprojects("shell", "--no-imports", "-c", code, **extra_env)

    def data(self, function: str, *args):
        """Run `keyprojects.testing.drill_data.<function>(*args)` on this site; what it printed, read as JSON."""
        output = self.python(f"from keyprojects.testing import drill_data; drill_data.{function}(*{args!r})")
        return json.loads(output) if output.strip() else None


def run(command: list, *, env: dict, check: bool = True) -> str:
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(
            f"{' '.join(map(str, command[:4]))}… 退出码 {result.returncode}\n"
            f"stdout:\n{result.stdout[-3000:]}\nstderr:\n{result.stderr[-3000:]}"
        )
    return result.stdout


def base_env() -> dict:
    env = {name: os.environ[name] for name in PASSED_ON if name in os.environ}
    env["PATH"] = f"{Path(sys.executable).parent}:{env.get('PATH', '/usr/bin:/bin')}"
    return env


def postgres_url_of_run() -> str:
    """The PostgreSQL URL this test run uses (./test sets DATABASE_URL on its second run); empty on SQLite."""
    url = os.environ.get("DATABASE_URL", "").strip()
    return url if url.startswith("postgres") else ""


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(_with_database(url, "postgres"), autocommit=True) as connection:
        connection.execute(statement)


def drop_database(url: str) -> None:
    # FORCE ends connections a killed worker's pool may still hold (PostgreSQL 13+).
    name = urlsplit(url).path.lstrip("/")
    _admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def create_database(url: str) -> None:
    """An empty database (a leftover of an interrupted run is dropped first)."""
    drop_database(url)
    _admin(url, f'CREATE DATABASE "{urlsplit(url).path.lstrip("/")}"')


@contextlib.contextmanager
def site(suffix: str):
    """A fresh, empty site: a temporary data directory and, on PostgreSQL, database `test_<name>_<suffix>`."""
    data_dir = Path(tempfile.mkdtemp(prefix=f"kp-drill-{suffix}-"))
    url = postgres_url_of_run()
    if url:
        name = urlsplit(url).path.lstrip("/")
        url = _with_database(url, f"test_{name}_{suffix}")
        create_database(url)
    env = {**base_env(), "KEYPROJECTS_DATA_DIR": str(data_dir), "KEYPROJECTS_HTTPS": "0"}
    env["DJANGO_SETTINGS_MODULE"] = "keyprojects.settings"
    if url:
        env["DATABASE_URL"] = url
    try:
        yield Site(data_dir=data_dir, database_url=url, env=env)
    finally:
        try:
            if url:
                drop_database(url)
        finally:
            shutil.rmtree(data_dir, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str, headers: dict | None = None, timeout: float = 10) -> tuple[int, dict, str]:
    """One GET; (status, headers, body). Connection errors are status 0."""
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        result = response.status, dict(response.getheaders()), response.read().decode(errors="replace")
        connection.close()
        return result
    except OSError as error:
        return 0, {}, repr(error)


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log: Path
    workers: int

    def worker_pids(self) -> set[int]:
        """The master's children: gunicorn's workers."""
        return children_of(self.process.pid)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


def children_of(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # ended while we looked
        # "pid (comm) state ppid …": the command name may itself hold spaces and parentheses.
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.add(int(entry.name))
    return found


@contextlib.contextmanager
def gunicorn(site: Site, *, workers: int):
    """The platform served as deploy/keyprojects.service serves it (sync workers, no preload), on a free port."""
    port = free_port()
    log = site.data_dir / "gunicorn.log"
    command = [sys.executable, "-m", "gunicorn", "keyprojects.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--timeout", "120", "--no-control-socket", "--log-level", "info"]
    with log.open("w") as output:
        process = subprocess.Popen(
            command, env=site.env, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = Server(process=process, port=port, log=log, workers=workers)
    try:
        _wait_ready(server)
        yield server
    finally:
        _stop(process)


def _wait_ready(server: Server) -> None:
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline and server.process.poll() is None:
        if get(server.port, "/healthz", timeout=2)[0] == 200 and len(server.worker_pids()) == server.workers:
            return
        time.sleep(0.2)
    raise AssertionError(f"gunicorn 未能在 {READY_SECONDS} 秒内就绪，日志：\n{server.log_text()[-3000:]}")


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM to the master (it stops its workers), then SIGKILL to whatever is left of its group."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            pass
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=STOP_SECONDS)
