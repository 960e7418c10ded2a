"""Issue 5 speed targets: a province-sized database (20,000 listed projects, 5 years of monthly reports,
about 1.2 million reports) — the city-wide indicators and the ranking each < 300 ms on PostgreSQL and
< 1 s on SQLite, the bulletin < 10 s; our indicators against the same aggregate as hand-written SQL (< 2×)."""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

from common import start

ROOT = Path(__file__).resolve().parent.parent
MONTH = 10  # indicators, ranking and bulletin of period 10 of the last generated year
RUNS = 5
TARGET_MS = {"SQLite": 1000, "PostgreSQL": 300}
BULLETIN_TARGET_S = 10
RATIO_TARGET = 2


class Dialect:
    """The few expressions spelled differently on SQLite and PostgreSQL."""

    def __init__(self, vendor: str):
        self.pg = vendor == "postgresql"

    def series(self, count: int) -> str:
        """A relation s(n) of 0 … count−1."""
        if self.pg:
            return f"(SELECT generate_series(0, {count - 1}) AS n) s"
        return (
            f"(WITH RECURSIVE c(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM c WHERE n < {count - 1}) SELECT n FROM c) s"
        )

    def date(self, day: datetime.date) -> str:
        return f"DATE '{day.isoformat()}'" if self.pg else f"'{day.isoformat()}'"

    def plus_days(self, day: str, days: str) -> str:
        if self.pg:
            return f"({day} + CAST({days} AS integer))"
        return f"date({day}, '+' || ({days}) || ' days')"

    def year_of(self, day: str) -> str:
        return f"CAST(EXTRACT(YEAR FROM {day}) AS integer)" if self.pg else f"CAST(strftime('%Y', {day}) AS integer)"

    def month_after(self, year: str, month: str) -> str:
        """The first day of the month after (year, month)."""
        if self.pg:
            return f"CAST(make_date({year}, {month}, 1) + interval '1 month' AS date)"
        return f"date(printf('%04d-%02d-01', {year}, {month}), '+1 month')"

    def project_code(self, region_code: str) -> str:
        """year-region-industry-type-serial, as the national platform issues them."""
        if self.pg:
            return (
                f"CAST(s.start_year AS text) || '-' || {region_code} || '-' || CAST(10 + s.n % 80 AS text)"
                " || '-0' || CAST(1 + s.n % 3 AS text) || '-' || lpad(CAST(s.n AS text), 6, '0')"
            )
        return f"printf('%04d-%s-%02d-%02d-%06d', s.start_year, {region_code}, 10 + s.n % 80, 1 + s.n % 3, s.n)"

    def at_eight(self, day: str) -> str:
        """08:00 UTC of a date column, as a stored timestamp."""
        return f"(({day} + time '08:00') AT TIME ZONE 'UTC')" if self.pg else f"({day} || ' 08:00:00')"

    def money_sum(self, expression: str) -> str:
        """SUM exact to the cent: NUMERIC on PostgreSQL, whole cents on SQLite (as core.aggregates.MoneySum)."""
        if self.pg:
            return f"SUM({expression})"
        return f"(SUM(CAST(ROUND({expression} * 100) AS INTEGER)) / 100.0)"

    @property
    def empty_list(self) -> str:
        return "CAST('[]' AS jsonb)" if self.pg else "'[]'"


def hashed(column: str, salt: int, modulus: int) -> str:
    """A deterministic pseudo-random integer 0 … modulus−1 of an integer column, computed the same way by both
    databases (64-bit integers throughout); squared, so that consecutive values are not correlated."""
    mixed = f"((({column}) * 2654435761 + {salt}) % 1000003)"
    return f"(({mixed} * {mixed} + ({column})) % 999983 % {modulus})"


