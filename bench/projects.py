"""Issue 3 speed targets: a 20,000-row import and the list page of a 20,000-project city."""

import argparse
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import xlsxwriter
from common import keyprojects, prepare_database

ROOT = Path(__file__).resolve().parent.parent
HEADER = [
    "项目名称",
    "所属区划",
    "项目级别",
    "年度类别",
    "总投资（万元）",
    "年度计划投资（万元）",
    "项目代码",
    "所属领域",
    "所属行业",
    "产业链",
    "项目单位",
    "分包领导",
    "建设内容及规模",
    "计划开工日期",
    "计划竣工日期",
    "实际开工日期",
    "经度",
    "纬度",
]
REGIONS = ["魏都区", "建安区", "鄢陵县", "襄城县", "禹州市", "长葛市"]
REGION_CODES = {
    "魏都区": "411002",
    "建安区": "411003",
    "鄢陵县": "411024",
    "襄城县": "411025",
    "禹州市": "411081",
    "长葛市": "411082",
}
INDUSTRIES = [
    ("先进制造业", "新材料", "硅碳新材料"),
    ("基础设施", "交通", ""),
    ("社会民生", "教育", ""),
    ("现代服务业", "现代物流", ""),
    ("先进制造业", "装备制造", "电力装备"),
]
LIST_REQUESTS = 20


def make_file(path: Path, rows: int) -> None:
    rng = random.Random(20000)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("名单")
    sheet.write_row(0, 0, ["2026年重点项目名单（基准测试）"])
    sheet.write_row(1, 0, HEADER)
    for index in range(rows):
        region = REGIONS[index % len(REGIONS)]
        domain, industry, chain = INDUSTRIES[index % len(INDUSTRIES)]
        total = round(rng.uniform(1000, 500000), 2)
        sheet.write_row(
            index + 2,
            0,
            [
                f"基准项目{index:05d}",
                region,
                rng.choice(["省重点", "市重点"]),
                rng.choice(["新开工", "续建"]),
                f"{total:,.2f}",
                round(total * 0.3, 2),
                f"2025-{REGION_CODES[region]}-36-03-{index:06d}",
                domain,
                industry,
                chain,
                f"基准项目单位{index % 3000:04d}有限公司",
                f"领导{index % 40:02d}",
                "新建厂房及配套设施",
                "2026年3月",
                "2027-12-31",
                "2026/3/15" if index % 2 else "",
                113.85 + rng.uniform(-0.2, 0.2),
                34.03 + rng.uniform(-0.2, 0.2),
            ],
        )
    book.close()


def time_import(path: Path, env: dict) -> tuple[float, float]:
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    keyprojects("import-projects", str(path), "--year", "2026", "--user", "bench", env=env)
    elapsed = time.perf_counter() - started
    peak_mb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return elapsed, peak_mb


def time_list_page(env: dict) -> list[float]:
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "keyprojects.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from keyprojects.accounts.models import User

    settings.ALLOWED_HOSTS = ["testserver"]
    # The bench does not run collectstatic; pages render with plain static URLs.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    client = Client()
    client.force_login(User.objects.get(username="bench"))
    client.get("/projects/?year=2026", secure=True)  # warm-up: template compilation, first connection
    timings = []
    for page in range(1, LIST_REQUESTS + 1):
        query = "?year=2026" if page % 2 else f"?year=2026&region=411003&level=province&q=基准&page={page}"
        started = time.perf_counter()
        response = client.get(f"/projects/{query}", secure=True)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--database-url", default="")
    options = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="kp-bench-"))
    env = {**os.environ, "KEYPROJECTS_DATA_DIR": str(workdir), "KEYPROJECTS_HTTPS": "0"}
    if options.database_url:
        env["DATABASE_URL"] = options.database_url
    else:
        env.pop("DATABASE_URL", None)
    database = "PostgreSQL" if options.database_url.startswith("postgres") else "SQLite"
    path = workdir / "projects.xlsx"
    make_file(path, options.rows)
    prepare_database(options.database_url, env)
    print(f"数据库：{database}；文件：{options.rows} 行，{path.stat().st_size / 1024 / 1024:.1f} MB")
    elapsed, peak = time_import(path, env)
    print(f"首次导入 {options.rows} 行：{elapsed:.1f} 秒，导入进程峰值内存 {peak:.0f} MB（目标 < 30 秒、< 1 GB）")
    elapsed, peak = time_import(path, env)
    print(f"再次导入同一文件（无变化）：{elapsed:.1f} 秒，峰值内存 {peak:.0f} MB")
    timings = time_list_page(env)
    p95 = statistics.quantiles(timings, n=20)[-1]
    print(
        f"列表页（{options.rows} 个项目，预热后 {LIST_REQUESTS} 次请求，含筛选、搜索、翻页）：中位数 "
        f"{statistics.median(timings):.0f} ms，p95 {p95:.0f} ms，最慢 {max(timings):.0f} ms（目标 < 300 ms）"
    )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
