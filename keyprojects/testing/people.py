"""The people of the domain, as every test sees them (STYLE.md: one base with the people).

City admin, county A (建安区) and county B (魏都区), owner X and owner Y, department D, a leader,
the investment bureau and the anonymous visitor. Each later issue's tests build on these.
"""

from dataclasses import dataclass

from keyprojects.accounts.choices import UserRole
from keyprojects.accounts.models import Region
from keyprojects.accounts.services import setup_city
from keyprojects.testing.factories import DepartmentFactory, EnterpriseFactory, UserFactory

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

    def __getattr__(self, name):
        try:
            return self.__dict__["users"][name]
        except KeyError:
            raise AttributeError(name) from None


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
    return People(city_region=city, county_a_region=county_a, county_b_region=county_b, users=users)
