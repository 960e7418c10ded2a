from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q

from keyprojects.accounts.choices import DepartmentKind, RegionKind, UserRole

REGION_CODE_PATTERN = r"^[0-9]{6}$"


class RegionQuerySet(models.QuerySet):
    def subtree(self, region: "Region") -> "RegionQuerySet":
        return self.filter(path__startswith=region.path)

    def visible_to(self, user) -> "RegionQuerySet":
        from keyprojects.accounts.scope import scope_for

        return scope_for(user).filter_regions(self)


class Region(models.Model):
    """A node of the region tree (GB/T 2260 code); `path` holds the codes from the root, for subtrees."""

    code = models.CharField("区划代码", max_length=6, unique=True)
    name = models.CharField("名称", max_length=50)
    kind = models.CharField("层级", max_length=10, choices=RegionKind.choices)
    division_type = models.CharField("类型", max_length=20, blank=True, help_text="市辖区、县、县级市、开发区等")
    parent = models.ForeignKey(
        "self", verbose_name="上级区划", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField("路径", max_length=100, db_index=True, editable=False)
    is_managed_city = models.BooleanField("本平台管理的城市", default=False)
    is_ranked = models.BooleanField("参加排名", default=False)
    longitude = models.DecimalField("经度", max_digits=9, decimal_places=6, null=True, blank=True)
    latitude = models.DecimalField("纬度", max_digits=9, decimal_places=6, null=True, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=0)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = "区划"
        verbose_name_plural = "区划"
        ordering = ["sort_order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=REGION_CODE_PATTERN),
                name="region_code_six_digits",
                violation_error_message="区划代码应为6位数字。",
            ),
            models.UniqueConstraint(
                fields=["is_managed_city"],
                condition=Q(is_managed_city=True),
                name="one_managed_city",
                violation_error_message="本平台只管理一个城市。",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def contains(self, other: "Region") -> bool:
        return other.path.startswith(self.path)


class DepartmentQuerySet(models.QuerySet):
    def visible_to(self, user) -> "DepartmentQuerySet":
        # The directory of departments is open to every signed-in user: problems and procedures
        # are assigned to departments by name from every role's screens.
        return self if user.is_authenticated else self.none()


class Department(models.Model):
    name = models.CharField("部门名称", max_length=60, unique=True)
    short_name = models.CharField("简称", max_length=20, blank=True)
    kind = models.CharField("部门类别", max_length=10, choices=DepartmentKind.choices, default=DepartmentKind.GENERAL)
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        verbose_name = "部门"
        verbose_name_plural = "部门"
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Enterprise(models.Model):
    """项目单位: the enterprise or public body that owns and builds projects."""

    name = models.CharField("单位名称", max_length=100, unique=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    region = models.ForeignKey(Region, verbose_name="所在区划", null=True, blank=True, on_delete=models.PROTECT)
    contact = models.CharField("联系人", max_length=30, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)

    class Meta:
        verbose_name = "项目单位"
        verbose_name_plural = "项目单位"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UserQuerySet(models.QuerySet):
    def visible_to(self, user) -> "UserQuerySet":
        from keyprojects.accounts.permissions import Perm, has_perm

        return self if has_perm(user, Perm.MANAGE_ACCOUNTS) else self.filter(pk=user.pk)


class KeyProjectsUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    name = models.CharField("姓名", max_length=30, blank=True)
    role = models.CharField("角色", max_length=20, choices=UserRole.choices)
    region = models.ForeignKey(
        Region, verbose_name="所属区划", null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    department = models.ForeignKey(
        Department, verbose_name="所属部门", null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name="项目单位", null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    title = models.CharField("职务", max_length=40, blank=True)
    phone = models.CharField("手机号", max_length=20, blank=True)

    objects = KeyProjectsUserManager()

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"
        ordering = ["role", "username"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(
                    role__in=[UserRole.CITY_ADMIN, UserRole.COUNTY_ADMIN, UserRole.LEADER, UserRole.INVESTMENT]
                )
                | Q(region__isnull=False),
                name="user_region_for_regional_roles",
                violation_error_message="管理员、领导和招商部门用户必须指定所属区划。",
            ),
            models.CheckConstraint(
                condition=~Q(role=UserRole.DEPARTMENT) | Q(department__isnull=False),
                name="user_department_for_department_role",
                violation_error_message="部门用户必须指定所属部门。",
            ),
            models.CheckConstraint(
                condition=~Q(role=UserRole.OWNER) | Q(enterprise__isnull=False),
                name="user_enterprise_for_owner_role",
                violation_error_message="项目单位用户必须指定项目单位。",
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.username

    def get_full_name(self) -> str:
        return self.name or self.username