def generate(cursor, d: Dialect, projects: int, years: list[int]) -> None:
    """Projects, periods, annual entries and reports, each as one set-based INSERT … SELECT."""
    last_year = years[-1]
    cursor.execute("SELECT id, code FROM accounts_region WHERE is_ranked ORDER BY sort_order, code")
    regions = cursor.fetchall()
    region_id = f"CASE s.n % {len(regions)} " + " ".join(f"WHEN {i} THEN {pk}" for i, (pk, _) in enumerate(regions))
    region_code = f"CASE s.n % {len(regions)} " + " ".join(
        f"WHEN {i} THEN '{code}'" for i, (_, code) in enumerate(regions)
    )
    # Planned start spread over the six years before the end, 1–4 years of construction; 97 % started
    # (up to three months late); 60 % of those due by September of the last year are completed.
    cursor.execute(
        f"""
        INSERT INTO projects_project (
            code, name, responsible_unit, content, total_investment, planned_start, planned_completion,
            actual_start, actual_completion, stats_entry_date, longitude, latitude, is_sibao_whitelist,
            is_eco_whitelist, is_priority, created_at, updated_at, domain_id, industry_id, owner_id, region_id,
            task_force_id, opening_completed, package_id
        )
        SELECT {d.project_code(region_code + " END")}, '基准项目' || CAST(s.n AS text), '', '', s.total,
               s.planned_start, s.planned_completion,
               CASE WHEN s.started THEN {d.plus_days("s.planned_start", "s.late")} END,
               CASE WHEN s.started AND s.done AND s.planned_completion <= {d.date(datetime.date(last_year, 9, 30))}
                    THEN {d.plus_days("s.planned_completion", "s.late % 30")} END,
               NULL, NULL, NULL, FALSE, FALSE, FALSE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, NULL, NULL,
               {region_id} END, NULL, 0, NULL
        FROM (
            SELECT t.*, {d.year_of("t.planned_start")} AS start_year,
                   {d.plus_days("t.planned_start", "365 + t.duration")} AS planned_completion
            FROM (
                SELECT s.n,
                       1000 + ({hashed("s.n", 11, 1000000)} * 50 + {hashed("s.n", 13, 100)}) / 100.0 AS total,
                       {d.plus_days(d.date(datetime.date(years[0] - 1, 1, 1)), hashed("s.n", 23, 6 * 365))}
                           AS planned_start,
                       {hashed("s.n", 37, 1100)} AS duration,
                       {hashed("s.n", 41, 100)} < 97 AS started,
                       {hashed("s.n", 53, 90)} AS late,
                       {hashed("s.n", 59, 100)} < 60 AS done
                FROM {d.series(projects)}
            ) t
        ) s
        ORDER BY s.n
        """
    )
    periods = []
    for year in years:
        for month in range(1, 13):
            following = datetime.date(year + month // 12, month % 12 + 1, 1)
            periods.append((year, month, following.replace(day=3), following.replace(day=5), following.replace(day=7)))
    cursor.executemany(
        "INSERT INTO reports_period (year, month, is_open, is_locked, owner_deadline, county_deadline, city_deadline)"
        " VALUES (%s, %s, FALSE, TRUE, %s, %s, %s)",
        [(y, m, *(day.isoformat() for day in days)) for y, m, *days in periods],
    )
    # Every project on every year's list: new in the year of its planned start, else continuing; 30 %
    # provincial; plan 20–45 % of the total; 1 % of the last year's entries taken off the list on 30 June.
    list_years = " UNION ALL ".join(
        f"SELECT {year} AS year, {d.date(datetime.date(year, 1, 1))} AS added_on" for year in years
    )
    removed = f"y.year = {last_year} AND {hashed('p.id', 71, 100)} = 0"
    cursor.execute(
        f"""
        INSERT INTO projects_annualentry (
            year, project_id, category, level, annual_plan, annual_goal, added_on, added_reason, removed_on,
            removed_reason, revised
        )
        SELECT y.year, p.id,
               CASE WHEN {d.year_of("p.planned_start")} = y.year THEN 'new' ELSE 'continuing' END,
               CASE WHEN {hashed("p.id", 61, 100)} < 30 THEN 'province' ELSE 'city' END,
               ROUND(p.total_investment * (20 + {hashed("p.id + y.year", 67, 26)}) / 100.0, 2),
               '', y.added_on, '',
               CASE WHEN {removed} THEN {d.date(datetime.date(last_year, 6, 30))} END,
               CASE WHEN {removed} THEN '基准调出' ELSE '' END,
               FALSE
        FROM ({list_years}) y CROSS JOIN projects_project p
        ORDER BY y.year, p.id
        """
    )
    # In month order, as they arrive (the table's physical order matters to PostgreSQL's plans).
    # A report per project and month: 97 % confirmed, the rest at an earlier step; from the month the project
    # started, 0.5–5.5 % of its total a month, with cents (one month in fifty none, so some projects stall).
    key = "p.id * 61 + pe.id"
    cursor.execute(
        f"""
        INSERT INTO reports_report (
            status, amount, progress, stage, actual_start, actual_completion, over_total_reason, flags,
            return_reason, submitted_at, reviewed_at, confirmed_at, updated_at, period_id, project_id,
            submitted_by_id
        )
        SELECT CASE WHEN x.roll < 97 THEN 'confirmed' WHEN x.roll = 97 THEN 'submitted'
                    WHEN x.roll = 98 THEN 'county_approved' ELSE 'draft' END,
               CASE WHEN x.working THEN ROUND(x.total * (5 + {hashed("x.key", 73, 50)}) / 1000.0, 2) ELSE 0 END,
               '', CASE WHEN x.working THEN 'construction' ELSE '' END, NULL, NULL, '', {d.empty_list}, '',
               CASE WHEN x.roll < 99 THEN {d.at_eight("x.owner_deadline")} END,
               CASE WHEN x.roll < 99 AND x.roll <> 97 THEN {d.at_eight("x.county_deadline")} END,
               CASE WHEN x.roll < 97 THEN {d.at_eight("x.city_deadline")} END,
               CURRENT_TIMESTAMP, x.period_id, x.project_id, NULL
        FROM (
            SELECT pe.id AS period_id, p.id AS project_id, p.total_investment AS total, pe.owner_deadline,
                   pe.county_deadline, pe.city_deadline, {key} AS key, {hashed(key, 79, 100)} AS roll,
                   (p.actual_start IS NOT NULL AND p.actual_start < {d.month_after("pe.year", "pe.month")}
                    AND {hashed(key, 83, 50)} > 0) AS working
            FROM reports_period pe CROSS JOIN projects_project p
        ) x
        ORDER BY x.period_id, x.project_id
        """
    )


def period_end(year: int, month: int) -> datetime.date:
    return datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)


