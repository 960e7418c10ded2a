from django.db import models
from django.db.models import Q

from keyprojects.accounts.models import Enterprise, Region, User
from keyprojects.accounts.scope import OfProjectsQuerySet
from keyprojects.projects.choices import Category, Level

# 项目代码 as issued by the national online approval platform: year-region-industry-type-serial.
NATIONAL_CODE_PATTERN = r"^[0-9]{4}-[0-9]{6}-[0-9]{2}-[0-9]{2}-[0-9]{6}$"
# A local code for a project that has no national code yet: L-region-serial.
LOCAL_CODE_PATTERN = r"^L-[0-9]{6}-[0-9]{5}$"
MONEY = {"max_digits": 16, "decimal_places": 2}
COORDINATE = {"max_digits": 9, "decimal_places": 6}


class Domain(models.Model):
    """所属领域: the first level of the configurable taxonomy."""

    name = models.CharField("领域", max_length=30, unique=True)
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "领域"
        verbose_name_plural = "领域"
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Industry(models.Model):
    """所属行业, under a domain."""

    domain = models.ForeignKey(Domain, verbose_name="领域", on_delete=models.PROTECT, related_name="industries")
    name = models.CharField("行业", max_length=30)
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "行业"
        verbose_name_plural = "行业"
        ordering = ["domain__sort_order", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["domain", "name"],
                name="industry_unique_in_domain",
                violation_error_message="该领域下已有同名行业。",
            )
        ]

    def __str__(self) -> str:
        return self.name


class IndustryChain(models.Model):
    """产业链 tag (硅碳新材料, 超硬材料 …)."""

    name = models.CharField("产业链", max_length=30, unique=True)
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "产业链"
        verbose_name_plural = "产业链"
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Leader(models.Model):
    """分包领导: a leader who takes charge of a package of projects; may or may not have a login."""

    name = models.CharField("姓名", max_length=30)
    title = models.CharField("职务", max_length=60, blank=True)
    user = models.OneToOneField(
        User, verbose_name="登录账号", null=True, blank=True, on_delete=models.SET_NULL, related_name="leader_profile"
    )
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "分包领导"
        verbose_name_plural = "分包领导"
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "title"],
                name="leader_unique_name_title",
                violation_error_message="已有同名同职务的领导。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.title}）" if self.title else self.name


class TaskForce(models.Model):
    """专班: led by a leader, with the head of the lead unit as deputy and a full-time liaison."""

    name = models.CharField("专班名称", max_length=100, unique=True)
    lead_leader = models.ForeignKey(
        Leader, verbose_name="牵头领导", null=True, blank=True, on_delete=models.PROTECT, related_name="task_forces"
    )
    deputy = models.CharField("副专班长", max_length=60, blank=True, help_text="主抓单位一把手，如：市工信局 张三")
    liaison = models.CharField("联络员", max_length=60, blank=True)
    liaison_phone = models.CharField("联络员电话", max_length=30, blank=True)

    class Meta:
        verbose_name = "专班"
        verbose_name_plural = "专班"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProjectQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ProjectQuerySet":
        from keyprojects.accounts.scope import scope_for

        return scope_for(user).filter_projects(self)


class Project(models.Model):
    code = models.CharField(
        "项目代码",
        max_length=30,
        unique=True,
        help_text="全国投资项目在线审批监管平台赋码；暂无赋码的项目使用本地代码 L-区划代码-序号",
    )
    name = models.CharField("项目名称", max_length=200)
    region = models.ForeignKey(Region, verbose_name="所属区划", on_delete=models.PROTECT, related_name="projects")
    domain = models.ForeignKey(Domain, verbose_name="所属领域", null=True, blank=True, on_delete=models.PROTECT)
    industry = models.ForeignKey(Industry, verbose_name="所属行业", null=True, blank=True, on_delete=models.PROTECT)
    chains = models.ManyToManyField(IndustryChain, verbose_name="产业链", blank=True, related_name="projects")
    owner = models.ForeignKey(
        Enterprise, verbose_name="项目单位", null=True, blank=True, on_delete=models.PROTECT, related_name="projects"
    )
    responsible_unit = models.CharField("责任单位", max_length=100, blank=True)
    leaders = models.ManyToManyField(Leader, verbose_name="分包领导", blank=True, related_name="projects")
    task_force = models.ForeignKey(
        TaskForce, verbose_name="专班", null=True, blank=True, on_delete=models.SET_NULL, related_name="projects"
    )
    package = models.ForeignKey(
        "self", verbose_name="所属打包项目", null=True, blank=True, on_delete=models.PROTECT, related_name="modules"
    )
    content = models.TextField("建设内容及规模", blank=True)
    total_investment = models.DecimalField("总投资（万元）", **MONEY)
    planned_start = models.DateField("计划开工日期", null=True, blank=True)
    planned_completion = models.DateField("计划竣工日期", null=True, blank=True)
    actual_start = models.DateField("实际开工日期", null=True, blank=True)
    actual_completion = models.DateField("实际竣工日期", null=True, blank=True)
    stats_entry_date = models.DateField("入库纳统日期", null=True, blank=True)
    opening_completed = models.DecimalField(
        "上线前累计完成投资（万元）",
        default=0,
        help_text="开工以来、在本平台填报之前已完成的投资，计入开工累计",
        **MONEY,
    )
    longitude = models.DecimalField("经度", null=True, blank=True, **COORDINATE)
    latitude = models.DecimalField("纬度", null=True, blank=True, **COORDINATE)
    is_sibao_whitelist = models.BooleanField("四保白名单", default=False)
    is_eco_whitelist = models.BooleanField("生态环境监管白名单", default=False)
    is_priority = models.BooleanField("重中之重", default=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = "项目"
        verbose_name_plural = "项目"
        ordering = ["region__sort_order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=NATIONAL_CODE_PATTERN) | Q(code__regex=LOCAL_CODE_PATTERN),
                name="project_code_well_formed",
                violation_error_message=(
                    "项目代码格式应为 年份-6位区划-2位行业-2位类型-6位序号，如 2019-510100-47-01-003512。"
                ),
            ),
            models.CheckConstraint(
                condition=Q(total_investment__gte=0),
                name="project_total_investment_not_negative",
                violation_error_message="总投资不能为负数。",
            ),
            models.CheckConstraint(
                condition=Q(package__isnull=True) | ~Q(package=models.F("id")),
                name="project_not_its_own_package",
                violation_error_message="项目不能打包进自己。",
            ),
        ]
        indexes = [models.Index(fields=["name", "region"], name="project_name_region")]

    def __str__(self) -> str:
        return self.name


