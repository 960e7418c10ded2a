"""The demo city's pipeline: attraction projects at every stage, a reserve pool, element needs and a
financing-needs list (seed 001 and seed 002 counted these as carefully as investment). Every date is
placed relative to the day of loading: signed in the past year or two, each later stage 40 days on."""

import datetime
import random
from decimal import Decimal

from keyprojects.accounts.models import Department, Region, User
from keyprojects.attraction import services
from keyprojects.attraction.choices import ElementKind, ElementStatus, FundingKind, Mode, ReserveStage, Stage
from keyprojects.attraction.models import AttractionProject, ElementNeed, FinancingNeed, ReserveProject
from keyprojects.core.demo import DemoCalendar
from keyprojects.projects.demo import PROJECTS_PER_REGION
from keyprojects.projects.models import AnnualEntry, Domain

SEED = 7
STAGE_DAYS = 40  # from signing to performing, to starting, to producing
SIGNED_DAYS_AGO = (3 * STAGE_DAYS + 10, 330)  # the latest stage reached is at least 10 days old
INVESTORS = [
    "深圳远航科技有限公司",
    "杭州华宇智能装备集团",
    "南京三佳汽车零部件有限公司",
    "北京中交绿色交通有限公司",
    "佛山美达新材料有限公司",
    "上海嘉禾生物医药有限公司",
    "苏州博瑞电子科技有限公司",
    "郑州宇通配套产业集团",
]
PRODUCTS = [
    "智能装备制造",
    "新能源汽车零部件",
    "硅碳负极材料",
    "超硬材料制品",
    "电子元器件",
    "生物医药中间体",
    "冷链物流",
    "光伏组件",
]
ELEMENT_DEPARTMENTS = {
    ElementKind.LAND: "许昌市自然资源和规划局",
    ElementKind.LAND_QUOTA: "许昌市自然资源和规划局",
    ElementKind.ENERGY: "许昌市发展和改革委员会",
    ElementKind.ENVIRONMENT: "许昌市生态环境局",
    ElementKind.POWER: "国网许昌供电公司",
    ElementKind.FUNDS: "许昌市财政局",
}
UNITS = {
    ElementKind.LAND: "亩",
    ElementKind.LAND_QUOTA: "亩",
    ElementKind.ENERGY: "吨标准煤",
    ElementKind.ENVIRONMENT: "吨/年",
    ElementKind.POWER: "千伏安",
    ElementKind.FUNDS: "万元",
}


def _money(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


def _short(region) -> str:
    return region.name.replace("许昌市", "").replace("许昌", "")


def load(calendar: DemoCalendar) -> list:
    if AttractionProject.objects.exists() or not AnnualEntry.objects.exists():
        return []
    rng = random.Random(SEED)
    by = User.objects.get(username="invest")
    regions = list(Region.objects.filter(code__in=PROJECTS_PER_REGION))
    stages = (
        [Stage.TALKS] * 12 + [Stage.SIGNED] * 14 + [Stage.PERFORMING] * 6 + [Stage.STARTED] * 14 + [Stage.PRODUCING] * 8
    )
    for index, stage in enumerate(stages):
        region = rng.choice(regions)
        # One in three was signed the year before.
        signed = calendar.days_ago(rng.randint(*SIGNED_DAYS_AGO) + (365 if index % 3 == 0 else 0))
        later = [signed + datetime.timedelta(days=STAGE_DAYS * step) for step in (1, 2, 3)]
        project = AttractionProject(
            name=f"{_short(region)}{rng.choice(PRODUCTS)}项目（{index + 1:02d}）",
            region=region,
            investor=rng.choice(INVESTORS),
            source_region=rng.choice(["深圳", "杭州", "南京", "上海", "北京"]),
            industry=rng.choice(["装备制造", "新材料", "电子信息", "生物医药", "现代物流"]),
            mode=rng.choice(Mode.values),
            contracted_amount=_money(rng.uniform(5000, 300000)),
            stage=stage,
            talks_on=signed - datetime.timedelta(days=60),
            signed_on=signed if stage != Stage.TALKS else None,
            performed_on=later[0] if stage in (Stage.PERFORMING, Stage.STARTED, Stage.PRODUCING) else None,
            started_on=later[1] if stage in (Stage.STARTED, Stage.PRODUCING) else None,
            producing_on=later[2] if stage == Stage.PRODUCING else None,
        )
        project = services.attraction_save(by=by, project=project)
        if project.signed_on:
            services.funds_add(
                by=by,
                project=project,
                date=project.signed_on + datetime.timedelta(days=30),
                amount=_money(float(project.contracted_amount) * rng.uniform(0.05, 0.4)),
            )
    domains = list(Domain.objects.all())
    for index in range(30):
        region = rng.choice(regions)
        services.reserve_save(
            by=by,
            reserve=ReserveProject(
                name=f"{_short(region)}{rng.choice(PRODUCTS)}储备项目（{index + 1:02d}）",
                region=region,
                level=rng.choice(["city", "city", "province"]),
                domain=rng.choice(domains),
                total_investment=_money(rng.uniform(10000, 500000)),
                stage=rng.choice(ReserveStage.values),
                owner_name=rng.choice(INVESTORS),
            ),
        )
    departments = {d.name: d for d in Department.objects.all()}
    city = User.objects.get(username="city")
    entries = list(AnnualEntry.objects.filter(year=calendar.year).select_related("project")[:40])
    for entry in entries:
        kind = rng.choice(list(ELEMENT_DEPARTMENTS))
        quantity = _money(rng.uniform(20, 500))
        status = rng.choice(ElementStatus.values)
        secured = (
            quantity
            if status == ElementStatus.SECURED
            else _money(float(quantity) * rng.uniform(0.2, 0.8))
            if status == ElementStatus.PARTIAL
            else Decimal(0)
        )
        services.element_save(
            by=city,
            need=ElementNeed(
                project=entry.project,
                kind=kind,
                quantity=quantity,
                secured=secured,
                unit=UNITS[kind],
                department=departments[ELEMENT_DEPARTMENTS[kind]],
                status=status,
            ),
        )
    # The latest bimonthly list: published on the 1st of the odd month of this or the last two months.
    year, month = calendar.today.year, calendar.today.month - (calendar.today.month + 1) % 2
    financing = services.financing_list_publish(
        by=city, year=year, number=(month + 1) // 2, published_on=datetime.date(year, month, 1)
    )
    for entry in entries[:12]:
        services.financing_need_save(
            by=city,
            need=FinancingNeed(
                financing_list=financing,
                project=entry.project,
                kind=rng.choice(FundingKind.values),
                amount=_money(float(entry.project.total_investment) * 0.3),
                matched_bank=rng.choice(["", "中国银行许昌分行", "国家开发银行河南分行", "许昌农商银行"]),
            ),
        )
    return []
