"""The demo city's annual key-project lists (许昌市, last year's and this reporting year's, and in January
the new year's too), generated from a fixed seed with every date placed relative to the day of loading.

About 366 provincial and city key projects across the districts, counties and zones (seed 000:
“366个省市重点项目”), with plausible names, owners, amounts, dates, leaders, task forces, two
packaged projects with their modules, milestone nodes and a few monthly splits. The demo owner
(许昌三佳汽车零部件有限公司) has a continuing project and a new start, both in 建安区.
"""

import datetime
import random
from decimal import Decimal

from keyprojects.accounts.models import Enterprise, Region, User
from keyprojects.accounts.services import enterprise_get_or_create
from keyprojects.core.demo import DemoCalendar
from keyprojects.projects import services
from keyprojects.projects.choices import Category, Level
from keyprojects.projects.models import Domain, Industry, IndustryChain, Leader, Project, TaskForce

SEED = 411000
OWNER_REGION = "411003"
OWNER_ENTERPRISE = "许昌三佳汽车零部件有限公司"
OWNER_PROJECTS = ["许昌三佳年产1000万套万向节总成项目", "许昌三佳新能源汽车电驱动系统零部件项目"]
PROJECTS_PER_REGION = {
    "411081": 55,
    "411082": 55,
    "411003": 50,
    "411002": 38,
    "411024": 40,
    "411025": 45,
    "411071": 30,
    "411072": 30,
    "411073": 21,
}  # 364 standalone projects + 2 packages = 366 on the list
PROVINCE_SHARE = 0.17
WAN = Decimal("0.01")
NAME_TRIES = 10

LEADERS = [
    ("周建华", "市长"),
    ("陈立新", "副市长"),
    ("刘国庆", "常务副市长"),
    ("王晓东", "副市长"),
    ("张海燕", "副市长"),
    ("李志刚", "副市长"),
    ("赵明远", "市委常委、秘书长"),
    ("孙卫东", "市委常委、宣传部部长"),
    ("郭振宇", "市委常委、组织部部长"),
    ("黄春生", "市人大常委会副主任"),
    ("马玉兰", "市政协副主席"),
]
COMPANY_WORDS = [
    "瑞祥",
    "恒达",
    "中原",
    "金鼎",
    "华宇",
    "远航",
    "鼎盛",
    "宏图",
    "天源",
    "博瑞",
    "嘉禾",
    "众诚",
    "德润",
    "新锐",
    "盛世",
    "永兴",
    "鸿运",
    "泰和",
    "科润",
    "金阳",
    "豫龙",
    "汇通",
    "信达",
    "坤元",
]
PLACES = [
    "许由路",
    "八一路",
    "魏文路",
    "学院路",
    "建安大道",
    "永兴路",
    "长兴路",
    "东城大道",
    "文峰路",
    "瑞祥路",
    "芙蓉大道",
    "碧水路",
    "灞陵路",
    "龙湖路",
    "清潩河",
    "小洪河",
    "双洎河",
    "颍河",
    "石梁河",
    "鹤鸣湖",
]

