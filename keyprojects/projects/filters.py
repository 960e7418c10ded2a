"""One filterset for the annual list: the page, its xlsx export and the API all use it."""

import django_filters
from django import forms
from django.db.models import Q
from drf_spectacular.utils import extend_schema_field

from keyprojects.accounts.models import Region
from keyprojects.projects.choices import Category, Level, levels_at_least
from keyprojects.projects.models import AnnualEntry

ORDERING = {
    "code": "project__code",
    "name": "project__name",
    "region": "project__region__sort_order",
    "total_investment": "project__total_investment",
    "annual_plan": "annual_plan",
    "planned_start": "project__planned_start",
}


# The largest row number the databases store (a 64-bit integer); SQLite raises on a larger one.
LARGEST_ID = 2**63 - 1


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": LARGEST_ID})
class IdFilter(django_filters.NumberFilter):
    """A linked row by its number. One that does not exist (any more) matches no project, like an unknown
    region, instead of refusing the whole request as "select a valid choice"."""

    field_class = forms.IntegerField

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=LARGEST_ID, **kwargs)


class AnnualEntryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="搜索", method="filter_search")
    region = django_filters.CharFilter(label="区划", method="filter_region")
    level = django_filters.ChoiceFilter(label="级别（含以上）", choices=Level.choices, method="filter_level")
    category = django_filters.ChoiceFilter(label="类别", choices=Category.choices)
    domain = IdFilter(label="领域", field_name="project__domain")
    industry = IdFilter(label="行业", field_name="project__industry")
    chain = IdFilter(label="产业链", field_name="project__chains")
    leader = IdFilter(label="分包领导", field_name="project__leaders")
    task_force = IdFilter(label="专班", field_name="project__task_force")
    sibao = django_filters.BooleanFilter(label="四保白名单", field_name="project__is_sibao_whitelist")
    eco = django_filters.BooleanFilter(label="生态环境监管白名单", field_name="project__is_eco_whitelist")
    priority = django_filters.BooleanFilter(label="重中之重", field_name="project__is_priority")
    sort = django_filters.CharFilter(label="排序", method="filter_sort")

    class Meta:
        model = AnnualEntry
        fields = ["category"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(project__name__icontains=value)
            | Q(project__code__icontains=value)
            | Q(project__owner__name__icontains=value)
        )

    def filter_region(self, queryset, name, value):
        region = Region.objects.filter(code=value).first()
        return queryset.filter(project__region__path__startswith=region.path) if region else queryset.none()

    def filter_level(self, queryset, name, value):
        return queryset.filter(level__in=levels_at_least(value))

    def filter_sort(self, queryset, name, value):
        descending = value.startswith("-")
        field = ORDERING.get(value.lstrip("-"))
        if field is None:
            return queryset
        return queryset.order_by(f"-{field}" if descending else field, "project__code")
