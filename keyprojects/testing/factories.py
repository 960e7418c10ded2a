import datetime
from decimal import Decimal

import factory

from keyprojects.accounts.choices import DepartmentKind, UserRole
from keyprojects.accounts.models import Department, Enterprise, User
from keyprojects.projects.choices import Category, Level
from keyprojects.projects.models import AnnualEntry, Project

PASSWORD = "keyprojects-test"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"测试部门{n}")
    kind = DepartmentKind.APPROVAL


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"测试项目单位{n}有限公司")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    name = factory.Sequence(lambda n: f"用户{n}")
    role = UserRole.CITY_ADMIN
    password = factory.django.Password(PASSWORD)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    code = factory.Sequence(lambda n: f"2025-411003-36-03-{n:06d}")
    name = factory.Sequence(lambda n: f"测试项目{n}")
    total_investment = Decimal("10000.00")
    planned_start = datetime.date(2026, 3, 1)
    planned_completion = datetime.date(2027, 12, 31)


class AnnualEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualEntry

    year = 2026
    category = Category.NEW_START
    level = Level.CITY
    annual_plan = Decimal("1200.00")
    added_on = datetime.date(2026, 1, 1)
    added_reason = "2026年重点项目名单"
