"""Issue 4 speed target: the deadline spike — N owners submit their monthly report within one minute,
through gunicorn with several workers, with no failed submission, no lost report and p95 < 500 ms."""

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from common import keyprojects, recreate_database

ROOT = Path(__file__).resolve().parent.parent
BODIES_KEPT = 5
BODY = {"period": "2026-10", "amount": "123.45", "progress": "主体施工", "submit": True}

# Run inside `keyprojects shell -c`; BENCH_OWNERS and BENCH_FILE come from the environment.
SEED = """
import json, os
from datetime import date
from decimal import Decimal
from django.contrib.auth.hashers import make_password
from rest_framework.authtoken.models import Token
from keyprojects.accounts.models import Enterprise, Region, User
from keyprojects.projects.models import AnnualEntry, Project
from keyprojects.reports.services import period_get_or_create

n = int(os.environ["BENCH_OWNERS"])
region = Region.objects.get(code="411003")
password = make_password("bench-pass-2026")
firms = Enterprise.objects.bulk_create(Enterprise(name=f"基准项目单位{i:06d}有限公司", region=region) for i in range(n))
users = User.objects.bulk_create(
    User(username=f"owner{i:06d}", role="owner", enterprise=firm, password=password) for i, firm in enumerate(firms)
)
projects = Project.objects.bulk_create(
    Project(code=f"2025-411003-36-03-{i:06d}", name=f"基准项目{i:06d}", region=region, owner=firm,
            total_investment=Decimal("100000.00"))
    for i, firm in enumerate(firms)
)
AnnualEntry.objects.bulk_create(
    AnnualEntry(year=2026, project=project, category="new", level="city", annual_plan=Decimal("12000.00"),
                added_on=date(2026, 1, 1), added_reason="基准")
    for project in projects
)
tokens = Token.objects.bulk_create(Token(key=Token.generate_key(), user=user) for user in users)
period = period_get_or_create(year=2026, month=10)
period.is_open = True
period.save()
owners = [{"token": token.key, "project": project.pk} for token, project in zip(tokens, projects)]
with open(os.environ["BENCH_FILE"], "w") as handle:
    json.dump(owners, handle)
"""

# Run after the spike; BENCH_FILE holds the ids of the reports the server acknowledged with 201.
VERIFY = """
import json, os
from decimal import Decimal
from django.contrib.contenttypes.models import ContentType
from keyprojects.core.models import ChangeLogEntry
from keyprojects.reports.models import Report

reports = Report.objects.filter(period__year=2026, period__month=10)
acknowledged = json.load(open(os.environ["BENCH_FILE"]))
log = ChangeLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Report))
print(json.dumps({
    "reports": reports.count(),
    "submitted": reports.filter(status="submitted", amount=Decimal("123.45")).count(),
    "acknowledged_found": reports.filter(pk__in=acknowledged, status="submitted").count(),
    "log_rows": log.count(),
    "log_reports": log.values("object_id").distinct().count(),
    "log_actions": {a: log.filter(action=a).count() for a in log.values_list("action", flat=True).distinct()},
}))
"""


