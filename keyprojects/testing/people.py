"""The people of the domain, as every test sees them (STYLE.md: one base with the people).

City admin, county A (建安区) and county B (魏都区), owner X and owner Y, department D, a leader,
the investment bureau and the anonymous visitor. Each later issue's tests build on these.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from keyprojects.accounts.choices import UserRole
from keyprojects.accounts.models import Region
from keyprojects.accounts.services import setup_city
from keyprojects.analytics.models import ColorRecord, WarningLetter
from keyprojects.attraction.models import AttractionProject, ElementNeed, FinancingList, ReserveProject
from keyprojects.coordination.models import Meeting, Problem, Procedure, Visit
from keyprojects.projects.models import Leader, TaskForce
from keyprojects.reports.choices import AttachmentKind, FileType, ReportStatus
from keyprojects.reports.models import Attachment, Period, RaisedProblem, Report
from keyprojects.testing.evidence import jpeg_bytes
from keyprojects.testing.factories import (
    AnnualEntryFactory,
    DepartmentFactory,
    EnterpriseFactory,
    ProjectFactory,
    UserFactory,
)

CITY_CODE = "411000"
COUNTY_A_CODE = "411003"  # 建安区
COUNTY_B_CODE = "411002"  # 魏都区

ROLES = ["anonymous", "city", "county_a", "county_b", "owner_x", "owner_y", "dept", "leader", "invest"]


@dataclass
class People:
    city_region: Region
    county_a_region: Region
    county_b_region: Region
    users: dict
    objects: dict

    def __getattr__(self, name):
        for group in ("users", "objects"):
            if name in self.__dict__.get(group, {}):
                return self.__dict__[group][name]
        raise AttributeError(name)


def make_people() -> People:
    city = setup_city(code=CITY_CODE)
    county_a = Region.objects.get(code=COUNTY_A_CODE)
    county_b = Region.objects.get(code=COUNTY_B_CODE)
    department = DepartmentFactory(name="测试自然资源和规划局")
    users = {
        "anonymous": None,
        "city": UserFactory(username="t_city", role=UserRole.CITY_ADMIN, region=city),
        "county_a": UserFactory(username="t_county_a", role=UserRole.COUNTY_ADMIN, region=county_a),
        "county_b": UserFactory(username="t_county_b", role=UserRole.COUNTY_ADMIN, region=county_b),
        "owner_x": UserFactory(
            username="t_owner_x",
            role=UserRole.OWNER,
            enterprise=EnterpriseFactory(name="项目单位X有限公司", region=county_a),
        ),
        "owner_y": UserFactory(
            username="t_owner_y",
            role=UserRole.OWNER,
            enterprise=EnterpriseFactory(name="项目单位Y有限公司", region=county_b),
        ),
        "dept": UserFactory(username="t_dept", role=UserRole.DEPARTMENT, department=department),
        "leader": UserFactory(username="t_leader", role=UserRole.LEADER, region=city),
        "invest": UserFactory(username="t_invest", role=UserRole.INVESTMENT, region=city),
    }
    objects = make_projects(users, county_a, county_b)
    objects.update(make_assessment(county_a, county_b, department))
    return People(city_region=city, county_a_region=county_a, county_b_region=county_b, users=users, objects=objects)


def make_projects(users: dict, county_a: Region, county_b: Region) -> dict:
    """Project A in county A owned by owner X, project B in county B owned by owner Y, both on the 2026 list."""
    leader = Leader.objects.create(name="测试领导", title="副市长", user=users["leader"])
    task_force = TaskForce.objects.create(name="测试专班", lead_leader=leader)
    project_a = ProjectFactory(
        code="2025-411003-36-03-000001",
        name="项目A",
        region=county_a,
        owner=users["owner_x"].enterprise,
        task_force=task_force,
    )
    project_a.leaders.add(leader)
    project_b = ProjectFactory(
        code="2025-411002-36-03-000002", name="项目B", region=county_b, owner=users["owner_y"].enterprise
    )
    period = Period.objects.create(year=2026, month=10, is_open=True, **Period.default_deadlines(2026, 10))
    report_a = Report.objects.create(
        project=project_a,
        period=period,
        amount=Decimal("100.00"),
        status=ReportStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    photo = jpeg_bytes()
    attachment_a = Attachment.objects.create(
        report=report_a,
        kind=AttachmentKind.PHOTO,
        file_type=FileType.JPEG,
        name="现场.jpg",
        size=len(photo),
        file=ContentFile(photo, name="site.jpg"),
    )
    color_a = ColorRecord.objects.create(
        period=period, project=project_a, computed_color="红", reason="测试", computed_at=timezone.now()
    )
    letter_a = WarningLetter.objects.create(
        period=period,
        region=county_a,
        number="提示函〔2026〕10-1号",
        deadline=datetime.date(2026, 12, 1),
        issued_at=timezone.now(),
        projects=[{"code": project_a.code, "name": "项目A", "color": "红"}],
    )
    problem_a = Problem.objects.create(
        project=project_a,
        description="临时用地未批",
        category="land",
        lead_department=users["dept"].department,
        raised_by=users["county_a"],
    )
    procedure_a = Procedure.objects.create(
        project=project_a,
        kind="eia",
        status="in_progress",
        department=users["dept"].department,
        applied_on=datetime.date(2026, 9, 1),
    )
    meeting = Meeting.objects.create(
        kind="weekly", title="重点项目周例会", date=datetime.date(2026, 11, 20), chair="市长"
    )
    raised_a = RaisedProblem.objects.create(report=report_a, category="funds", description="资金缺口")
    visit_a = Visit.objects.create(
        leader=leader, project=project_a, date=datetime.date(2026, 10, 15), findings="进度偏慢"
    )
    attraction_a = AttractionProject.objects.create(
        name="招商项目A",
        region=county_a,
        contracted_amount=Decimal("5000"),
        stage="signed",
        signed_on=datetime.date(2026, 3, 1),
    )
    reserve_a = ReserveProject.objects.create(
        name="储备项目A", region=county_a, level="city", total_investment=Decimal("8000")
    )
    element_a = ElementNeed.objects.create(
        project=project_a, kind="land", quantity=Decimal("95"), unit="亩", department=users["dept"].department
    )
    financing = FinancingList.objects.create(year=2026, number=6, published_on=datetime.date(2026, 11, 1))
    return {
        "attraction_a": attraction_a,
        "reserve_a": reserve_a,
        "element_a": element_a,
        "financing": financing,
        "problem_a": problem_a,
        "procedure_a": procedure_a,
        "meeting": meeting,
        "raised_a": raised_a,
        "visit_a": visit_a,
        "color_a": color_a,
        "letter_a": letter_a,
        "period": period,
        "report_a": report_a,
        "attachment_a": attachment_a,
        "leader_record": leader,
        "task_force": task_force,
        "project_a": project_a,
        "project_b": project_b,
        "entry_a": AnnualEntryFactory(project=project_a),
        "entry_b": AnnualEntryFactory(project=project_b),
    }


def make_assessment(county_a: Region, county_b: Region, department) -> dict:
    """A published half-year result for the regions (A praised), a draft, and a department's result."""
    from keyprojects.assessment.models import Adjustment, Assessment, Scheme, SchemeIndicator, Score, ScoreLine

    now = timezone.now()
    start = datetime.date(2026, 1, 1)
    scheme_a = Scheme.objects.create(
        year=2026, subject="region", cycle="half", name="测试县区考核", effective_from=start
    )
    problems = SchemeIndicator.objects.create(scheme=scheme_a, measure="problems", weight=100)
    assessment_a = Assessment.objects.create(
        scheme=scheme_a, period_code="2026-H1", computed_at=now, is_published=True, published_at=now
    )
    draft = Assessment.objects.create(scheme=scheme_a, period_code="2026-H2", computed_at=now)
    scores = {}
    for name, region, total, rank in (("score_a", county_a, 100, 1), ("score_b", county_b, 50, 2)):
        scores[name] = Score.objects.create(
            assessment=assessment_a,
            region=region,
            body_name=region.name,
            body_code=region.code,
            total=total,
            rank=rank,
            praised=rank == 1,
        )
        ScoreLine.objects.create(score=scores[name], indicator=problems, value="1/1", points=total, basis="测试")
    scheme_d = Scheme.objects.create(
        year=2026, subject="department", cycle="half", name="测试部门考核", effective_from=start
    )
    assessment_d = Assessment.objects.create(scheme=scheme_d, period_code="2026-H1", computed_at=now, is_published=True)
    score_dept = Score.objects.create(
        assessment=assessment_d, department=department, body_name=department.name, total=90, rank=1
    )
    adjustment_a = Adjustment.objects.create(
        region=county_a, subject="region", occurred_on=datetime.date(2026, 3, 2), points=2, reason="测试加分"
    )
    return {
        "scheme_a": scheme_a,
        "assessment_a": assessment_a,
        "assessment_draft": draft,
        "score_dept": score_dept,
        "adjustment_a": adjustment_a,
        **scores,
    }
