from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from keyprojects.accounts.permissions import Perm
from keyprojects.coordination.choices import (
    Escalation,
    MeetingKind,
    ProblemCategory,
    ProblemStatus,
    ProcedureKind,
    ProcedureStatus,
)
from keyprojects.core.dates import chinese_date

DEFAULT_LIMIT_DAYS = 10  # a problem is due 10 working days after acceptance (DOMAIN.md §10)
DEFAULT_PROCEDURE_DAYS = 20


class CalendarDay(models.Model):
    """One day of the State Council's holiday arrangement, entered by the city office.

    Needed for a year the chinesecalendar package does not know yet (see `workdays`). A row also wins
    over the package in a known year, so a late correction does not wait for a package upgrade.
    """

    date = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("是否上班")
    note = models.CharField("说明", max_length=60, blank=True, help_text="如“春节”“调休上班”。")

    class Meta:
        verbose_name = "法定节假日安排"
        verbose_name_plural = "法定节假日安排"
        ordering = ["date"]

    def __str__(self) -> str:
        kind = "上班" if self.is_workday else "休息"
        note = f"（{self.note}）" if self.note else ""
        return f"{self.date.year}年{self.date.month}月{self.date.day}日 {kind}{note}"


class ProblemQuerySet(models.QuerySet):
    feature = Perm.VIEW_PROBLEMS  # not the investment bureau's, though its region holds the projects

    def visible_to(self, user) -> "ProblemQuerySet":
        from keyprojects.accounts.scope import scope_for

        return scope_for(user).filter_problems(self)

    def assignable_by(self, user) -> "ProblemQuerySet":
        """Problems whose assignment `user`'s office may change (edit, reassign, close, reopen, escalate): those
        it assigned itself; a county reads and handles the city's, it does not rewrite them."""
        from keyprojects.accounts.scope import scope_for

        return scope_for(user).filter_owned(self.visible_to(user), via="raised_by__")