LISTED = (
    "SELECT project_id, category, annual_plan FROM projects_annualentry WHERE year = %s"
    " AND category IN ('new', 'continuing') AND added_on <= %s AND (removed_on IS NULL OR removed_on > %s)"
)
SPELLINGS = {"in": "IN 子查询", "join": "JOIN 名单"}
HAND_ALL_KEYS = [
    "project_count",
    "total_investment",
    "annual_plan",
    "new_start_planned",
    "new_start_started",
    "completion_planned",
    "completion_done",
    "ytd_completed",
    "ytd_completed_last_year",
]


def ytd_sql(d: Dialect, listed: str, spelling: str) -> str:
    """Confirmed amounts of months 1..m of a year (params: year, m) for the projects of `listed` (a table or a
    parenthesised query with its params before these). Two spellings, since each database plans one of them
    badly: `IN (…)` and a JOIN on the list (the same sum: a project is on a year's list at most once on a day)."""
    if spelling == "in":
        return f"""
            SELECT {d.money_sum("r.amount")}
            FROM reports_report r JOIN reports_period pe ON pe.id = r.period_id
            WHERE r.project_id IN (SELECT project_id FROM {listed} l)
              AND r.status = 'confirmed' AND pe.year = %s AND pe.month BETWEEN 1 AND %s
        """
    return f"""
        SELECT {d.money_sum("r.amount")}
        FROM {listed} l JOIN reports_report r ON r.project_id = l.project_id
             JOIN reports_period pe ON pe.id = r.period_id
        WHERE r.status = 'confirmed' AND pe.year = %s AND pe.month BETWEEN 1 AND %s
    """


def hand_ytd(d: Dialect, year: int, month: int, spelling: str) -> tuple[str, list]:
    """The year-to-date completed investment as one hand-written query."""
    end = period_end(year, month)
    return ytd_sql(d, f"({LISTED})", spelling), [year, end, end, year, month]


def hand_all(d: Dialect, year: int, month: int, spelling: str) -> tuple[str, list]:
    """Every count and sum `indicators()` asks the database for — this year's list, its year-to-date
    investment and last year's — in one statement."""
    end, last_end = period_end(year, month), period_end(year - 1, month)
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    sql = f"""
        WITH cur AS ({LISTED}), prev AS ({LISTED})
        SELECT COUNT(*), {d.money_sum("p.total_investment")}, {d.money_sum("cur.annual_plan")},
               SUM(CASE WHEN cur.category = 'new' THEN 1 ELSE 0 END),
               SUM(CASE WHEN cur.category = 'new' AND p.actual_start <= %s THEN 1 ELSE 0 END),
               SUM(CASE WHEN p.planned_completion BETWEEN %s AND %s THEN 1 ELSE 0 END),
               SUM(CASE WHEN p.planned_completion BETWEEN %s AND %s AND p.actual_completion <= %s THEN 1 ELSE 0 END),
               ({ytd_sql(d, "cur", spelling)}), ({ytd_sql(d, "prev", spelling)})
        FROM cur JOIN projects_project p ON p.id = cur.project_id
    """
    params = [year, end, end, year - 1, last_end, last_end, end, first, last, first, last, end]
    return sql, [*params, year, month, year - 1, month]