def prepare_database(url: str, env: dict, owners: int, path: Path) -> None:
    recreate_database(url)
    keyprojects("migrate", "-v", "0", env=env)
    keyprojects("setup-city", "411000", env=env)
    keyprojects("shell", "-c", SEED, env={**env, "BENCH_OWNERS": str(owners), "BENCH_FILE": str(path)})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int, workers: int, env: dict, log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "keyprojects.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--no-control-socket"]
    server = subprocess.Popen(command, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, cwd=ROOT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and server.poll() is None:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server.terminate()
    sys.exit(f"gunicorn 未能在 30 秒内就绪（/healthz 不是 200），日志：\n{log.read_text()[-2000:]}")


def submit(port: int, owner: dict, start_at: float) -> tuple[float, int, str]:
    time.sleep(max(0.0, start_at - time.monotonic()))
    body = {"project": owner["project"], **BODY}
    headers = {"Authorization": f"Token {owner['token']}", "Content-Type": "application/json"}
    started = time.perf_counter()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("POST", "/api/reports/", body=json.dumps(body).encode(), headers=headers)
        response = connection.getresponse()
        status, text = response.status, response.read().decode(errors="replace")
        connection.close()
    except OSError as error:
        status, text = 0, repr(error)
    return (time.perf_counter() - started) * 1000, status, text


def spike(port: int, owners: list[dict], seconds: float, concurrency: int) -> tuple[float, list]:
    started = time.monotonic()
    step = seconds / len(owners)
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        futures = [pool.submit(submit, port, owner, started + i * step) for i, owner in enumerate(owners)]
        results = [future.result() for future in futures]
    return time.monotonic() - started, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--owners", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--database-url", default="")
    options = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="kp-bench-"))
    env = {**os.environ, "KEYPROJECTS_DATA_DIR": str(workdir), "KEYPROJECTS_HTTPS": "0"}
    env["KEYPROJECTS_ALLOWED_HOSTS"] = "127.0.0.1,localhost"
    if options.database_url:
        env["DATABASE_URL"] = options.database_url
    else:
        env.pop("DATABASE_URL", None)
    database = "PostgreSQL" if options.database_url.startswith("postgres") else "SQLite"
    owners_file = workdir / "owners.json"
    prepare_database(options.database_url, env, options.owners, owners_file)
    owners = json.loads(owners_file.read_text())
    print(
        f"数据库：{database}；项目单位 {len(owners)} 个，gunicorn {options.workers} 个进程，并发 {options.concurrency}"
    )

    port = free_port()
    server = start_gunicorn(port, options.workers, env, workdir / "gunicorn.log")
    load_before = os.getloadavg()[0]
    try:
        elapsed, results = spike(port, owners, options.seconds, options.concurrency)
        if server.poll() is not None:
            print(f"注意：gunicorn 在压测中途退出（返回码 {server.returncode}），见 {workdir / 'gunicorn.log'}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()

    # The load generator shares the machine with the server; other busy processes skew the figures.
    print(f"本机 {os.cpu_count()} 个 CPU，1 分钟平均负载：压测前 {load_before:.1f}，压测后 {os.getloadavg()[0]:.1f}")
    timings = [ms for ms, _, _ in results]
    acknowledged, failures = [], []
    for _, status, text in results:
        reply = json.loads(text) if status == 201 else {}
        if reply.get("status") == "submitted":
            acknowledged.append(reply["id"])
        else:
            failures.append(f"{status} {text[:300]}")
    p95 = statistics.quantiles(timings, n=20)[-1]
    print(
        f"{len(owners)} 份月报在 {options.seconds:.0f} 秒内均匀发出，全部完成用时 {elapsed:.1f} 秒："
        f"成功 {len(acknowledged)}，失败 {len(failures)}"
    )
    for body in failures[:BODIES_KEPT]:
        print(f"  失败：{body}")
    print(
        f"响应时间：中位数 {statistics.median(timings):.0f} ms，p95 {p95:.0f} ms，"
        f"最慢 {max(timings):.0f} ms（目标 p95 < 500 ms）"
    )

    ids_file = workdir / "acknowledged.json"
    ids_file.write_text(json.dumps(acknowledged))
    output = keyprojects("shell", "-c", VERIFY, env={**env, "BENCH_FILE": str(ids_file)}).stdout
    found = json.loads(output.strip().splitlines()[-1])
    lost = len(acknowledged) - found["acknowledged_found"]
    print(
        f"数据库中 2026-10 月报 {found['reports']} 份，其中已提交且金额无误 {found['submitted']} 份；"
        f"已确认收到的 {len(acknowledged)} 份中丢失 {lost} 份"
    )
    print(f"月报变更记录 {found['log_rows']} 行，涉及 {found['log_reports']} 份月报，按操作：{found['log_actions']}")
    ok = not failures and lost == 0 and found["submitted"] == len(owners)
    print(f"结论：{'无失败、无丢失' if ok else '有失败或丢失'}；p95 {'达标' if p95 < 500 else '未达标'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
