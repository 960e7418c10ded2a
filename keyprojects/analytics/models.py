import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from keyprojects.accounts.permissions import Perm
from keyprojects.accounts.scope import OfProjectsQuerySet, OfRegionsQuerySet
from keyprojects.analytics.choices import Color
from keyprojects.core.dates import chinese_datetime
from keyprojects.projects.models import Project
from keyprojects.reports.models import Period

PLACEHOLDER = re.compile(r"\{[^{}]*\}")  # {year}, {number} in a letter number pattern
GAP = {"max_digits": 9, "decimal_places": 4}
WEIGHT_FIELDS = [
    "ytd_completed",
    "completion_rate",
    "new_start_started",
    "start_rate",
    "completion_done",
    "completion_done_rate",
]  # the six ranking indicators of DOMAIN.md §9


class ColorRule(models.Model):
    """The year's four-colour thresholds (DOMAIN.md §8), set by the city; defaults follow published rules."""

    year = models.PositiveSmallIntegerField("年度", unique=True)
    green_gap = models.DecimalField("绿：超前不少于（百分点）", max_digits=6, decimal_places=2, default=Decimal("10"))
    yellow_gap = models.DecimalField("黄：滞后达到（百分点）", max_digits=6, decimal_places=2, default=Decimal("-10"))
    red_gap = models.DecimalField("红：滞后超过（百分点）", max_digits=6, decimal_places=2, default=Decimal("-30"))
    start_red_months = models.PositiveSmallIntegerField("应开未开满几个月为红", default=3)

    class Meta:
        verbose_name = "四色规则"
        verbose_name_plural = "四色规则"
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(red_gap__lt=models.F("yellow_gap")) & Q(yellow_gap__lt=models.F("green_gap")),
                name="color_thresholds_in_order",
                violation_error_message="阈值应满足：红 < 黄 < 绿。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}年四色规则"


class ColorRecord(models.Model):
    """A listed project's colour for a period, as computed then, with the city's override if any."""

    period = models.ForeignKey(Period, verbose_name="月份", on_delete=models.PROTECT, related_name="colors")
    project = models.ForeignKey(Project, verbose_name="项目", on_delete=models.PROTECT, related_name="colors")
    computed_color = models.CharField("计算颜色", max_length=1, choices=Color.choices)
    gap = models.DecimalField("进度差（百分点）", null=True, blank=True, **GAP)
    reason = models.CharField("判定依据", max_length=200, blank=True)
    override_color = models.CharField("调整后颜色", max_length=1, choices=Color.choices, blank=True)
    override_reason = models.CharField("调整原因", max_length=200, blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="调整人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    computed_at = models.DateTimeField("计算时间")

    objects = OfProjectsQuerySet.as_manager()

    class Meta:
        verbose_name = "四色记录"
        verbose_name_plural = "四色记录"
        ordering = ["period", "project"]
        constraints = [
            models.UniqueConstraint(fields=["period", "project"], name="one_color_per_project_period"),
            models.CheckConstraint(
                condition=Q(override_color="") | ~Q(override_reason=""),
                name="color_override_has_reason",
                violation_error_message="调整颜色必须说明原因。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.period} {self.color}"

    @property
    def color(self) -> str:
        return self.override_color or self.computed_color


class ColorComputation(models.Model):
    """When a period's colours were last computed: they are computed again only when something has been
    changed since (every change is in the change log), so looking at them costs nothing."""

    period = models.OneToOneField(Period, verbose_name="月份", on_delete=models.CASCADE, primary_key=True)
    computed_at = models.DateTimeField("计算时间")

    class Meta:
        verbose_name = "四色计算"
        verbose_name_plural = "四色计算"

    def __str__(self) -> str:
        return f"{self.period} {chinese_datetime(self.computed_at)}"


class LetterQuerySet(OfRegionsQuerySet):
    feature = Perm.VIEW_LETTERS  # not the investment bureau's, though its region holds the counties


class WarningLetter(models.Model):
    """提示函: sent to a region's government for its yellow and red projects; the reply (整改反馈) is tracked.
    The projects are kept as they stood when the letter was issued."""

    period = models.ForeignKey(Period, verbose_name="月份", on_delete=models.PROTECT, related_name="letters")
    region = models.ForeignKey("accounts.Region", verbose_name="致", on_delete=models.PROTECT, related_name="letters")
    number = models.CharField("文号", max_length=60)
    number_year = models.PositiveSmallIntegerField("文号年度", null=True, blank=True)
    serial = models.PositiveIntegerField("文号序号", null=True, blank=True)
    deadline = models.DateField("整改反馈期限")
    projects = models.JSONField("项目", default=list)
    issued_at = models.DateTimeField("印发时间")
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="印发人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reply = models.TextField("整改反馈", blank=True)
    replied_at = models.DateTimeField("反馈时间", null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="反馈人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = LetterQuerySet.as_manager()

    class Meta:
        verbose_name = "提示函"
        verbose_name_plural = "提示函"
        ordering = ["-period__year", "-period__month", "region__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "region"],
                name="one_letter_per_region_period",
                violation_error_message="该区划本月已印发提示函。",
            ),
            models.UniqueConstraint(
                fields=["number_year", "serial"],
                name="letter_serial_used_once",
                violation_error_message="该文号已经用过。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} 致{self.region}"


class LetterNumbering(models.Model):
    """How the city office numbers its warning letters in a year: the pattern of the 文号 and the serial the
    next letter takes. Serials are taken when a letter is issued and never given out twice."""

    year = models.PositiveSmallIntegerField("年度", unique=True)
    pattern = models.CharField(
        "文号格式", max_length=60, help_text="{year} 填年份，{number} 填序号，如：许重项办〔{year}〕{number}号"
    )
    next_serial = models.PositiveIntegerField(
        "下一个序号", default=1, validators=[MinValueValidator(1)], help_text="下一份提示函用的序号，每年从 1 起"
    )

    class Meta:
        verbose_name = "提示函文号"
        verbose_name_plural = "提示函文号"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年提示函文号"

    def clean(self) -> None:
        placeholders = set(PLACEHOLDER.findall(self.pattern))
        if "{number}" not in placeholders:
            raise ValidationError({"pattern": "文号格式中应有 {number}（序号的位置）。"})
        unknown = placeholders - {"{year}", "{number}"}
        if unknown:
            raise ValidationError(
                {"pattern": f"文号格式只能用 {{year}} 和 {{number}}，不认识：{'、'.join(sorted(unknown))}。"}
            )

    def number(self, serial: int) -> str:
        return self.pattern.replace("{year}", str(self.year)).replace("{number}", str(serial))


class RankingRule(models.Model):
    """The year's ranking weights (DOMAIN.md §9), set by the city; defaults 25, 25, 15, 15, 10, 10."""

    year = models.PositiveSmallIntegerField("年度", unique=True)
    ytd_completed = models.PositiveSmallIntegerField("完成投资", default=25)
    completion_rate = models.PositiveSmallIntegerField("投资完成率", default=25)
    new_start_started = models.PositiveSmallIntegerField("新开工个数", default=15)
    start_rate = models.PositiveSmallIntegerField("开工率", default=15)
    completion_done = models.PositiveSmallIntegerField("竣工个数", default=10)
    completion_done_rate = models.PositiveSmallIntegerField("竣工率", default=10)

    class Meta:
        verbose_name = "排名权重"
        verbose_name_plural = "排名权重"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年排名权重"

    def weights(self) -> dict:
        return {field: getattr(self, field) for field in WEIGHT_FIELDS}