def timed(call, runs: int = RUNS) -> tuple[float, object]:
    """Median milliseconds of `runs` calls after one warm-up call, and the last result."""
    result = call()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        result = call()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), result


def spelled(timings: dict) -> str:
    return "，".join(f"{SPELLINGS[spelling]}写法中位数 {ms:.0f} ms" for spelling, (ms, _) in timings.items())


def plain(value, money):
    """A hand-written query's count or amount as `indicators()` gives it: an empty sum is 0, amounts to the cent."""
    if value is None:
        return 0
    return value if isinstance(value, int) else money(value)


def run_sql(sql: str, params: list):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


class QueryLog:
    """With --queries: each ORM query of a call with its time (an execute wrapper, DEBUG not needed)."""

    def __init__(self):
        self.queries = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append(((time.perf_counter() - started) * 1000, sql))

    def show(self, title: str, call) -> None:
        from django.db import connection

        self.queries = []
        with connection.execute_wrapper(self):
            call()
        total = sum(ms for ms, _ in self.queries)
        print(f"—— {title}：{len(self.queries)} 条查询，共 {total:.0f} ms")
        for ms, sql in sorted(self.queries, key=lambda q: q[0], reverse=True)[:8]:
            print(f"   {ms:7.1f} ms  {' '.join(sql.split())[:300]}")


def county_user():
    """A county administrator of the first ranked region (the cockpit is also timed in a county's scope)."""
    from keyprojects.accounts.models import Region, User
    from keyprojects.accounts.services import user_create

    region = Region.objects.filter(is_ranked=True).order_by("sort_order", "code").first()
    return User.objects.filter(username="bench-county").first() or user_create(
        by=None, username="bench-county", password="bench-pass-2026", role="county_admin", region=region
    )