class AnnualEntryQuerySet(OfProjectsQuerySet):
    def as_of(self, day) -> "AnnualEntryQuerySet":
        """The list as it stood on that day: added on or before it, not yet removed."""
        return self.filter(added_on__lte=day).filter(Q(removed_on__isnull=True) | Q(removed_on__gt=day))

    def current(self) -> "AnnualEntryQuerySet":
        return self.filter(removed_on__isnull=True)


class AnnualEntry(models.Model):
    """A project on the annual key-project list of a year. Removal (调出) keeps the row with its reason;
    a project taken back in later gets a new row, so the list of any day can be rebuilt."""

    year = models.PositiveSmallIntegerField("年度")
    project = models.ForeignKey(Project, verbose_name="项目", on_delete=models.PROTECT, related_name="annual_entries")
    category = models.CharField("年度类别", max_length=12, choices=Category.choices)
    level = models.CharField("项目级别", max_length=10, choices=Level.choices)
    annual_plan = models.DecimalField("年度计划投资（万元）", **MONEY)
    annual_goal = models.TextField("年度目标（形象进度）", blank=True)
    added_on = models.DateField("列入日期")
    added_reason = models.CharField("列入原因", max_length=200, blank=True)
    removed_on = models.DateField("调出日期", null=True, blank=True)
    removed_reason = models.CharField("调出原因", max_length=200, blank=True)
    revised = models.BooleanField(
        "计划调整前的记录",
        default=False,
        help_text="计划调整时已锁定的月份仍按这一行统计，之后按调整后新的一行统计；不是调出",
    )

    objects = AnnualEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "年度名单项目"
        verbose_name_plural = "年度名单"
        ordering = ["year", "project__region__sort_order", "project__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "project"],
                condition=Q(removed_on__isnull=True),
                name="one_current_entry_per_project_year",
                violation_error_message="该项目已在本年度名单中。",
            ),
            models.CheckConstraint(
                condition=Q(annual_plan__gte=0),
                name="entry_plan_not_negative",
                violation_error_message="年度计划投资不能为负数。",
            ),
            models.CheckConstraint(
                condition=Q(removed_on__isnull=True) | Q(removed_on__gte=models.F("added_on")),
                name="entry_removed_after_added",
                violation_error_message="调出日期不能早于列入日期。",
            ),
        ]
        indexes = [models.Index(fields=["year", "removed_on"], name="entry_year_removed")]

    def __str__(self) -> str:
        return f"{self.year}年 {self.project}"


class MonthlyPlan(models.Model):
    """月度计划分解: optional; without it the annual plan is split evenly, 1/12 a month."""

    entry = models.ForeignKey(
        AnnualEntry, verbose_name="年度名单项目", on_delete=models.CASCADE, related_name="monthly_plans"
    )
    month = models.PositiveSmallIntegerField("月份")
    amount = models.DecimalField("计划投资（万元）", **MONEY)

    class Meta:
        verbose_name = "月度计划"
        verbose_name_plural = "月度计划"
        ordering = ["entry", "month"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "month"], name="one_plan_per_entry_month"),
            models.CheckConstraint(
                condition=Q(month__gte=1) & Q(month__lte=12),
                name="plan_month_in_year",
                violation_error_message="月份应在1到12之间。",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="plan_amount_not_negative",
                violation_error_message="月度计划投资不能为负数。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month}月 {self.amount}"


class Milestone(models.Model):
    """A milestone node of the year's plan (开工, 主体完工, 竣工, 投产 …), planned and actual."""

    entry = models.ForeignKey(
        AnnualEntry, verbose_name="年度名单项目", on_delete=models.CASCADE, related_name="milestones"
    )
    name = models.CharField("节点", max_length=40)
    planned_date = models.DateField("计划完成日期")
    actual_date = models.DateField("实际完成日期", null=True, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "节点"
        verbose_name_plural = "节点"
        ordering = ["entry", "sort_order", "planned_date"]

    def __str__(self) -> str:
        return self.name
