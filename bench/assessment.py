"""Issue 9 speed target: scoring every region and department of a 20,000-project province for a year —
all the year's monthly, half-year and annual assessments of the regions and the half-year and annual
ones of the departments — in under 10 s. Generates the province of `bench/analytics.py` (1.2 million
reports) plus 40 departments, 2,000 project units, a problem for every other project and three procedures
per project; also times the annual assessment of the 2,000 units."""

import argparse
import datetime
import sys
import time
from pathlib import Path

from analytics import Dialect, generate, hashed
from common import start

TARGET_S = 10
DEPARTMENTS = 40
UNITS = 2000  # project units owning ten projects each
KINDS = ["filing", "site", "land_planning", "eia", "works_planning", "construction"]


def coordination(cursor, d: Dialect, year: int) -> None:
    """Departments, problems (deadlines over the year, 80 % answered, some late) and procedures (applied over
    the year, most approved within 20 working days, some overrunning, some still running)."""
    cursor.executemany(
        "INSERT INTO accounts_department (name, short_name, kind, sort_order, is_active)"
        " VALUES (%s, '', 'general', %s, TRUE)",
        [(f"基准部门{n:02d}", n) for n in range(DEPARTMENTS)],
    )
    cursor.execute("SELECT MIN(id) FROM accounts_department")
    (first,) = cursor.fetchone()
    cursor.executemany(
        "INSERT INTO accounts_enterprise (name, credit_code, contact, phone) VALUES (%s, '', '', '')",
        [(f"基准项目单位{n:04d}",) for n in range(UNITS)],
    )
    cursor.execute("SELECT MIN(id) FROM accounts_enterprise")
    (first_unit,) = cursor.fetchone()
    cursor.execute(f"UPDATE projects_project SET owner_id = {first_unit} + id % {UNITS}")
    start = d.date(datetime.date(year, 1, 1))
    cursor.execute(
        f"""
        INSERT INTO coordination_problem (
            project_id, description, category, status, raised_at, lead_department_id, limit_days, accepted_on,
            deadline, reply, replied_on, return_reason, escalation
        )
        SELECT p.id, '基准问题', 'land',
               CASE WHEN {hashed("p.id", 91, 10)} < 8 THEN 'replied' ELSE 'in_progress' END,
               CURRENT_TIMESTAMP, {first} + {hashed("p.id", 93, DEPARTMENTS)}, 10,
               {d.plus_days(start, hashed("p.id", 95, 330))},
               {d.plus_days(start, hashed("p.id", 95, 330) + " + 14")}, '',
               CASE WHEN {hashed("p.id", 91, 10)} < 8
                    THEN {d.plus_days(start, hashed("p.id", 95, 330) + " + " + hashed("p.id", 97, 20))} END,
               '', ''
        FROM projects_project p WHERE p.id % 2 = 0
        """
    )
    approved_after = hashed("p.id * 7 + k.n", 103, 300) + " + 5 + " + hashed("p.id + k.n", 105, 30)
    kinds = " UNION ALL ".join(f"SELECT {n} AS n, '{kind}' AS kind" for n, kind in enumerate(KINDS[:3]))
    cursor.execute(
        f"""
        INSERT INTO coordination_procedure (
            project_id, kind, status, department_id, applied_on, approved_on, document_number, limit_days,
            is_tolerant, is_commitment, is_combined
        )
        SELECT p.id, k.kind,
               CASE WHEN {hashed("p.id * 7 + k.n", 99, 10)} < 8 THEN 'done' ELSE 'in_progress' END,
               {first} + {hashed("p.id + k.n", 101, DEPARTMENTS)},
               {d.plus_days(start, hashed("p.id * 7 + k.n", 103, 300))},
               CASE WHEN {hashed("p.id * 7 + k.n", 99, 10)} < 8
                    THEN {d.plus_days(start, approved_after)}
               END,
               '', 20, FALSE, FALSE, FALSE
        FROM projects_project p CROSS JOIN ({kinds}) k
        """
    )


def measure(year: int) -> None:
    from keyprojects.accounts.models import User
    from keyprojects.assessment import services
    from keyprojects.assessment.choices import Cycle, Subject
    from keyprojects.assessment.models import ScoreLine
    from keyprojects.assessment.windows import windows_of

    city = User.objects.get(username="bench")
    plan = [(Subject.REGION, Cycle.MONTH), (Subject.REGION, Cycle.HALF), (Subject.REGION, Cycle.YEAR)]
    plan += [(Subject.DEPARTMENT, Cycle.HALF), (Subject.DEPARTMENT, Cycle.YEAR)]
    for subject, cycle in [*plan, (Subject.UNIT, Cycle.YEAR)]:
        services.scheme_create(
            by=city,
            year=year,
            subject=subject,
            cycle=cycle,
            name=f"基准{subject}{cycle}",
            effective_from=datetime.date(year, 1, 1),
        )
    started, timings = time.perf_counter(), []
    for subject, cycle in plan:
        for window in windows_of(year, cycle):
            begun = time.perf_counter()
            assessment = services.assessment_compute(by=city, subject=subject, period_code=window.code)
            timings.append((time.perf_counter() - begun, f"{assessment}（{assessment.scores.count()} 个对象）"))
    total = time.perf_counter() - started
    print(
        f"全年考核：县区 12 个月 + 2 个半年 + 年度，部门 2 个半年 + 年度，共 {len(timings)} 次计算："
        f"{total:.1f} 秒（目标 < {TARGET_S} 秒）"
    )
    for seconds, name in sorted(timings, reverse=True)[:4]:
        print(f"  最慢：{name} {seconds:.2f} 秒")
    begun = time.perf_counter()
    assessment = services.assessment_compute(by=city, subject=Subject.UNIT, period_code=str(year))
    print(
        f"另：项目单位年度考核（{assessment.scores.count()} 个单位）{time.perf_counter() - begun:.1f} 秒；"
        f"得分明细共 {ScoreLine.objects.count()} 行"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--projects", type=int, default=20000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--database-url", default="")
    options = parser.parse_args()
    workdir = start(options.database_url)
    from django.db import connection, transaction

    year = datetime.date.today().year
    years = list(range(year - options.years + 1, year + 1))
    with connection.cursor() as cursor:
        with transaction.atomic():
            generate(cursor, Dialect(connection.vendor), options.projects, years)
            coordination(cursor, Dialect(connection.vendor), year)
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
    connection.close()
    database = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    print(f"数据库：{database}；{options.projects} 个项目，{len(years)} 年月报；数据目录 {workdir}")
    measure(year)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