def measure(database: str, year: int, show_queries: bool) -> None:
    from django.db import connection

    from keyprojects.accounts.models import User
    from keyprojects.analytics import documents
    from keyprojects.analytics.indicators import completed_sum, indicators, listed, reports_of
    from keyprojects.analytics.ranking import ranking
    from keyprojects.analytics.services import colors_refresh
    from keyprojects.core.aggregates import money

    d = Dialect(connection.vendor)
    user = User.objects.get(username="bench")
    target = TARGET_MS[database]

    ours_ms, figures = timed(lambda: indicators(user, year, MONTH))
    print(f"全市指标 indicators({year}, {MONTH})：中位数 {ours_ms:.0f} ms（目标 < {target} ms）")
    ranking_ms, rows = timed(lambda: ranking(year, MONTH))
    print(f"县区排名 ranking({year}, {MONTH})，{len(rows)} 个县市区：中位数 {ranking_ms:.0f} ms（目标 < {target} ms）")

    colors_refresh(year=year, month=MONTH - 1)  # last month's colours exist, as on a live system (untimed)
    started = time.perf_counter()
    context = documents.bulletin_context(user, year, MONTH)
    context_s = time.perf_counter() - started
    docx = documents.bulletin_docx(context)
    docx_s = time.perf_counter() - started - context_s
    xlsx = documents.bulletin_xlsx(context)
    bulletin_s = time.perf_counter() - started
    xlsx_s = bulletin_s - context_s - docx_s
    print(
        f"月度通报（首次，含计算并保存本月四色）：{bulletin_s:.1f} 秒（目标 < {BULLETIN_TARGET_S} 秒）；"
        f"其中数据 {context_s:.1f} 秒、Word {docx_s:.1f} 秒（{len(docx) / 1024:.0f} KB）、"
        f"Excel {xlsx_s:.1f} 秒（{len(xlsx) / 1024:.0f} KB），黄红项目 {len(context['flagged'])} 个"
    )
    started = time.perf_counter()
    context = documents.bulletin_context(user, year, MONTH)
    documents.bulletin_docx(context)
    documents.bulletin_xlsx(context)
    print(f"月度通报（再次生成，四色已保存）：{time.perf_counter() - started:.1f} 秒")

    from keyprojects.dashboard.selectors import cockpit

    cockpit_ms, _ = timed(lambda: cockpit(user, year, MONTH))
    print(
        f"驾驶舱数据 cockpit({year}, {MONTH})，市级用户（四色已保存）：中位数 {cockpit_ms:.0f} ms（目标 < {target} ms）"
    )
    county = county_user()
    county_ms, _ = timed(lambda: cockpit(county, year, MONTH))
    print(f"驾驶舱数据，县级用户（{county.region.name}）：中位数 {county_ms:.0f} ms（目标 < {target} ms）")

    hand = {spelling: timed(lambda s=spelling: run_sql(*hand_ytd(d, year, MONTH, s))) for spelling in SPELLINGS}
    hand_ms = min(ms for ms, _ in hand.values())
    totals = {plain(row[0], money) for _, row in hand.values()}
    same = "一致" if totals == {figures["ytd_completed"]} else f"不一致：手写 {totals}"
    print(
        f"手写 SQL（本年 1—{MONTH} 月完成投资，一条查询）：{spelled(hand)}，结果 {figures['ytd_completed']} 万元"
        f"（{same}）；indicators() / 较快的手写 = {ours_ms / hand_ms:.1f} 倍（目标 < {RATIO_TARGET} 倍）"
    )
    ytd_ms, _ = timed(lambda: completed_sum(reports_of(listed(user, year, MONTH), year, MONTH)))
    print(
        f"  indicators() 里同一聚合（本年完成投资）的那一条 ORM 查询：中位数 {ytd_ms:.0f} ms，"
        f"为较快的手写的 {ytd_ms / hand_ms:.1f} 倍；indicators() 共 3 条查询（名单计数合计、本年、上年完成投资）"
    )
    expected = [figures[key] for key in HAND_ALL_KEYS]
    hand = {spelling: timed(lambda s=spelling: run_sql(*hand_all(d, year, MONTH, s))) for spelling in SPELLINGS}
    all_ms = min(ms for ms, _ in hand.values())
    rows = [[plain(value, money) for value in row] for _, row in hand.values()]
    same = "一致" if all(row == expected for row in rows) else f"不一致：手写 {rows}，indicators() {expected}"
    print(
        f"手写 SQL（indicators() 的全部计数、合计、本年及上年完成投资，一条查询）：{spelled(hand)}（{same}）；"
        f"indicators() / 较快的手写 = {ours_ms / all_ms:.1f} 倍（目标 < {RATIO_TARGET} 倍）"
    )
    if show_queries:
        log = QueryLog()
        log.show("indicators()", lambda: indicators(user, year, MONTH))
        log.show("ranking()", lambda: ranking(year, MONTH))
        log.show("bulletin_context()", lambda: documents.bulletin_context(user, year, MONTH))
        log.show("cockpit()", lambda: cockpit(user, year, MONTH))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--projects", type=int, default=20000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--queries", action="store_true", help="list each call's slowest queries afterwards")
    options = parser.parse_args()
    workdir = start(options.database_url)
    database = "PostgreSQL" if options.database_url.startswith("postgres") else "SQLite"
    from django.db import connection, transaction

    year = datetime.date.today().year
    years = list(range(year - options.years + 1, year + 1))
    started = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA cache_size = -262144")  # 256 MB for building the indexes; this connection only
        with transaction.atomic():
            generate(cursor, Dialect(connection.vendor), options.projects, years)
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")  # what autovacuum would have done on a live database
        cursor.execute("SELECT COUNT(*) FROM reports_report")
        (reports,) = cursor.fetchone()
    generation_s = time.perf_counter() - started
    connection.close()  # measure on a fresh connection with the project's own settings
    print(
        f"数据库：{database}；{options.projects} 个项目，{years[0]}—{years[-1]} 年共 {reports} 份月报；"
        f"生成数据 {generation_s:.0f} 秒；数据目录 {workdir}"
    )
    before = os.getloadavg()[0]
    measure(database, year, options.queries)
    # Other busy processes on the machine skew every figure above; the load shows whether there were any.
    print(f"1 分钟平均负载：测量前 {before:.2f}，测量后 {os.getloadavg()[0]:.2f}（本机 {os.cpu_count()} 核）")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
