"""What the fault drills (`keyprojects/testing/drills.py`) run inside the platform's own processes:
the data they seed and the figures they read back. Called through `keyprojects shell -c`, so each
runs on the drill's database with the platform's real settings."""

import datetime
import hashlib
import json
import tempfile
from decimal import Decimal
from io import BytesIO, StringIO
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.base import ContentFile
from django.db.models import Count

from keyprojects.accounts.choices import UserRole
from keyprojects.accounts.models import Enterprise, Region, User
from keyprojects.accounts.scope import SystemActor
from keyprojects.accounts.services import managed_city, setup_city
from keyprojects.analytics import services as analytics
from keyprojects.core.models import ChangeLogEntry
from keyprojects.projects.choices import Category, Level
from keyprojects.projects.models import AnnualEntry, Project
from keyprojects.reports import services
from keyprojects.reports.choices import AttachmentKind, ReportStatus
from keyprojects.reports.models import Attachment, Period, Report
from keyprojects.reports.services import period_get_or_create
from keyprojects.testing.factories import AnnualEntryFactory, ProjectFactory
from keyprojects.testing.journey import make_journey
from keyprojects.testing.people import CITY_CODE, make_people

DRILL_YEAR, DRILL_MONTH = 2026, 10
OWNERS_REGION = "411003"  # 建安区
UNDATED = "（落款日期）"  # stands for the day a document is printed, which is not a figure
SESSION_BACKEND = "django.contrib.auth.backends.ModelBackend"
# A real 1×1 PNG: evidence that must come back byte for byte.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db40000000049454e44ae426082"
)


def _dump(data) -> None:
    # Decimals as strings: the drills compare figures to the cent, never through floats.
    print(json.dumps(data, ensure_ascii=False, default=str, sort_keys=True))


# The deadline drill: many owners, each with one project and a session ---------------------------


