"""What a user may see: the one place that decides it (DOMAIN.md §1).

A user's scope is a region subtree (city and county administrators, leaders, the investment
bureau), a department (what is assigned to it) or an enterprise (its own projects). Every
queryset method `visible_to(user)` asks `scope_for(user)`; later apps add a `filter_<thing>`
method here for their own models so the rule stays in one file.
"""

import logging
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from keyprojects.accounts.choices import UserRole
from keyprojects.accounts.permissions import has_perm

security_log = logging.getLogger("keyprojects.security")

REGIONAL_ROLES = {UserRole.CITY_ADMIN, UserRole.COUNTY_ADMIN, UserRole.LEADER, UserRole.INVESTMENT}
SYSTEM_NAME = "系统"


class SystemActor:
    """The platform itself, as a command acts without `--user` (INTERFACES.md: commands need no web account).

    It sees the managed root's whole tree and may do everything (`scope_for`, `has_perm`); it is no account:
    the change log names it 系统 and a `*_by` field stores NULL for it (`account_of`)."""

    is_system = True
    is_authenticated = True
    is_active = True
    is_anonymous = False
    pk = id = None
    role = "system"
    username = SYSTEM_NAME
    department = enterprise = None
    department_id = enterprise_id = None

    def __init__(self, root):
        self.region, self.region_id = root, root.pk

    def get_username(self) -> str:
        return SYSTEM_NAME

    def __str__(self) -> str:
        return SYSTEM_NAME


def account_of(by):
    """The account to store as who did something (a `*_by` field, the change log): None for the system."""
    return None if getattr(by, "is_system", False) or not getattr(by, "is_authenticated", False) else by


@dataclass(frozen=True)
class Scope:
    user: object
    region: object = None  # the subtree root for regional roles
    department: object = None
    enterprise: object = None

    @property
    def is_regional(self) -> bool:
        return self.region is not None

    def describe(self) -> str:
        if self.region is not None:
            return f"{self.region.name}及下辖区划"
        if self.department is not None:
            return f"交办给{self.department.name}的事项"
        if self.enterprise is not None:
            return f"{self.enterprise.name}的项目"
        return "无"

    def filter_regions(self, regions: QuerySet) -> QuerySet:
        if self.region is not None:
            return regions.filter(path__startswith=self.region.path)
        return regions.none()

    def hides_feature(self, queryset: QuerySet) -> bool:
        """Rows of a feature (`queryset.feature`, e.g. Perm.VIEW_REPORTS for reports) are seen only by roles
        that have it, whatever their region: the investment bureau's city-wide region shows it no report."""
        feature = getattr(queryset, "feature", None)
        return feature is not None and not has_perm(self.user, feature)

    def filter_regions_via(self, queryset: QuerySet, via: str) -> QuerySet:
        """Rows that belong to a region (letters, attraction and reserve projects): regional roles see their
        subtree's; owners and departments none."""
        if self.hides_feature(queryset):
            return queryset.none()
        if self.region is not None:
            return queryset.filter(**{f"{via}path__startswith": self.region.path})
        return queryset.none()

    def filter_projects(self, queryset: QuerySet, via: str = "") -> QuerySet:
        """Regional roles: projects in the subtree; owners: their own. Departments see a project once a
        procedure, problem or element need of it is assigned to them (the coordination module adds that).

        `via` is the path from the queryset's model to the project ("project__" for an annual entry),
        so that related rows are filtered by a join rather than a subquery."""
        if self.hides_feature(queryset):
            return queryset.none()
        if self.region is not None:
            if self.region.is_managed_city:
                return queryset  # every project of the platform is in the managed city: no join needed
            return queryset.filter(**{f"{via}region__path__startswith": self.region.path})
        if self.enterprise is not None:
            return queryset.filter(**{f"{via}owner": self.enterprise})
        if self.department is not None:
            assigned = Q()
            for project_ids in self._assigned_project_ids():
                assigned |= Q(**{f"{via}pk__in": project_ids})
            return queryset.filter(assigned)
        return queryset.none()

    def _assigned_project_ids(self):
        """Projects with a problem (lead or co-department), a procedure or an element need assigned to the
        department, as subqueries."""
        from keyprojects.attraction.models import ElementNeed
        from keyprojects.coordination.models import Problem, Procedure

        department = self.department
        problems = Problem.objects.filter(Q(lead_department=department) | Q(co_departments=department))
        return (
            problems.order_by().values("project_id"),
            Procedure.objects.filter(department=department).order_by().values("project_id"),
            ElementNeed.objects.filter(department=department).order_by().values("project_id"),
        )

    def filter_bodies(self, queryset: QuerySet) -> QuerySet:
        """Assessment rows of a region, a department or a project unit (score sheets, adjustments): the city
        all; a county its subtree's regions and the units located there; a department or a unit its own."""
        if self.region is not None:
            if self.region.is_managed_city:
                return queryset
            return queryset.filter(
                Q(region__path__startswith=self.region.path) | Q(enterprise__region__path__startswith=self.region.path)
            )
        if self.department is not None:
            return queryset.filter(department=self.department)
        if self.enterprise is not None:
            return queryset.filter(enterprise=self.enterprise)
        return queryset.none()

    def filter_problems(self, queryset: QuerySet) -> QuerySet:
        """A department sees the problems it leads or helps with; everyone else those of their projects."""
        if self.hides_feature(queryset):
            return queryset.none()
        if self.department is not None:
            department = self.department
            return queryset.filter(Q(lead_department=department) | Q(co_departments=department)).distinct()
        return self.filter_projects(queryset, via="project__")

    def filter_elements(self, queryset: QuerySet) -> QuerySet:
        """Element needs: a department sees what is assigned to it; everyone else those of their projects."""
        if self.department is not None:
            return queryset.filter(department=self.department)
        return self.filter_projects(queryset, via="project__")

    def filter_owned(self, queryset: QuerySet, via: str) -> QuerySet:
        """Rows an office may change, not merely see: those recorded by an account of its own subtree (`via` is
        the path to that account, "created_by__"). Seeing a row of the city level (a 市长解难直通车 meeting, a
        problem the city assigned) lets a county read it, never rewrite it; the city changes every row, and
        a row with no recording account (the system's, the demo's) is the city's."""
        if self.region is None:
            return queryset.none()
        if self.region.is_managed_city:
            return queryset
        return queryset.filter(**{f"{via}region__path__startswith": self.region.path})

    def filter_procedures(self, queryset: QuerySet) -> QuerySet:
        if self.department is not None:
            return queryset.filter(department=self.department)
        return self.filter_projects(queryset, via="project__")