# (domain, industry, chain or None, name pattern, typical total investment in 万元)
TEMPLATES = [
    ("先进制造业", "新材料", "硅碳新材料", "{co}年产{n}万吨硅碳负极材料项目", 120000),
    ("先进制造业", "新材料", "超硬材料", "{co}年产{n}亿克拉人造金刚石项目", 80000),
    ("先进制造业", "新材料", "超硬材料", "{co}超硬材料制品产业园项目", 60000),
    ("先进制造业", "汽车及零部件", "汽车零部件", "{co}年产{n}万套汽车传动系统项目", 50000),
    ("先进制造业", "装备制造", "电力装备", "{co}智能电力装备产业园项目", 150000),
    ("先进制造业", "装备制造", "电力装备", "{co}年产{n}万台智能配电设备项目", 40000),
    ("先进制造业", "纺织服装", "发制品", "{co}年产{n}万件高档发制品项目", 30000),
    ("先进制造业", "电子信息", "新一代信息技术", "{co}智能终端产业园项目", 90000),
    ("先进制造业", "生物医药", "生物医药", "{co}生物医药产业园（{phase}期）项目", 70000),
    ("先进制造业", "其他制造业", "再生金属", "{co}年产{n}万吨再生铝项目", 45000),
    ("先进制造业", "食品加工", None, "{co}年产{n}万吨食品精深加工项目", 25000),
    ("现代服务业", "现代物流", None, "{region}冷链物流园项目", 60000),
    ("现代服务业", "文化旅游", None, "{region}{place}文旅综合体项目", 80000),
    ("现代服务业", "商贸流通", None, "{region}商贸物流城（{phase}期）项目", 50000),
    ("现代服务业", "健康养老", None, "{region}康养中心建设项目", 20000),
    ("基础设施", "交通", None, "{region}{place}道路提升改造工程", 30000),
    ("基础设施", "交通", None, "许昌至{far}快速通道{region}段工程", 200000),
    ("基础设施", "能源", None, "{region}220千伏输变电工程", 35000),
    ("基础设施", "水利", None, "{region}{place}水系连通工程", 40000),
    ("基础设施", "市政公用", None, "{region}城区供热管网建设项目", 18000),
    ("基础设施", "信息通信", "新一代信息技术", "{region}5G网络和数据中心建设项目", 50000),
    ("新型城镇化", "城市更新", None, "{region}{place}片区城市更新项目", 100000),
    ("新型城镇化", "老旧小区改造", None, "{region}老旧小区改造项目（{phase}期）", 15000),
    ("新型城镇化", "保障性住房", None, "{region}保障性租赁住房项目", 25000),
    ("新型城镇化", "产业园区", None, "{region}标准化厂房建设项目（{phase}期）", 30000),
    ("新型城镇化", "乡村振兴", None, "{region}乡村振兴示范片区建设项目", 20000),
    ("生态环保", "环境基础设施", "节能环保", "{region}污水处理厂提标改造项目", 15000),
    ("生态环保", "生态修复", None, "{region}{place}生态修复工程", 30000),
    ("生态环保", "节能降碳", "节能环保", "{co}分布式光伏发电项目", 20000),
    ("社会民生", "医疗卫生", None, "{region}人民医院新院区建设项目", 60000),
    ("社会民生", "教育", None, "{region}第{n}高级中学建设项目", 25000),
    ("社会民生", "文化体育", None, "{region}全民健身中心建设项目", 15000),
    ("社会民生", "养老托育", None, "{region}养老服务中心建设项目", 10000),
]
FAR_PLACES = ["郑州", "漯河", "平顶山", "周口", "开封", "南阳"]
PRODUCT_WORDS = {
    "汽车及零部件": "汽车零部件",
    "装备制造": "装备制造",
    "纺织服装": "发制品",
    "新材料": "新材料",
    "电子信息": "科技",
    "生物医药": "生物科技",
    "其他制造业": "再生资源",
    "食品加工": "食品",
    "节能降碳": "新能源",
}


def _money(value: float) -> Decimal:
    return Decimal(str(round(value, 2))).quantize(WAN)


