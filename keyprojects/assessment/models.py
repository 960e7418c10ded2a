"""Assessment schemes (考核方案) with their versions, the city's recorded bonuses and deductions, and
the results: one assessment per scheme and period, one score sheet per body, one line per indicator."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone

from keyprojects.assessment.choices import RATES, Cycle, Measure, Subject
from keyprojects.assessment.windows import Window, window_of

POINTS = {"max_digits": 8, "decimal_places": 2}


class ReadableJSONEncoder(DjangoJSONEncoder):
    """Chinese stays Chinese in the stored JSON: a third of the size of \\u escapes, which matters for
    sheets listing thousands of records."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **{**kwargs, "ensure_ascii": False})


class Scheme(models.Model):
    """One version of the year's scheme for one kind of body and one cycle. A version governs the
    periods that start on or after `effective_from` until the next version's; it is frozen from that
    day on (changes make a new version), so every result names the rules it was scored by."""

    year = models.PositiveSmallIntegerField("年度")
    subject = models.CharField("考核对象", max_length=12, choices=Subject.choices)
    cycle = models.CharField("考核周期", max_length=8, choices=Cycle.choices)
    version = models.PositiveSmallIntegerField("版本", default=1)
    name = models.CharField("方案名称", max_length=100)
    effective_from = models.DateField("施行日期")
    praised_count = models.PositiveSmallIntegerField("通报表扬前几名", default=0)
    summoned_count = models.PositiveSmallIntegerField("约谈后几名", default=0)
    note = models.TextField("说明", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="制定人",
        null=True,
        blank=True,  # empty: the system made it (the default scheme the command line starts from)
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("制定时间", default=timezone.now)

    class Meta:
        verbose_name = "考核方案"
        verbose_name_plural = "考核方案"
        ordering = ["-year", "subject", "cycle", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "subject", "cycle", "version"],
                name="one_scheme_version",
                violation_error_message="该年度、对象和周期的方案已有这个版本。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（第{self.version}版）"

    def is_frozen(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.effective_from <= today or self.assessments.exists()

    @property
    def full_marks(self):
        """What a body scores when nothing is deducted: the sum of the rate measures' weights."""
        return sum((i.weight for i in self.indicators.all() if i.measure in RATES), 0)


class SchemeIndicator(models.Model):
    scheme = models.ForeignKey(Scheme, verbose_name="方案", on_delete=models.CASCADE, related_name="indicators")
    measure = models.CharField("指标", max_length=20, choices=Measure.choices)
    weight = models.DecimalField("分值（扣分项、加减分为上限）", **POINTS)
    per_item = models.DecimalField("每项扣分", null=True, blank=True, **POINTS)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "考核指标"
        verbose_name_plural = "考核指标"
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "measure"],
                name="one_measure_per_scheme",
                violation_error_message="同一指标只能设一次。",
            ),
            models.CheckConstraint(
                condition=Q(weight__gt=0), name="indicator_weight_positive", violation_error_message="分值应大于 0。"
            ),
        ]

    def __str__(self) -> str:
        return self.get_measure_display()


