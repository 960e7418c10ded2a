"""The demo city's coordination work, placed relative to the day of loading: problems in every state
(waiting to be signed for, in hand and overdue, due in the next days, answered and waiting to be
verified, closed), approval procedures of the past year, the last fortnight's meetings, visits."""

import datetime
import random

from django.utils import timezone

from keyprojects.accounts.choices import UserRole
from keyprojects.accounts.models import Department, User
from keyprojects.coordination import services
from keyprojects.coordination.choices import ProcedureKind, ProcedureStatus
from keyprojects.coordination.models import Problem, Procedure
from keyprojects.core.demo import DemoCalendar, shift
from keyprojects.projects.models import AnnualEntry, Leader

SEED = 10
PROBLEM_COUNT, PROCEDURE_PROJECTS = 70, 60
# Days before today a problem in each state was signed for (its deadline is 10 working days after).
OVERDUE_ACCEPTED, DUE_ACCEPTED, ANSWERED_ACCEPTED = (16, 30), (2, 13), (10, 40)
MEETINGS = [  # (days ago, kind, title; {month} is the meeting's month)
    (14, "weekly", "重点项目建设周例会"),
    (7, "weekly", "重点项目建设周例会"),
    (3, "monthly", "{month}月重点项目月调度会"),
    (2, "mayor", "市长解难直通车协调会"),
]
VISITED_MONTHS = 3
PROBLEMS = [
    ("land", "许昌市自然资源和规划局", "项目用地指标未落实，土地组卷报批进度滞后"),
    ("planning", "许昌市自然资源和规划局", "规划条件需调整，影响总平面图审查"),
    ("eia", "许昌市生态环境局", "环评批复未取得，影响开工"),
    ("relocation", "许昌市住房和城乡建设局", "红线内尚有3户未完成征迁"),
    ("funds", "许昌市财政局", "专项债资金未拨付到位"),
    ("utilities", "国网许昌供电公司", "施工用电临时接入未完成"),
    ("approval", "许昌市行政审批和政务信息管理局", "施工许可证办理需容缺受理"),
]
DEPARTMENT_OF_KIND = {
    ProcedureKind.FILING: "许昌市发展和改革委员会",
    ProcedureKind.SITE: "许昌市自然资源和规划局",
    ProcedureKind.LAND_PLANNING: "许昌市自然资源和规划局",
    ProcedureKind.EIA: "许昌市生态环境局",
    ProcedureKind.WORKS_PLANNING: "许昌市自然资源和规划局",
    ProcedureKind.CONSTRUCTION: "许昌市住房和城乡建设局",
}


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


def load(calendar: DemoCalendar) -> list:
    if Problem.objects.exists() or not AnnualEntry.objects.exists():
        return []
    rng = random.Random(SEED)
    city = User.objects.get(username="city")
    entries = list(AnnualEntry.objects.filter(year=calendar.year).current().select_related("project__region")[:366])
    rng.shuffle(entries)
    leaders = list(Leader.objects.all())
    _problems(calendar, rng, city, entries[:PROBLEM_COUNT], leaders)
    _procedures(calendar, rng, city, entries[:PROCEDURE_PROJECTS])
    _meetings(calendar, city)
    for months_ago in range(VISITED_MONTHS, 0, -1):
        year, month = shift((calendar.today.year, calendar.today.month), -months_ago)
        for leader, entry in zip(leaders[:4], entries[100:104], strict=False):
            services.visit_create(
                by=city,
                leader=leader,
                project=entry.project,
                date=datetime.date(year, month, 15),
                findings="现场查看施工进度，企业反映用工紧张和材料价格上涨，已要求属地协调。",
            )
    return []