def scope_for(user) -> Scope:
    if getattr(user, "is_system", False):
        return Scope(user=user, region=user.region)
    if not user.is_authenticated or not user.is_active:
        return Scope(user=user)
    if user.role in REGIONAL_ROLES:
        return Scope(user=user, region=user.region)
    if user.role == UserRole.DEPARTMENT:
        return Scope(user=user, department=user.department)
    if user.role == UserRole.OWNER:
        return Scope(user=user, enterprise=user.enterprise)
    return Scope(user=user)


def log_refusal(user, what: str) -> None:
    """A request for something outside the caller's scope: answered 404, written to the security log."""
    security_log.warning("越权访问被拒绝：用户 %s（%s）请求 %s", user.get_username(), user.role, what)


def log_forbidden(user, perm, what: str) -> None:
    """A request for a feature the caller's role lacks: answered 403, written to the security log."""
    security_log.warning(
        "功能权限不足被拒绝：用户 %s（%s）缺少 %s，请求 %s", user.get_username(), user.role, perm, what
    )


def log_not_owned(user, what: str) -> None:
    """A change to a row the caller may see but that belongs to another level (`Scope.filter_owned`): 403."""
    security_log.warning("非本级事项修改被拒绝：用户 %s（%s）请求修改 %s", user.get_username(), user.role, what)


def visible_or_404(queryset: QuerySet, user, what: str, **lookup):
    """The object of `queryset` (already scoped to `user`), or a logged refusal answered 404."""
    obj = queryset.filter(**lookup).first()
    if obj is None:
        log_refusal(user, what)
        raise Http404
    return obj


def feature_refused(user, queryset: QuerySet) -> bool:
    """Whether `user` lacks the feature of `queryset`'s rows (a page of them is then 403, not an empty list)."""
    return scope_for(user).hides_feature(queryset)


class OfProjectsQuerySet(QuerySet):
    """Rows that belong to a project (annual entries, reports, colours …): seen by whoever sees the project.

    A subclass names the `feature` (a Perm) its rows belong to when some role with the project in scope
    must still not read them (reports, for the investment bureau)."""

    feature = None

    def visible_to(self, user):
        return scope_for(user).filter_projects(self, via="project__")


class OfRegionsQuerySet(QuerySet):
    """Rows that belong to a region (letters, attraction and reserve projects): regional roles see their subtree's."""

    feature = None

    def visible_to(self, user):
        return scope_for(user).filter_regions_via(self, "region__")
