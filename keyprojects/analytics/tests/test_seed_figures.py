"""The seeds' published figures, rebuilt from data shaped like theirs (DOMAIN.md §6, §12)."""

import datetime
from decimal import Decimal

from keyprojects.analytics.filters import Filters
from keyprojects.analytics.indicators import indicators
from keyprojects.analytics.summary import summary_paragraph
from keyprojects.projects.models import AnnualEntry, Project
from keyprojects.reports.models import Period, Report

CHENGDU_2019 = (
    "全市2019年重点项目1105个，总投资35834.65亿元，年度计划投资4606.99亿元，1—8月完成投资3568.05亿元，"
    "占年度计划的77.45%。其中，144个省重点项目完成投资1338.3亿元。2019年计划新开工项目308个，截至目前，"
    "215个项目开工建设，开工率69.81%。33个省重点新开工项目已开工27个，开工率81.82%。"
)


def _shares(total: str, count: int) -> list[Decimal]:
    """`count` amounts in 万元 that add up to exactly `total`."""
    total = Decimal(total)
    share = (total / count).quantize(Decimal("0.01"))
    return [share] * (count - 1) + [total - share * (count - 1)]


def _build(region, *, year, month, groups) -> None:
    """groups: (count, level, new starts, started, total investment, annual plan, completed) in 万元."""
    period = Period.objects.create(year=year, month=month, **Period.default_deadlines(year, month))
    end = datetime.date(year, month, 28)
    serial = 0
    for count, level, new, started, total, plan, done in groups:
        totals, plans, dones = _shares(total, count), _shares(plan, count), _shares(done, count)
        for index in range(count):
            serial += 1
            project = Project.objects.create(
                code=f"{year - 1}-411003-36-03-{serial:06d}",
                name=f"项目{serial}",
                region=region,
                total_investment=totals[index],
                planned_start=datetime.date(year, 3, 1),
                actual_start=end if index < started else None if index < new else datetime.date(year - 1, 5, 1),
            )
            AnnualEntry.objects.create(
                project=project,
                year=year,
                level=level,
                annual_plan=plans[index],
                category="new" if index < new else "continuing",
                added_on=datetime.date(year, 1, 1),
            )
            Report.objects.create(project=project, period=period, amount=dones[index], status="confirmed")


def test_chengdus_august_2019_figures_come_out_as_published(people):
    _build(
        people.county_a_region,
        year=2019,
        month=8,
        groups=[
            (144, "province", 33, 27, "96000000.00", "13000000.00", "13383000.00"),
            (961, "city", 275, 188, "262346500.00", "33069900.00", "22297500.00"),
        ],
    )
    figures = indicators(people.city, 2019, 8)
    assert figures["project_count"] == 1105
    assert figures["total_investment"] == Decimal("358346500.00")
    assert figures["completion_rate"] == Decimal("77.45")
    assert (figures["new_start_planned"], figures["new_start_started"], figures["start_rate"]) == (
        308,
        215,
        Decimal("69.81"),
    )
    provincial = indicators(people.city, 2019, 8, Filters(level="province"))
    assert provincial["start_rate"] == Decimal("81.82")
    text = summary_paragraph(place="全市", year=2019, month=8, figures=figures, provincial=provincial)
    assert text == CHENGDU_2019


def test_handans_provincial_projects_reach_103_13_percent(people):
    _build(
        people.county_a_region,
        year=2022,
        month=12,
        groups=[
            (10, "province", 0, 0, "9000000.00", "4188000.00", "4319000.00"),
        ],
    )
    assert indicators(people.city, 2022, 12, Filters(level="province"))["completion_rate"] == Decimal("103.13")


def test_a_zero_plan_gives_an_absent_rate_not_zero(people):
    figures = indicators(people.city, 2030, 3)
    assert figures["project_count"] == 0 and figures["completion_rate"] is None and figures["yoy_growth"] is None
    assert figures["time_schedule_rate"] == Decimal("25.00")