class DemoCity:
    def __init__(self, calendar: DemoCalendar):
        self.calendar = calendar
        self.year = calendar.year
        self.rng = random.Random(SEED)
        self.city = Region.objects.get(is_managed_city=True)
        self.regions = {r.code: r for r in Region.objects.filter(code__in=PROJECTS_PER_REGION)}
        self.domains = {d.name: d for d in Domain.objects.all()}
        self.industries = {(i.domain.name, i.name): i for i in Industry.objects.select_related("domain")}
        self.chains = {c.name: c for c in IndustryChain.objects.all()}
        self.serial = 3500
        self.leaders = []
        self.names = set()

    def short(self, region) -> str:
        return region.name.replace("许昌市", "").replace("许昌", "")

    def company(self, region, industry: str) -> Enterprise:
        word = self.rng.choice(COMPANY_WORDS)
        name = f"许昌{word}{PRODUCT_WORDS.get(industry, '实业')}有限公司"
        return enterprise_get_or_create(by=None, name=name, region=region)

    def location(self, region) -> tuple[Decimal, Decimal]:
        base = region if region.longitude else self.city
        return (
            (base.longitude + Decimal(str(self.rng.uniform(-0.08, 0.08)))).quantize(Decimal("0.000001")),
            (base.latitude + Decimal(str(self.rng.uniform(-0.06, 0.06)))).quantize(Decimal("0.000001")),
        )

    def code(self, region, start: datetime.date) -> str:
        if self.rng.random() < 0.12:
            return ""  # no national code yet: a local code is generated
        self.serial += self.rng.randint(1, 40)
        issuer = region.code if region.kind == "county" else self.city.code  # zones file through the city
        return f"{start.year - 1}-{issuer}-{self.rng.randint(10, 89)}-0{self.rng.randint(1, 3)}-{self.serial:06d}"

    def make_leaders(self) -> None:
        for order, (name, title) in enumerate(LEADERS, start=1):
            user = User.objects.filter(username="leader").first() if name == "陈立新" else None
            leader = Leader.objects.filter(name=name, title=title).first() or Leader(name=name, title=title)
            leader.user, leader.sort_order = user, order
            self.leaders.append(services.leader_save(by=None, leader=leader))

    def make_project(
        self, region, *, new_start: bool, template=None, package=None, name=None, ongoing: bool = False
    ) -> Project:
        domain_name, industry_name, chain, pattern, typical = template or self.rng.choice(TEMPLATES)
        owner = self.company(region, industry_name)
        total = _money(typical * self.rng.uniform(0.4, 2.2))
        if new_start:
            start = datetime.date(self.year, self.rng.randint(1, 11), self.rng.choice([1, 10, 15, 20, 28]))
        else:
            start = datetime.date(self.year - self.rng.randint(1, 2), self.rng.randint(1, 12), 1)
        completion = datetime.date(start.year + self.rng.randint(1, 3), self.rng.randint(1, 12), 28)
        started = (not new_start) or (start <= self.calendar.open_end and self.rng.random() < 0.8)
        actual_start = start + datetime.timedelta(days=self.rng.randint(-10, 40)) if started else None
        if actual_start and actual_start > self.calendar.today:
            actual_start = None  # a start planned for these days has not happened yet
        # The owner's own projects stay under construction: the demo owner has this month's report to fill.
        completed = (
            not ongoing
            and completion <= self.calendar.open_end
            and completion.year == self.year
            and self.rng.random() < 0.7
        )
        longitude, latitude = self.location(region)
        text = name
        for _ in range(NAME_TRIES):  # a name already used in the region is drawn again
            text = name or pattern.format(
                co=owner.name.replace("有限公司", ""),
                n=self.rng.randint(1, 5) * 10,
                phase=self.rng.randint(1, 3),
                region=self.short(region),
                place=self.rng.choice(PLACES),
                far=self.rng.choice(FAR_PLACES),
            )
            if (text, region.code) not in self.names:
                break
        if (text, region.code) in self.names:
            text = f"{text.removesuffix('项目').removesuffix('工程')}（续建）项目"
        self.names.add((text, region.code))
        return services.project_create(
            by=None,
            code=self.code(region, start),
            name=text,
            region=region,
            domain=self.domains[domain_name],
            industry=self.industries[(domain_name, industry_name)],
            owner=owner,
            responsible_unit=f"{region.name}人民政府" if region.kind == "county" else f"{region.name}管委会",
            package=package,
            content=f"{text.replace('项目', '').replace('工程', '')}，总投资{total / 10000:.2f}亿元。",
            total_investment=total,
            planned_start=start,
            planned_completion=completion,
            actual_start=actual_start,
            actual_completion=completion if completed and actual_start else None,
            stats_entry_date=actual_start + datetime.timedelta(days=20) if actual_start else None,
            # Investment done before the platform's first reported month (January of the first demo year).
            opening_completed=(
                _money(float(total) * self.rng.uniform(0.1, 0.3)) if start.year < self.calendar.report_years[0] else 0
            ),
            longitude=longitude,
            latitude=latitude,
            is_priority=self.rng.random() < 0.06,
            is_sibao_whitelist=self.rng.random() < 0.15,
            is_eco_whitelist=self.rng.random() < 0.12,
            chains=[self.chains[chain]] if chain else [],
            leaders=[self.rng.choice(self.leaders)] if self.rng.random() < 0.7 else [],
        )

    def put_on_lists(self, project: Project, level: str) -> None:
        for year in self.calendar.list_years:
            if project.planned_start and project.planned_start.year > year:
                continue
            if project.actual_completion and project.actual_completion.year < year:
                continue
            new_start = project.planned_start.year == year
            remaining = project.total_investment * Decimal(self.rng.uniform(0.25, 0.55))
            if new_start:  # a project starting during the year plans only for the months it has left
                remaining = remaining * (13 - project.planned_start.month) / 12
            entry = services.entry_add(
                by=None,
                project=project,
                year=year,
                category=Category.NEW_START if new_start else Category.CONTINUING,
                level=level,
                annual_plan=_money(float(remaining)),
                added_on=datetime.date(year, 1, 1),
                reason=f"{year}年许昌市重点项目名单",
                annual_goal="完成主体结构施工" if new_start else "完成设备安装，具备投产条件",
            )
            self.milestones(entry, project)

    def milestones(self, entry, project: Project) -> None:
        year = entry.year
        nodes = []
        if project.planned_start.year == year:
            nodes.append({"name": "开工", "planned_date": project.planned_start, "actual_date": project.actual_start})
        middle = datetime.date(year, 7, 30)
        reached = middle + datetime.timedelta(days=self.rng.randint(-20, 30))
        done = project.actual_start and reached <= self.calendar.locked_end and self.rng.random() < 0.8
        nodes.append({"name": "主体完工", "planned_date": middle, "actual_date": reached if done else None})
        if project.planned_completion.year == year:
            nodes.append(
                {"name": "竣工", "planned_date": project.planned_completion, "actual_date": project.actual_completion}
            )
        services.milestones_set(by=None, entry=entry, milestones=nodes)

    def make_task_forces(self) -> None:
        big = Project.objects.filter(package__isnull=True).order_by("-total_investment")[:15]
        for index, project in enumerate(big):
            leader = self.leaders[index % len(self.leaders)]
            task_force = TaskForce.objects.filter(name=f"{project.name}专班").first() or TaskForce(
                name=f"{project.name}专班",
                lead_leader=leader,
                deputy=f"{project.region.name}政府主要负责同志",
                liaison=f"联络员{index + 1:02d}",
                liaison_phone=f"0374-{2100000 + index * 137}",
            )
            task_force = services.task_force_save(by=None, task_force=task_force)
            services.project_update(by=None, project=project, task_force=task_force)

    def make_packages(self) -> None:
        packages = [
            (
                "411072",
                "许昌城乡一体化示范区基础设施提升打包项目",
                ["示范区{place}道路提升改造工程", "示范区雨污分流改造工程", "示范区智慧路灯及管网工程"],
            ),
            (
                "411003",
                "建安区乡村振兴示范带打包项目",
                [
                    "建安区五女店镇乡村振兴示范片区项目",
                    "建安区灵井镇人居环境整治项目",
                    "建安区陈曹乡高标准农田项目",
                    "建安区椹涧乡农产品冷链项目",
                ],
            ),
        ]
        for code, name, modules in packages:
            region = self.regions[code]
            package = services.project_create(
                by=None,
                name=name,
                region=region,
                domain=self.domains["新型城镇化"],
                industry=self.industries[("新型城镇化", "乡村振兴" if code == "411003" else "城市更新")],
                responsible_unit=f"{region.name}管委会" if region.kind == "zone" else f"{region.name}人民政府",
                total_investment=Decimal("0"),
                planned_start=datetime.date(self.year - 1, 9, 1),
                planned_completion=datetime.date(self.year + 1, 12, 31),
                actual_start=datetime.date(self.year - 1, 9, 18),
                content=f"模块化打包：{len(modules)}个模块项目。",
            )
            template = ("新型城镇化", "城市更新", None, "", 20000)
            for module in modules:
                self.make_project(
                    region,
                    new_start=True,
                    template=template,
                    package=package,
                    name=module.format(place=self.rng.choice(PLACES)),
                )
            package.refresh_from_db()
            self.put_on_lists(package, Level.CITY)

    def load(self) -> None:
        if Project.objects.exists():
            return
        self.make_leaders()
        owner = Enterprise.objects.get(name=OWNER_ENTERPRISE)
        for new_start, name in enumerate(OWNER_PROJECTS):
            owner_project = self.make_project(
                self.regions[OWNER_REGION],
                new_start=bool(new_start),
                template=("先进制造业", "汽车及零部件", "汽车零部件", "", 50000),
                name=name,
                ongoing=True,
            )
            services.project_update(by=None, project=owner_project, owner=owner)
            self.put_on_lists(owner_project, Level.PROVINCE)
        for code, count in PROJECTS_PER_REGION.items():
            region = self.regions[code]
            for _ in range(count - (len(OWNER_PROJECTS) if code == OWNER_REGION else 0)):
                project = self.make_project(region, new_start=self.rng.random() < 0.45)
                level = Level.PROVINCE if self.rng.random() < PROVINCE_SHARE else Level.CITY
                self.put_on_lists(project, level)
        self.make_packages()
        self.make_task_forces()


def load(calendar: DemoCalendar) -> list:
    DemoCity(calendar).load()
    return []
