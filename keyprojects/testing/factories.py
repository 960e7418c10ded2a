import factory

from keyprojects.accounts.choices import DepartmentKind, UserRole
from keyprojects.accounts.models import Department, Enterprise, User

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