def _migrate(*, static: bool = False) -> None:
    """The empty database built as `keyprojects migrate` builds it (and the pages' static files collected)."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    if static:
        call_command("collectstatic", interactive=False, verbosity=0)


def seed_owners(count: int) -> None:
    """On an empty database: 许昌 set up, `count` owners in 建安区, each with a 2026 project and a logged-in
    session, and October 2026 open.

    Sessions are made here rather than through the login page: 200 logins would spend the drill's
    time hashing passwords (the login page has tests of its own); the submission path is unchanged."""
    _migrate(static=True)
    setup_city(code=CITY_CODE)
    region = Region.objects.get(code=OWNERS_REGION)
    firms = Enterprise.objects.bulk_create(
        Enterprise(name=f"演练项目单位{i:03d}有限公司", region=region) for i in range(count)
    )
    password = make_password(None)
    users = User.objects.bulk_create(
        User(username=f"drill{i:03d}", role=UserRole.OWNER, enterprise=firm, password=password)
        for i, firm in enumerate(firms)
    )
    projects = Project.objects.bulk_create(
        Project(
            code=f"2025-{OWNERS_REGION}-36-03-{i:06d}",
            name=f"演练项目{i:03d}",
            region=region,
            owner=firm,
            total_investment=Decimal("100000.00"),
        )
        for i, firm in enumerate(firms)
    )
    AnnualEntry.objects.bulk_create(
        AnnualEntry(
            year=DRILL_YEAR,
            project=project,
            category=Category.NEW_START,
            level=Level.CITY,
            annual_plan=Decimal("12000.00"),
            added_on=datetime.date(DRILL_YEAR, 1, 1),
            added_reason="演练",
        )
        for project in projects
    )
    period = period_get_or_create(year=DRILL_YEAR, month=DRILL_MONTH)
    period.is_open = True
    period.save()
    owners = zip(users, projects, strict=True)
    _dump([{"session": _session_for(user), "project": project.pk, "user": user.pk} for user, project in owners])


def _session_for(user: User) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = SESSION_BACKEND
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def reports_of_drill() -> None:
    """Every October 2026 report as stored: its values, its problems and its change-log rows by action."""
    reports = Report.objects.filter(period__year=DRILL_YEAR, period__month=DRILL_MONTH).prefetch_related("problems")
    log = ChangeLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Report))
    actions = {}
    for row in log.values("object_id", "action").annotate(n=Count("id")):
        actions.setdefault(str(row["object_id"]), {})[row["action"]] = row["n"]
    _dump(
        [
            {
                "id": report.pk,
                "project": report.project_id,
                "status": report.status,
                "amount": str(report.amount),
                "progress": report.progress,
                "stage": report.stage,
                "submitted_by": report.submitted_by_id,
                "submitted_at": bool(report.submitted_at),
                "problems": [[p.category, p.description] for p in report.problems.all()],
                "log": actions.get(str(report.pk), {}),
            }
            for report in reports
        ]
    )


# The backup drill: a small city with a locked, coloured bulletin month ---------------------------


def seed_city() -> None:
    """On an empty database: the test suite's people and browser-journey month (October confirmed and
    locked, November being filled), plus 魏都区 projects with September and October figures down to the
    cent, a provincial project, evidence files and a colour the city adjusted."""
    # The people's passwords are hashed with the test suite's fast hasher; nobody logs in here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    _migrate()
    journey = make_journey(make_people())
    people = journey.people
    city, county_b, owner_y = people.city, people.county_b, people.owner_y
    september = Period.objects.create(year=2026, month=9, is_open=True, **Period.default_deadlines(2026, 9))
    october = journey.october
    services.period_unlock(by=city, period=october, reason="补录魏都区数字")
    amounts = {"项目E": ("1234.56", "0.01"), "项目F": ("98765.43", "4321.09")}
    for name, (sept, octo) in amounts.items():
        project = ProjectFactory(
            name=name,
            region=people.county_b_region,
            owner=owner_y.enterprise,
            total_investment=Decimal("300000.00"),
            actual_start=datetime.date(2025, 5, 1),
        )
        level = Level.PROVINCE if name == "项目E" else Level.CITY
        AnnualEntryFactory(project=project, annual_plan=Decimal("150000.37"), category=Category.CONTINUING, level=level)
        for period, amount in ((september, sept), (october, octo)):
            report = services.report_save(
                by=owner_y, report=Report(project=project, period=period, amount=Decimal(amount), progress="施工中")
            )
            services.report_submit(by=owner_y, report=report)
            services.report_approve(by=county_b, report=report)
            services.report_confirm(by=city, report=report)
            Attachment.objects.create(
                report=report,
                kind=AttachmentKind.PHOTO,
                name=f"{name}{period}现场.png",
                size=len(PNG),
                file=ContentFile(PNG + name.encode() + str(period).encode(), name="site.png"),
                uploaded_by=owner_y,
            )
    for period in (september, october):
        services.period_lock(by=city, period=period)
        analytics.colors_current(year=period.year, month=period.month)
    record = october.colors.get(project=people.project_b)
    analytics.color_override(by=city, record=record, color="黄", reason="已协调用地，暂调黄色")


def figures() -> None:
    """What the platform says about October 2026: the indicators (city, county, provincial), every group,
    the ranking, the colours and the bulletin (its data and its Word text), the number of rows of every
    table, and each evidence file's SHA-256."""
    from keyprojects.analytics import documents
    from keyprojects.analytics.filters import Filters
    from keyprojects.analytics.grouped import grouped
    from keyprojects.analytics.indicators import indicators
    from keyprojects.analytics.models import ColorRecord
    from keyprojects.analytics.ranking import ranking

    actor = SystemActor(managed_city())
    year, month = DRILL_YEAR, DRILL_MONTH
    county = Region.objects.get(code=OWNERS_REGION)
    bulletin = documents.bulletin_context(actor, year, month)
    day = bulletin.pop("date")
    _dump(
        {
            "indicators": indicators(actor, year, month),
            "county": indicators(actor, year, month, Filters(region=county)),
            "provincial": indicators(actor, year, month, Filters(level=Level.PROVINCE)),
            "september": indicators(actor, year, 9),
            "by_region": {str(k): v for k, v in grouped(actor, year, month, "region").items()},
            "by_level": grouped(actor, year, month, "level"),
            "ranking": ranking(year, month),
            "colors": list(
                ColorRecord.objects.order_by("period__month", "project__code").values_list(
                    "period__month", "project__code", "computed_color", "override_color", "gap", "reason"
                )
            ),
            "bulletin": bulletin,
            "bulletin_docx": [line.replace(day, UNDATED) for line in docx_text(documents.bulletin_docx(bulletin))],
            "rows": {model._meta.label: model._default_manager.count() for model in apps.get_models()},
            "confirmed": Report.objects.filter(status=ReportStatus.CONFIRMED).count(),
            "evidence": {a.file.name: _sha256(a.file) for a in Attachment.objects.all()},
            "command_line": _command_line(day),
        }
    )


def _command_line(day: str) -> dict:
    """What the `keyprojects` commands print and write for the drill month (INTERFACES.md), run as the
    command line runs them, in this one process to spare a Django start-up per command."""
    from django.core.management import call_command
    from openpyxl import load_workbook

    period = f"{DRILL_YEAR}-{DRILL_MONTH:02d}"

    def output(*args) -> str:
        out = StringIO()
        call_command(*args, stdout=out)
        return out.getvalue()

    with tempfile.TemporaryDirectory() as directory:
        summary = output("bulletin", "--period", period, "--out", directory)
        written = Path(directory) / f"通报-{period}"
        book = load_workbook(written.with_suffix(".xlsx"), read_only=True)
        sheets = {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book}
        document = [line.replace(day, UNDATED) for line in docx_text(written.with_suffix(".docx").read_bytes())]
    return {
        "stats": output("stats", "--period", period, "--json"),
        "stats_county": output("stats", "--period", period, "--region", "411002", "--json"),
        "stats_provincial": output("stats", "--period", period, "--level", "省", "--json"),
        "colors": output("colors", "--period", period, "--json"),
        "ranking": output("ranking", "--period", period, "--json"),
        "bulletin_summary": summary,
        "bulletin_docx": document,
        "bulletin_xlsx": sheets,
    }


def _sha256(file) -> str:
    if not file.storage.exists(file.name):
        return "文件缺失"
    with file.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def docx_text(content: bytes) -> list[str]:
    """Every paragraph and table cell of a Word document, in order."""
    from docx import Document

    document = Document(BytesIO(content))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        lines += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
    return lines
