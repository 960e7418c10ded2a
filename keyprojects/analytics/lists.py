"""The lists behind the numbers (DOMAIN.md §6): a click on 215 shows the 215 projects."""

from django.db.models import Q

from keyprojects.analytics.filters import Filters
from keyprojects.analytics.indicators import listed, period_end
from keyprojects.projects.choices import Category

# kind → (title, condition on annual entries at period end E)
KINDS = {
    "all": ("全部项目", lambda year, end: Q()),
    "new_start_planned": ("计划新开工项目", lambda year, end: Q(category=Category.NEW_START)),
    "new_start_started": (
        "已开工的新开工项目",
        lambda year, end: Q(category=Category.NEW_START, project__actual_start__lte=end),
    ),
    "not_started": (
        "应开未开项目",
        lambda year, end: (
            Q(project__planned_start__lte=end)
            & (Q(project__actual_start__isnull=True) | Q(project__actual_start__gt=end))
        ),
    ),
    "completion_planned": ("计划当年竣工项目", lambda year, end: Q(project__planned_completion__year=year)),
    "completion_done": (
        "已竣工项目",
        lambda year, end: Q(project__planned_completion__year=year, project__actual_completion__lte=end),
    ),
    "not_completed": (
        "应竣未竣项目",
        lambda year, end: (
            Q(project__planned_completion__lte=end)
            & (Q(project__actual_completion__isnull=True) | Q(project__actual_completion__gt=end))
        ),
    ),
}


def projects_behind(user, year: int, month: int, kind: str, filters: Filters):
    title, condition = KINDS[kind]
    entries = listed(user, year, month, filters).filter(condition(year, period_end(year, month)))
    return title, entries.select_related("project", "project__region", "project__owner").order_by(
        "project__region__sort_order", "project__code"
    )
