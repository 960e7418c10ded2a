from django.conf import settings
from django.db import models
from django.db.models import Q

from keyprojects.accounts.scope import OfProjectsQuerySet, OfRegionsQuerySet
from keyprojects.attraction.choices import (
    ElementKind,
    ElementStatus,
    FundingKind,
    Mode,
    ReserveStage,
    ReserveStatus,
    Stage,
)
from keyprojects.projects.choices import Level
from keyprojects.projects.models import MONEY

BILLION_WAN = 10000  # 亿元以上: a contract of at least 10,000 万元


class AttractionProject(models.Model):
    """招商引资 project. A project counts once, for the year of its first signing; an expansion of an
    earlier project is its own row that counts only its increment (`contracted_amount`)."""

    name = models.CharField("项目名称", max_length=200)
    region = models.ForeignKey(
        "accounts.Region", verbose_name="所属区划", on_delete=models.PROTECT, related_name="attraction_projects"
    )
    investor = models.CharField("投资方", max_length=120, blank=True)
    source_region = models.CharField("客商来源地", max_length=60, blank=True)
    industry = models.CharField("所属行业", max_length=60, blank=True)
    mode = models.CharField("招商方式", max_length=20, choices=Mode.choices, blank=True)
    contracted_amount = models.DecimalField("签约投资额（万元）", **MONEY)
    stage = models.CharField("阶段", max_length=20, choices=Stage.choices, default=Stage.TALKS)
    talks_on = models.DateField("洽谈日期", null=True, blank=True)
    signed_on = models.DateField("签约日期", null=True, blank=True)
    performed_on = models.DateField("履约日期", null=True, blank=True)
    started_on = models.DateField("开工日期", null=True, blank=True)
    producing_on = models.DateField("投产日期", null=True, blank=True)
    expansion_of = models.ForeignKey(
        "self",
        verbose_name="扩建自",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="expansions",
        help_text="增资扩建项目只计增量",
    )
    registry_project = models.OneToOneField(
        "projects.Project",
        verbose_name="转入项目库",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attraction",
    )

    objects = OfRegionsQuerySet.as_manager()

    class Meta:
        verbose_name = "招商引资项目"
        verbose_name_plural = "招商引资项目"
        ordering = ["-signed_on", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "region"],
                name="attraction_unique_name_region",
                violation_error_message="该区划已有同名招商项目。",
            ),
            models.CheckConstraint(
                condition=Q(contracted_amount__gte=0),
                name="attraction_amount_not_negative",
                violation_error_message="签约投资额不能为负数。",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_over_100m(self) -> bool:
        return self.contracted_amount >= BILLION_WAN


class FundsInPlace(models.Model):
    """到位资金, recorded as it arrives."""

    project = models.ForeignKey(
        AttractionProject, verbose_name="招商项目", on_delete=models.CASCADE, related_name="funds"
    )
    date = models.DateField("到位日期")
    amount = models.DecimalField("到位资金（万元）", **MONEY)

    class Meta:
        verbose_name = "到位资金"
        verbose_name_plural = "到位资金"
        ordering = ["project", "date"]

    def __str__(self) -> str:
        return f"{self.project} {self.date} {self.amount}"


class ReserveProject(models.Model):
    """储备库: a project being prepared for a future annual list."""

    name = models.CharField("项目名称", max_length=200)
    region = models.ForeignKey(
        "accounts.Region", verbose_name="所属区划", on_delete=models.PROTECT, related_name="reserve_projects"
    )
    level = models.CharField("级别", max_length=10, choices=Level.choices)
    domain = models.ForeignKey(
        "projects.Domain", verbose_name="所属领域", null=True, blank=True, on_delete=models.PROTECT
    )
    industry = models.ForeignKey(
        "projects.Industry", verbose_name="所属行业", null=True, blank=True, on_delete=models.PROTECT
    )
    owner_name = models.CharField("项目单位", max_length=120, blank=True)
    total_investment = models.DecimalField("总投资（万元）", **MONEY)
    content = models.TextField("建设内容", blank=True)
    stage = models.CharField("前期阶段", max_length=20, choices=ReserveStage.choices, default=ReserveStage.AGREEMENT)
    status = models.CharField("状态", max_length=20, choices=ReserveStatus.choices, default=ReserveStatus.ACTIVE)
    exit_reason = models.CharField("退出原因（负面清单）", max_length=200, blank=True)
    promoted_to = models.OneToOneField(
        "projects.Project",
        verbose_name="转入项目",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reserve",
    )

    objects = OfRegionsQuerySet.as_manager()

    class Meta:
        verbose_name = "储备项目"
        verbose_name_plural = "储备库"
        ordering = ["region__sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class ProjectScoped(models.QuerySet):
    def visible_to(self, user):
        from keyprojects.accounts.scope import scope_for

        return scope_for(user).filter_elements(self)


class ElementNeed(models.Model):
    """要素保障: what a project needs (land, energy, environmental capacity, utilities, funds) and how
    far it is secured; every change is in the change log."""

    project = models.ForeignKey(
        "projects.Project", verbose_name="项目", on_delete=models.PROTECT, related_name="element_needs"
    )
    kind = models.CharField("要素", max_length=20, choices=ElementKind.choices)
    quantity = models.DecimalField("需求量", max_digits=14, decimal_places=2)
    secured = models.DecimalField("已保障", max_digits=14, decimal_places=2, default=0)
    unit = models.CharField("单位", max_length=20, blank=True)
    department = models.ForeignKey(
        "accounts.Department", verbose_name="责任部门", on_delete=models.PROTECT, related_name="element_needs"
    )
    status = models.CharField("状态", max_length=20, choices=ElementStatus.choices, default=ElementStatus.RAISED)
    note = models.CharField("说明", max_length=200, blank=True)

    objects = ProjectScoped.as_manager()

    class Meta:
        verbose_name = "要素需求"
        verbose_name_plural = "要素保障"
        ordering = ["project", "kind"]

    def __str__(self) -> str:
        return f"{self.project} {self.get_kind_display()}"


class FinancingList(models.Model):
    """融资需求清单, published every two months for banks."""

    year = models.PositiveSmallIntegerField("年度")
    number = models.PositiveSmallIntegerField("期次", help_text="每两个月一期，1—6")
    published_on = models.DateField("发布日期")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="发布人", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "融资需求清单"
        verbose_name_plural = "融资需求清单"
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "number"],
                name="one_financing_list_per_issue",
                violation_error_message="本期清单已发布。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}年第{self.number}期融资需求清单"


class FinancingNeed(models.Model):
    financing_list = models.ForeignKey(
        FinancingList, verbose_name="清单", on_delete=models.CASCADE, related_name="needs"
    )
    project = models.ForeignKey(
        "projects.Project", verbose_name="项目", on_delete=models.PROTECT, related_name="financing_needs"
    )
    kind = models.CharField("融资方式", max_length=20, choices=FundingKind.choices)
    amount = models.DecimalField("融资需求（万元）", **MONEY)
    matched_bank = models.CharField("对接银行", max_length=60, blank=True)
    matched_amount = models.DecimalField("对接金额（万元）", default=0, **MONEY)

    objects = OfProjectsQuerySet.as_manager()

    class Meta:
        verbose_name = "融资需求"
        verbose_name_plural = "融资需求"
        ordering = ["financing_list", "project"]

    def __str__(self) -> str:
        return f"{self.project} {self.amount}"
