"""The demo city 许昌市: its counties and zones, departments and one user for every role.

The zone codes follow the 统计用区划代码 pattern (71–73 under the city) and are for the demo
only; a real office enters the codes its statistics bureau uses.
"""

from keyprojects.accounts import services
from keyprojects.accounts.choices import DepartmentKind, UserRole
from keyprojects.accounts.models import Department, Region, User

DEMO_CITY_CODE = "411000"
DEMO_PASSWORD = "keyprojects"

ZONES = [
    ("411071", "许昌经济技术开发区"),
    ("411072", "许昌城乡一体化示范区"),
    ("411073", "许昌市东城区"),
]

DEPARTMENTS = [
    ("许昌市发展和改革委员会", "市发改委", DepartmentKind.GENERAL),
    ("许昌市自然资源和规划局", "市自然资源和规划局", DepartmentKind.ELEMENT),
    ("许昌市生态环境局", "市生态环境局", DepartmentKind.APPROVAL),
    ("许昌市住房和城乡建设局", "市住建局", DepartmentKind.APPROVAL),
    ("许昌市行政审批和政务信息管理局", "市行政审批局", DepartmentKind.APPROVAL),
    ("国网许昌供电公司", "供电公司", DepartmentKind.ELEMENT),
    ("许昌市工业和信息化局", "市工信局", DepartmentKind.INDUSTRY),
    ("许昌市财政局", "市财政局", DepartmentKind.ELEMENT),
    ("许昌市商务局", "市商务局", DepartmentKind.INDUSTRY),
    ("许昌市水利局", "市水利局", DepartmentKind.INDUSTRY),
    ("许昌市交通运输局", "市交通运输局", DepartmentKind.INDUSTRY),
    ("许昌市统计局", "市统计局", DepartmentKind.GENERAL),
]

# (username, name, role, title, region code, department name, enterprise name)
USERS = [
    ("city", "王建国", UserRole.CITY_ADMIN, "市重点项目办主任", DEMO_CITY_CODE, None, None),
    ("county", "李红梅", UserRole.COUNTY_ADMIN, "建安区重点项目办主任", "411003", None, None),
    ("dept", "赵志强", UserRole.DEPARTMENT, "科长", None, "许昌市自然资源和规划局", None),
    ("owner", "刘伟", UserRole.OWNER, "项目负责人", None, None, "许昌三佳汽车零部件有限公司"),
    ("leader", "陈立新", UserRole.LEADER, "副市长", DEMO_CITY_CODE, None, None),
    ("invest", "孙丽", UserRole.INVESTMENT, "招商科科长", DEMO_CITY_CODE, None, None),
]


def load(calendar) -> list[tuple[str, str]]:
    """Load (or complete) the demo organisation; returns the logins as (username, description).
    The organisation is the same whatever day it is (`calendar` is not needed here)."""
    city = services.setup_city(code=DEMO_CITY_CODE)
    for code, name in ZONES:
        if not Region.objects.filter(code=code).exists():
            services.zone_create(by=None, code=code, name=name)
    for order, (name, short_name, kind) in enumerate(DEPARTMENTS, start=1):
        if not Department.objects.filter(name=name).exists():
            services.department_create(by=None, name=name, short_name=short_name, kind=kind, sort_order=order)
    logins = []
    for username, name, role, title, region_code, department, enterprise in USERS:
        if not User.objects.filter(username=username).exists():
            services.user_create(
                by=None,
                username=username,
                password=DEMO_PASSWORD,
                role=role,
                name=name,
                title=title,
                region=Region.objects.get(code=region_code) if region_code else None,
                department=Department.objects.get(name=department) if department else None,
                enterprise=services.enterprise_get_or_create(
                    by=None, name=enterprise, region=city.children.get(code="411003")
                )
                if enterprise
                else None,
            )
        logins.append((username, f"{UserRole(role).label} · {name} · {title}"))
    return logins
