from django.db import models


class Subject(models.TextChoices):
    """Who a scheme assesses."""

    REGION = "region", "县（市、区）"
    DEPARTMENT = "department", "市直部门"
    UNIT = "unit", "项目单位"


class Cycle(models.TextChoices):
    MONTH = "month", "月度"
    HALF = "half", "半年"
    YEAR = "year", "年度"


class Measure(models.TextChoices):
    """The indicators a scheme can use (DOMAIN.md §5, §6, §9, §10). Rate measures give up to their
    weight; deductions take `per_item` points for each record, at most the weight; adjustments are the
    city's recorded bonuses and deductions, at most the weight either way."""

    RANKING = "ranking", "排名综合得分"
    INVESTMENT = "investment", "投资完成进度（对序时）"
    NEW_START = "new_start", "新开工率"
    COMPLETION = "completion", "竣工率"
    TIMELINESS = "timeliness", "月报及时率"
    PROBLEMS = "problems", "问题按期办结率"
    PROCEDURES = "procedures", "审批手续按时限办结率"
    NOT_STARTED = "not_started", "应开未开扣分"
    LETTER_UNANSWERED = "letter_unanswered", "提示函逾期未反馈扣分"
    PROBLEM_OVERDUE = "problem_overdue", "问题逾期未办结扣分"
    ADJUSTMENT = "adjustment", "加减分"


DEDUCTIONS = {Measure.NOT_STARTED, Measure.LETTER_UNANSWERED, Measure.PROBLEM_OVERDUE}
RATES = set(Measure) - DEDUCTIONS - {Measure.ADJUSTMENT}  # measures that give up to their weight

# Which measures make sense for which bodies: a department builds nothing, a unit answers no letters.
MEASURES_FOR = {
    Subject.REGION: set(Measure) - {Measure.PROCEDURES},
    Subject.DEPARTMENT: {Measure.PROBLEMS, Measure.PROCEDURES, Measure.PROBLEM_OVERDUE, Measure.ADJUSTMENT},
    Subject.UNIT: {
        Measure.INVESTMENT,
        Measure.NEW_START,
        Measure.COMPLETION,
        Measure.TIMELINESS,
        Measure.PROBLEMS,
        Measure.NOT_STARTED,
        Measure.ADJUSTMENT,
    },
}
