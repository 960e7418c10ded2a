from django.db import models

from keyprojects.reports.choices import ProblemCategory  # noqa: F401 — one list of categories (DOMAIN.md §10)


class ProblemStatus(models.TextChoices):
    PENDING = "pending", "待签收"
    IN_PROGRESS = "in_progress", "办理中"
    REPLIED = "replied", "已办结"
    CLOSED = "closed", "已销号"
    RETURNED = "returned", "退回"


OPEN_STATES = [ProblemStatus.PENDING, ProblemStatus.IN_PROGRESS, ProblemStatus.RETURNED]


class Escalation(models.TextChoices):
    NONE = "", "未升级"
    MEETING = "meeting", "列入调度会议"
    MAYOR = "mayor", "市长解难直通车"


class ProcedureKind(models.TextChoices):
    FILING = "filing", "核准备案"
    SITE = "site", "用地预审与选址"
    LAND_PLANNING = "land_planning", "用地规划许可"
    EIA = "eia", "环评批复"
    WORKS_PLANNING = "works_planning", "工程规划许可"
    CONSTRUCTION = "construction", "施工许可"


class ProcedureStatus(models.TextChoices):
    NOT_STARTED = "not_started", "未启动"
    IN_PROGRESS = "in_progress", "办理中"
    DONE = "done", "已办结"
    NOT_APPLICABLE = "na", "不涉及"


class MeetingKind(models.TextChoices):
    WEEKLY = "weekly", "周例会"
    MONTHLY = "monthly", "月调度会"
    QUARTERLY = "quarterly", "季度观摩拉练"
    SPECIAL = "special", "专题协调会"
    MAYOR = "mayor", "市长解难直通车"
