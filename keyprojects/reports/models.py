import calendar
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q

from keyprojects.accounts.permissions import Perm
from keyprojects.accounts.scope import OfProjectsQuerySet
from keyprojects.projects.dates import actual_date_errors
from keyprojects.projects.models import MONEY, Project
from keyprojects.reports.choices import AttachmentKind, FileType, ProblemCategory, ReportStatus, Stage

# The period window (DOMAIN.md §5): owners by the 3rd of the next month, counties by the 5th, city by the 7th.
OWNER_DEADLINE_DAY, COUNTY_DEADLINE_DAY, CITY_DEADLINE_DAY = 3, 5, 7


class ReportQuerySet(OfProjectsQuerySet):
    feature = Perm.VIEW_REPORTS  # not the investment bureau's, though its region holds the projects


class PeriodQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PeriodQuerySet":
        return self if user.is_authenticated else self.none()  # the calendar itself is no secret

    def get_by_code(self, code: str) -> "Period":
        year, month = parse_period_code(code)
        return self.get(year=year, month=month)


# What parse_period_code accepts, for the API schema: YYYY-MM (or YYYY-M) within the years it allows.
PERIOD_CODE_PATTERN = r"^(20[0-9]{2}|2100)-(0?[1-9]|1[0-2])$"


def parse_period_code(code: str) -> tuple[int, int]:
    """ "2026-10" → (2026, 10); ValueError with a Chinese reason otherwise."""
    try:
        year_text, month_text = code.strip().split("-")
        year, month = int(year_text), int(month_text)
    except ValueError:
        raise ValueError(f"月份“{code}”应写成 YYYY-MM，如 2026-10。") from None
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise ValueError(f"月份“{code}”不存在。")
    return year, month