class Problem(models.Model):
    """问题清单: a problem of a project (or an item assigned at a meeting, 交办事项), handled by a lead
    department within a deadline in working days, closed (销号) only after verification."""

    project = models.ForeignKey(
        "projects.Project", verbose_name="项目", on_delete=models.PROTECT, related_name="problems"
    )
    description = models.TextField("问题描述")
    category = models.CharField("问题类别", max_length=20, choices=ProblemCategory.choices)
    status = models.CharField("状态", max_length=20, choices=ProblemStatus.choices, default=ProblemStatus.PENDING)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="提出人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    raised_at = models.DateTimeField("提出时间", default=timezone.now)
    lead_department = models.ForeignKey(
        "accounts.Department", verbose_name="牵头部门", on_delete=models.PROTECT, related_name="led_problems"
    )
    co_departments = models.ManyToManyField(
        "accounts.Department", verbose_name="配合部门", blank=True, related_name="assisted_problems"
    )
    responsible_leader = models.ForeignKey(
        "projects.Leader",
        verbose_name="责任领导",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="problems",
    )
    limit_days = models.PositiveSmallIntegerField("办理时限（工作日）", default=DEFAULT_LIMIT_DAYS)
    accepted_on = models.DateField("签收日期", null=True, blank=True)
    deadline = models.DateField("办结期限", null=True, blank=True)
    reply = models.TextField("办理情况", blank=True)
    replied_on = models.DateField("办结日期", null=True, blank=True)
    closed_on = models.DateField("销号日期", null=True, blank=True)
    return_reason = models.CharField("退回原因", max_length=200, blank=True)
    escalation = models.CharField("升级", max_length=10, choices=Escalation.choices, blank=True)
    meeting = models.ForeignKey(
        "Meeting",
        verbose_name="交办会议",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_items",
    )
    source_report = models.ForeignKey(
        "reports.Report", verbose_name="来自月报", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ProblemQuerySet.as_manager()

    class Meta:
        verbose_name = "问题"
        verbose_name_plural = "问题清单"
        ordering = ["-raised_at", "-id"]
        indexes = [models.Index(fields=["status", "deadline"], name="problem_status_deadline")]

    def __str__(self) -> str:
        return f"{self.project}：{self.description[:30]}"

    @property
    def is_overdue(self) -> bool:
        return (
            self.status != ProblemStatus.CLOSED
            and self.deadline is not None
            and ((self.replied_on or timezone.localdate()) > self.deadline)
        )


class ProcedureQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ProcedureQuerySet":
        from keyprojects.accounts.scope import scope_for

        return scope_for(user).filter_procedures(self)


class Procedure(models.Model):
    """联审联批台账: one of the six approval procedures of a project."""

    project = models.ForeignKey(
        "projects.Project", verbose_name="项目", on_delete=models.PROTECT, related_name="procedures"
    )
    kind = models.CharField("手续", max_length=20, choices=ProcedureKind.choices)
    status = models.CharField(
        "状态", max_length=20, choices=ProcedureStatus.choices, default=ProcedureStatus.NOT_STARTED
    )
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name="办理部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="procedures",
    )
    applied_on = models.DateField("申请日期", null=True, blank=True)
    approved_on = models.DateField("批复日期", null=True, blank=True)
    document_number = models.CharField("批复文号", max_length=60, blank=True)
    limit_days = models.PositiveSmallIntegerField("承诺时限（工作日）", default=DEFAULT_PROCEDURE_DAYS)
    is_tolerant = models.BooleanField("容缺受理", default=False)
    is_commitment = models.BooleanField("承诺制", default=False)
    is_combined = models.BooleanField("多评合一", default=False)

    objects = ProcedureQuerySet.as_manager()

    class Meta:
        verbose_name = "审批手续"
        verbose_name_plural = "联审联批台账"
        ordering = ["project", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "kind"],
                name="one_procedure_per_kind",
                violation_error_message="该项目已有这项手续。",
            ),
            models.CheckConstraint(
                condition=Q(approved_on__isnull=True)
                | Q(applied_on__isnull=True)
                | Q(approved_on__gte=models.F("applied_on")),
                name="procedure_approved_after_applied",
                violation_error_message="批复日期不能早于申请日期。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.get_kind_display()}"


class MeetingQuerySet(models.QuerySet):
    def editable_by(self, user) -> "MeetingQuerySet":
        """Meetings `user`'s office convened (recorded by its own accounts): a county may not rewrite the city's."""
        from keyprojects.accounts.scope import scope_for

        return scope_for(user).filter_owned(self, via="created_by__")


class Meeting(models.Model):
    """A dispatch meeting (周例会、月调度会…): its agenda comes from overdue problems and red projects;
    its decisions become assigned items (交办事项), tracked like problems."""

    kind = models.CharField("会议类型", max_length=20, choices=MeetingKind.choices)
    title = models.CharField("会议名称", max_length=100)
    date = models.DateField("日期")
    chair = models.CharField("主持", max_length=60)
    attendees = models.TextField("参会人员", blank=True)
    agenda_problems = models.ManyToManyField(Problem, verbose_name="议题（问题）", blank=True, related_name="meetings")
    agenda_projects = models.ManyToManyField(
        "projects.Project", verbose_name="议题（项目）", blank=True, related_name="meetings"
    )
    minutes = models.TextField("会议纪要", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = "调度会议"
        verbose_name_plural = "调度会议"
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{chinese_date(self.date)}{self.title}"


class Visit(models.Model):
    """调研日: a leader's visit to a project, with findings that may become problems."""

    leader = models.ForeignKey("projects.Leader", verbose_name="领导", on_delete=models.PROTECT, related_name="visits")
    project = models.ForeignKey(
        "projects.Project", verbose_name="项目", on_delete=models.PROTECT, related_name="visits"
    )
    date = models.DateField("日期")
    findings = models.TextField("调研发现")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "调研"
        verbose_name_plural = "调研日"
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.leader} {chinese_date(self.date)} 调研{self.project}"
