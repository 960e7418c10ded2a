"""The demo city's assessment: the schemes of 2025 and 2026 as the office adopted them in January (recorded
afterwards, so they are frozen at once), a revised 2026 monthly scheme for the months ahead, a few recorded
bonuses and deductions, and a year and more of results — the latest month left as a draft to publish."""

import datetime
from decimal import Decimal

from keyprojects.accounts.models import Department, Region, User
from keyprojects.analytics.selectors import latest_period
from keyprojects.assessment import services
from keyprojects.assessment.choices import Cycle, Subject
from keyprojects.assessment.models import Scheme
from keyprojects.assessment.windows import windows_of

SCHEMES = [  # (subject, cycle, name)
    (Subject.REGION, Cycle.MONTH, "县（市、区）重点项目建设月度考核办法"),
    (Subject.REGION, Cycle.HALF, "县（市、区）投资和项目建设半年综合考核办法"),
    (Subject.REGION, Cycle.YEAR, "县（市、区）投资和项目建设年度考核办法"),
    (Subject.DEPARTMENT, Cycle.HALF, "市直部门服务重点项目建设半年考核办法"),
    (Subject.DEPARTMENT, Cycle.YEAR, "市直部门服务重点项目建设年度考核办法"),
    (Subject.UNIT, Cycle.YEAR, "重点项目责任主体年度量化评价办法"),
]
ADJUSTMENTS = [  # (region code or department name, date, points, reason, evidence)
    ("411081", datetime.date(2025, 4, 18), 2, "全省重点项目观摩拉练获评先进", "省重点项目办通报"),
    ("411025", datetime.date(2025, 9, 12), -1, "季度观摩项目现场停工被点名", "9月观摩点评纪要"),
    ("411003", datetime.date(2026, 3, 20), 2, "第一季度“三个一批”签约项目数全省前列", "市委办公室通报"),
    ("411024", datetime.date(2026, 6, 5), -2, "重点项目月报数据虚报，经核查属实", "市统计局核查意见"),
    (
        "许昌市自然资源和规划局",
        datetime.date(2026, 5, 15),
        2,
        "土地要素保障“拿地即开工”改革获省表彰",
        "省自然资源厅文件",
    ),
]


def load() -> list:
    latest = latest_period()
    if Scheme.objects.exists() or latest is None:
        return []
    city = User.objects.get(username="city")
    last_year, last_month = latest
    for year in (last_year - 1, last_year):
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
    _adjustments(city)
    for subject, cycle, _ in SCHEMES:
        for year in (last_year - 1, last_year):
            for window in windows_of(year, cycle):
                if (window.year, window.last_month) > latest:
                    break
                if not Scheme.objects.filter(year=year, subject=subject, cycle=cycle).exists():
                    continue
                assessment = services.assessment_compute(by=city, subject=subject, period_code=window.code)
                if (window.year, window.last_month) != latest:
                    services.assessment_publish(by=city, assessment=assessment)
    _revise(city, last_year)
    return []


def _adjustments(city) -> None:
    for body, day, points, reason, evidence in ADJUSTMENTS:
        where = {"department": Department.objects.get(name=body)} if not body.isdigit() else None
        where = where or {"region": Region.objects.get(code=body)}
        services.adjustment_create(
            by=city, occurred_on=day, points=Decimal(points), reason=reason, evidence=evidence, **where
        )


def _revise(city, year: int) -> None:
    """The office raised the weight of timeliness for the rest of the year: a second version, not an edit."""
    monthly = Scheme.objects.get(year=year, subject=Subject.REGION, cycle=Cycle.MONTH, version=1)
    revised = services.scheme_new_version(by=city, scheme=monthly)
    if revised.effective_from.year != year:
        return
    rows = [{"measure": i.measure, "weight": i.weight, "per_item": i.per_item} for i in revised.indicators.all()]
    for row in rows:
        row["weight"] = {"timeliness": Decimal(25), "problems": Decimal(15)}.get(row["measure"], row["weight"])
    services.scheme_update(
        by=city, scheme=revised, indicators=rows, note="根据领导小组会议精神修订：提高月报及时率分值。"
    )
