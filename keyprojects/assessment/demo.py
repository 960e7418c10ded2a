"""The demo city's assessment: last year's and this reporting year's schemes as the office adopted them in
January (recorded afterwards, so they are frozen at once), a revised monthly scheme for the months ahead,
a few recorded bonuses and deductions, and the results of every finished (locked) period — published, but
for the periods that end with the month just locked, left as drafts for the city to publish."""

import datetime
from decimal import Decimal

from keyprojects.accounts.models import Department, Region, User
from keyprojects.assessment import services
from keyprojects.assessment.choices import Cycle, Subject
from keyprojects.assessment.models import Scheme
from keyprojects.assessment.windows import windows_of
from keyprojects.core.demo import DemoCalendar
from keyprojects.reports.models import Period

SCHEMES = [  # (subject, cycle, name)
    (Subject.REGION, Cycle.MONTH, "县（市、区）重点项目建设月度考核办法"),
    (Subject.REGION, Cycle.HALF, "县（市、区）投资和项目建设半年综合考核办法"),
    (Subject.REGION, Cycle.YEAR, "县（市、区）投资和项目建设年度考核办法"),
    (Subject.DEPARTMENT, Cycle.HALF, "市直部门服务重点项目建设半年考核办法"),
    (Subject.DEPARTMENT, Cycle.YEAR, "市直部门服务重点项目建设年度考核办法"),
    (Subject.UNIT, Cycle.YEAR, "重点项目责任主体年度量化评价办法"),
]
ADJUSTMENTS = [  # (region code or department name, days before the end of the locked month, points, reason, evidence)
    ("411081", 400, 2, "全省重点项目观摩拉练获评先进", "省重点项目办通报"),
    ("411025", 250, -1, "季度观摩项目现场停工被点名", "观摩点评纪要"),
    ("411003", 100, 2, "“三个一批”签约项目数全省前列", "市委办公室通报"),
    ("411024", 40, -2, "重点项目月报数据虚报，经核查属实", "市统计局核查意见"),
    ("许昌市自然资源和规划局", 20, 2, "土地要素保障“拿地即开工”改革获省表彰", "省自然资源厅文件"),
]


def load(calendar: DemoCalendar) -> list:
    if Scheme.objects.exists() or not Period.objects.filter(is_locked=True).exists():
        return []
    city = User.objects.get(username="city")
    latest = calendar.locked_month  # the latest finished month: nothing later is assessed
    last_year = calendar.year
    for year in calendar.report_years:
        for subject, cycle, name in SCHEMES:
            if subject == Subject.DEPARTMENT and year < last_year:
                continue  # the demo's problems and procedures start this year: nothing to assess departments on
            services.scheme_create(
                by=city,
                year=year,
                subject=subject,
                cycle=cycle,
                name=f"{year}年{name}",
                effective_from=datetime.date(year, 1, 1),
                praised_count=services.DEFAULT_PRAISED[subject],
                summoned_count=services.DEFAULT_SUMMONED[subject],
                note="经市重点项目建设工作领导小组研究同意，年初印发。",
            )
    _adjustments(city, calendar)
    for subject, cycle, _ in SCHEMES:
        for year in calendar.report_years:
            for window in windows_of(year, cycle):
                if (window.year, window.last_month) > latest:
                    break
                if not Scheme.objects.filter(year=year, subject=subject, cycle=cycle).exists():
                    continue
                assessment = services.assessment_compute(by=city, subject=subject, period_code=window.code)
                if (window.year, window.last_month) != latest:
                    services.assessment_publish(by=city, assessment=assessment)
    _revise(city, last_year, calendar)
    return []


def _adjustments(city, calendar: DemoCalendar) -> None:
    for body, days_before, points, reason, evidence in ADJUSTMENTS:
        day = calendar.locked_end - datetime.timedelta(days=days_before)
        where = {"department": Department.objects.get(name=body)} if not body.isdigit() else None
        where = where or {"region": Region.objects.get(code=body)}
        services.adjustment_create(
            by=city, occurred_on=day, points=Decimal(points), reason=reason, evidence=evidence, **where
        )


def _revise(city, year: int, calendar: DemoCalendar) -> None:
    """The office raised the weight of timeliness for the rest of the year: a second version, not an edit
    (only while the year has a month ahead)."""
    if services.next_period_start(Cycle.MONTH, calendar.today).year != year:
        return
    monthly = Scheme.objects.get(year=year, subject=Subject.REGION, cycle=Cycle.MONTH, version=1)
    revised = services.scheme_new_version(by=city, scheme=monthly)
    rows = [{"measure": i.measure, "weight": i.weight, "per_item": i.per_item} for i in revised.indicators.all()]
    for row in rows:
        row["weight"] = {"timeliness": Decimal(25), "problems": Decimal(15)}.get(row["measure"], row["weight"])
    services.scheme_update(
        by=city, scheme=revised, indicators=rows, note="根据领导小组会议精神修订：提高月报及时率分值。"
    )