class Period(models.Model):
    """A reporting month with its window. Opened, closed, locked and unlocked only by the city."""

    year = models.PositiveSmallIntegerField("年度")
    month = models.PositiveSmallIntegerField("月份")
    is_open = models.BooleanField("开放填报", default=False)
    is_locked = models.BooleanField("已锁定", default=False)
    owner_deadline = models.DateField("项目单位报送截止")
    county_deadline = models.DateField("县级审核截止")
    city_deadline = models.DateField("市级确认截止")

    objects = PeriodQuerySet.as_manager()

    class Meta:
        verbose_name = "填报月份"
        verbose_name_plural = "填报月份"
        ordering = ["-year", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["year", "month"], name="one_period_per_month"),
            models.CheckConstraint(
                condition=Q(month__gte=1) & Q(month__lte=12),
                name="period_month_in_year",
                violation_error_message="月份应在1到12之间。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年{self.month}月"

    @property
    def code(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def end_date(self) -> datetime.date:
        return datetime.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @classmethod
    def default_deadlines(cls, year: int, month: int) -> dict:
        following = datetime.date(year + month // 12, month % 12 + 1, 1)
        return {
            "owner_deadline": following.replace(day=OWNER_DEADLINE_DAY),
            "county_deadline": following.replace(day=COUNTY_DEADLINE_DAY),
            "city_deadline": following.replace(day=CITY_DEADLINE_DAY),
        }


# 形象进度 and a problem's description are a few sentences; 200,000 characters were once accepted and stored.
TEXT_MAX_LENGTH = 2000
_TEXT_LIMIT = MaxLengthValidator(TEXT_MAX_LENGTH)  # a TextField's max_length binds only its form field


class Report(models.Model):
    """One project's monthly report (月报). Year-to-date and since-start figures are never stored:
    they are summed from these rows (selectors), so they always agree with them."""

    project = models.ForeignKey(Project, verbose_name="项目", on_delete=models.PROTECT, related_name="reports")
    period = models.ForeignKey(Period, verbose_name="月份", on_delete=models.PROTECT, related_name="reports")
    status = models.CharField("状态", max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    amount = models.DecimalField("当月完成投资（万元）", **MONEY)
    progress = models.TextField("形象进度", max_length=TEXT_MAX_LENGTH, blank=True, validators=[_TEXT_LIMIT])
    stage = models.CharField("当前阶段", max_length=20, choices=Stage.choices, blank=True)
    actual_start = models.DateField("实际开工日期", null=True, blank=True)
    actual_completion = models.DateField("实际竣工日期", null=True, blank=True)
    over_total_reason = models.CharField("超总投资说明", max_length=200, blank=True)
    flags = models.JSONField("审核提示", default=list, blank=True)
    return_reason = models.CharField("退回原因", max_length=200, blank=True)
    submitted_at = models.DateTimeField("首次提交时间", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提交人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField("县级审核时间", null=True, blank=True)
    confirmed_at = models.DateTimeField("市级确认时间", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = "月报"
        verbose_name_plural = "月报"
        ordering = ["-period__year", "-period__month", "project__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "period"],
                name="one_report_per_project_period",
                violation_error_message="该项目本月已有月报。",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="report_amount_not_negative",
                violation_error_message="当月完成投资不能为负数。",
            ),
        ]
        indexes = [models.Index(fields=["period", "status"], name="report_period_status")]

    def __str__(self) -> str:
        return f"{self.project} {self.period}月报"

    def clean(self):
        errors = report_date_errors(self.period, self.actual_start, self.actual_completion) if self.period_id else {}
        if errors:
            raise ValidationError(errors)


def report_date_errors(period, start, completion) -> dict:
    """A month's report cannot tell of a start or completion after that month."""
    return actual_date_errors(start, completion, latest=period.end_date, latest_words=f"{period}的最后一天")


class Confirmation(models.Model):
    """Each time a report is confirmed, the confirmed figure with its time: a past month's figures
    can then be shown as they stood, and a later correction shows as a correction."""

    report = models.ForeignKey(Report, verbose_name="月报", on_delete=models.CASCADE, related_name="confirmations")
    amount = models.DecimalField("确认的当月完成投资（万元）", **MONEY)
    confirmed_at = models.DateTimeField("确认时间")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="确认人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "确认记录"
        verbose_name_plural = "确认记录"
        ordering = ["report", "confirmed_at"]

    def __str__(self) -> str:
        return f"{self.report} 确认 {self.amount}"


class RaisedProblem(models.Model):
    """A problem an owner raises with the report; the coordination module turns these into 问题清单 items."""

    report = models.ForeignKey(Report, verbose_name="月报", on_delete=models.CASCADE, related_name="problems")
    category = models.CharField("问题类别", max_length=20, choices=ProblemCategory.choices)
    description = models.TextField("问题描述", max_length=TEXT_MAX_LENGTH, validators=[_TEXT_LIMIT])

    class Meta:
        verbose_name = "反映的问题"
        verbose_name_plural = "反映的问题"
        ordering = ["report", "id"]

    def __str__(self) -> str:
        return f"{self.get_category_display()}：{self.description[:30]}"


class Attachment(models.Model):
    """A site photo, invoice or progress certificate backing the month's figures.

    `file` holds what reports/evidence.py made of the upload (a photo re-encoded, a PDF that parsed);
    `file_type` is what decoding found and alone decides the type it is served with.
    """

    report = models.ForeignKey(Report, verbose_name="月报", on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField("类型", max_length=20, choices=AttachmentKind.choices)
    file = models.FileField("文件", upload_to="reports/%Y/%m/")
    file_type = models.CharField("文件格式", max_length=10, choices=FileType.choices, default=FileType.UNVERIFIED)
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")
    taken_at = models.DateTimeField("拍摄时间", null=True, blank=True)
    latitude = models.DecimalField("拍摄位置纬度", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("拍摄位置经度", max_digits=9, decimal_places=6, null=True, blank=True)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"
        ordering = ["report", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_image(self) -> bool:
        """Only a re-encoded photo may be shown inline; a PDF or an old unverified file is only downloaded."""
        return self.file_type in (FileType.JPEG, FileType.PNG)