def _problems(calendar: DemoCalendar, rng: random.Random, city, entries: list, leaders: list) -> None:
    departments = {d.name: d for d in Department.objects.all()}
    officers = {d.pk: d.users.filter(role=UserRole.DEPARTMENT).first() or city for d in departments.values()}
    for index, entry in enumerate(entries):
        category, name, text = rng.choice(PROBLEMS)
        department = departments[name]
        stage = index % 7
        ago = rng.randint(*{1: OVERDUE_ACCEPTED, 2: DUE_ACCEPTED, 3: DUE_ACCEPTED}.get(stage, ANSWERED_ACCEPTED))
        accepted = calendar.days_ago(ago if stage else 0)
        problem = services.problem_create(
            by=city,
            project=entry.project,
            category=category,
            description=text,
            lead_department=department,
            responsible_leader=rng.choice(leaders) if leaders else None,
            raised_at=min(_at(accepted - datetime.timedelta(days=rng.randint(1, 3))), timezone.now()),
        )
        officer = officers[department.pk]
        if stage == 0:
            continue  # 待签收
        problem = services.problem_accept(by=officer, problem=problem, today=accepted)
        if stage in (1, 2):
            continue  # 办理中: overdue (1) or due in the coming days (2)
        if stage == 3:
            services.problem_return(by=officer, problem=problem, reason="该事项属县级事权，建议由属地办理")
            continue
        replied = min(accepted + datetime.timedelta(days=rng.randint(3, 20)), calendar.today)
        problem = services.problem_reply(by=officer, problem=problem, reply="已协调解决，相关手续已办结", today=replied)
        if stage >= 5:
            services.problem_close(by=city, problem=problem)
    for problem in Problem.objects.filter(status="in_progress")[:3]:
        services.problem_escalate(by=city, problem=problem, level="mayor")


def _procedures(calendar: DemoCalendar, rng: random.Random, city, entries: list) -> None:
    departments = {d.name: d for d in Department.objects.all()}
    for entry in entries:
        applied = calendar.days_ago(rng.randint(60, 330))
        for position, kind in enumerate(ProcedureKind.values):
            status = rng.choice([ProcedureStatus.DONE] * 3 + [ProcedureStatus.IN_PROGRESS, ProcedureStatus.NOT_STARTED])
            start = applied + datetime.timedelta(days=position * 12)
            approved = start + datetime.timedelta(days=rng.randint(5, 30))
            if start > calendar.today:
                status = ProcedureStatus.NOT_STARTED
            elif status == ProcedureStatus.DONE and approved > calendar.today:
                status = ProcedureStatus.IN_PROGRESS
            approved = approved if status == ProcedureStatus.DONE else None
            services.procedure_save(
                by=city,
                procedure=Procedure(
                    project=entry.project,
                    kind=kind,
                    status=status,
                    department=departments[DEPARTMENT_OF_KIND[kind]],
                    applied_on=start if status != ProcedureStatus.NOT_STARTED else None,
                    approved_on=approved,
                    document_number=f"许审批〔{approved.year}〕{rng.randint(10, 400)}号" if approved else "",
                    is_tolerant=rng.random() < 0.2,
                    is_commitment=rng.random() < 0.15,
                    is_combined=rng.random() < 0.1,
                ),
            )


def _meetings(calendar: DemoCalendar, city) -> None:
    for days_ago, kind, title in MEETINGS:
        day = calendar.days_ago(days_ago)
        meeting = services.meeting_create(
            by=city,
            kind=kind,
            title=title.format(month=day.month),
            date=day,
            chair="周建华" if kind == "mayor" else "陈立新",
            attendees="市重点项目办、市发改委、市自然资源和规划局、各县（市、区）分管负责同志",
            minutes="会议听取了重点项目推进情况汇报，逐一研究了逾期问题，明确责任单位和办结时限。",
        )
        if kind != "monthly":
            continue
        for problem in meeting.agenda_problems.all()[:3]:  # the monthly meeting assigns the hardest ones
            services.problem_create(
                by=city,
                project=problem.project,
                category=problem.category,
                meeting=meeting,
                description=f"会议交办：{problem.description}，请牵头单位5个工作日内拿出解决方案",
                lead_department=problem.lead_department,
                limit_days=5,
                raised_at=min(_at(day, 17), timezone.now()),
            )