class BodyFields(models.Model):
    """A region, a department or a project unit — exactly one of them."""

    region = models.ForeignKey(
        "accounts.Region",
        verbose_name="县（市、区）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    department = models.ForeignKey(
        "accounts.Department", verbose_name="部门", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    enterprise = models.ForeignKey(
        "accounts.Enterprise",
        verbose_name="项目单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def body(self):
        return self.region or self.department or self.enterprise


ONE_BODY = (
    Q(region__isnull=False, department__isnull=True, enterprise__isnull=True)
    | Q(region__isnull=True, department__isnull=False, enterprise__isnull=True)
    | Q(region__isnull=True, department__isnull=True, enterprise__isnull=False)
)


class AdjustmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        from keyprojects.accounts.scope import scope_for

        return scope_for(user).filter_bodies(self)


class Adjustment(BodyFields):
    """A bonus (加分) or deduction (减分) the city records with its reason and evidence, counted by a scheme
    with the 加减分 indicator in the period it falls in."""

    subject = models.CharField("考核对象", max_length=12, choices=Subject.choices)
    occurred_on = models.DateField("发生日期")
    points = models.DecimalField("分值（减分为负）", **POINTS)
    reason = models.CharField("事由", max_length=200)
    evidence = models.CharField("依据（文件、会议纪要）", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", default=timezone.now)

    objects = AdjustmentQuerySet.as_manager()

    class Meta:
        verbose_name = "加减分记录"
        verbose_name_plural = "加减分记录"
        ordering = ["-occurred_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=ONE_BODY, name="adjustment_one_body", violation_error_message="请选一个考核对象。"
            ),
            models.CheckConstraint(
                condition=~Q(points=0), name="adjustment_not_zero", violation_error_message="分值不能为 0。"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.points:+} {self.reason}"


class AssessmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Published results are public to everyone who may see assessments; drafts to the city only."""
        from keyprojects.accounts.permissions import Perm, has_perm

        if has_perm(user, Perm.MANAGE_ASSESSMENT):
            return self
        return self.filter(is_published=True) if has_perm(user, Perm.VIEW_ASSESSMENT) else self.none()


class Assessment(models.Model):
    """One period scored by one scheme version."""

    scheme = models.ForeignKey(Scheme, verbose_name="方案", on_delete=models.PROTECT, related_name="assessments")
    period_code = models.CharField("考核期", max_length=8)
    computed_at = models.DateTimeField("计算时间")
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="计算人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_published = models.BooleanField("已公布", default=False)
    published_at = models.DateTimeField("公布时间", null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = "考核结果"
        verbose_name_plural = "考核结果"
        ordering = ["-scheme__year", "scheme__subject", "-period_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "period_code"],
                name="one_assessment_per_period",
                violation_error_message="该期已计算。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.window.label}{self.scheme.get_subject_display()}考核"

    @property
    def window(self) -> Window:
        return window_of(self.period_code)


class ScoreQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Whole score sheets: the city and leaders all, a county its own region's, a department its own,
        a project unit its own — of published results (the city also drafts)."""
        from keyprojects.accounts.scope import scope_for

        return scope_for(user).filter_bodies(self.filter(assessment__in=Assessment.objects.visible_to(user)))


class Score(BodyFields):
    """A body's score sheet for one assessment."""

    assessment = models.ForeignKey(Assessment, verbose_name="考核", on_delete=models.CASCADE, related_name="scores")
    body_name = models.CharField("考核对象", max_length=100)
    body_code = models.CharField("代码", max_length=20, blank=True)
    total = models.DecimalField("得分", **POINTS)
    rank = models.PositiveIntegerField("名次", null=True, blank=True, help_text="本期无考核事项的不排名")
    praised = models.BooleanField("通报表扬", default=False)
    summoned = models.BooleanField("约谈", default=False)

    objects = ScoreQuerySet.as_manager()

    class Meta:
        verbose_name = "考核得分"
        verbose_name_plural = "考核得分"
        ordering = ["assessment", models.F("rank").asc(nulls_last=True), "body_code", "body_name"]
        constraints = [models.CheckConstraint(condition=ONE_BODY, name="score_one_body")]

    def __str__(self) -> str:
        return f"{self.body_name} {self.total}分 " + (f"第{self.rank}名" if self.rank else "不排名")


class ScoreLine(models.Model):
    """One indicator on a sheet: the value measured, the points it gave, how, and the records behind it
    (each {"text", "url"}: the late report, the overdue problem, the project not started…)."""

    score = models.ForeignKey(Score, verbose_name="得分", on_delete=models.CASCADE, related_name="lines")
    indicator = models.ForeignKey(SchemeIndicator, verbose_name="指标", on_delete=models.PROTECT, related_name="+")
    value = models.CharField("指标值", max_length=60)
    points = models.DecimalField("得分", **POINTS)
    basis = models.CharField("计分依据", max_length=200)
    records = models.JSONField("明细", default=list, encoder=ReadableJSONEncoder)

    class Meta:
        verbose_name = "考核得分明细"
        verbose_name_plural = "考核得分明细"
        ordering = ["indicator__sort_order", "indicator_id"]

    def __str__(self) -> str:
        return f"{self.indicator} {self.points}"
