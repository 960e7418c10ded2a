"""The shell's navigation, in one place. A module not yet built shows greyed out with no link;
the issue that builds it gives its item a `url_name` (and a permission if it needs one)."""

from dataclasses import dataclass

from django.urls import reverse

from keyprojects.accounts.permissions import Perm, has_perm


@dataclass(frozen=True)
class NavItem:
    label: str
    icon: str
    url_name: str | None = None
    perm: Perm | None = None

    def url(self) -> str | None:
        return reverse(self.url_name) if self.url_name else None


MODULES = [
    NavItem("项目库", "bi-folder2-open", "projects:list"),
    NavItem("分包领导", "bi-person-badge", "projects:leader_list"),
    NavItem("专班", "bi-people-fill", "projects:task_force_list"),
    NavItem("月报", "bi-calendar-check", "reports:index", Perm.VIEW_REPORTS),
    NavItem("统计分析", "bi-bar-chart-line", "analytics:stats"),
    NavItem("四色管理", "bi-palette", "analytics:colors"),
    NavItem("排名通报", "bi-trophy", "analytics:ranking"),
    NavItem("问题清单", "bi-exclamation-diamond", "coordination:problems", Perm.VIEW_PROBLEMS),
    NavItem("联审联批", "bi-diagram-3", "coordination:procedures"),
    NavItem("会议调度", "bi-people", "coordination:meetings", Perm.VIEW_MEETINGS),
    NavItem("招商引资", "bi-briefcase", "attraction:list", Perm.VIEW_PIPELINE),
    NavItem("储备库", "bi-box-seam", "attraction:reserve", Perm.VIEW_PIPELINE),
    NavItem("要素保障", "bi-lightning-charge", "attraction:elements"),
    NavItem("考核", "bi-award", "assessment:index", Perm.VIEW_ASSESSMENT),
    NavItem("驾驶舱", "bi-speedometer2", "dashboard:cockpit"),
    NavItem("我的分包", "bi-person-check", "dashboard:mine", Perm.OWN_PACKAGE),
]

ADMINISTRATION = [
    NavItem("领域行业", "bi-tags", "projects:taxonomy"),
    NavItem("区划", "bi-map", "accounts:region_list", Perm.VIEW_ORGANIZATION),
    NavItem("部门", "bi-building", "accounts:department_list", Perm.MANAGE_ORGANIZATION),
    NavItem("账号管理", "bi-person-gear", "accounts:user_list", Perm.MANAGE_ACCOUNTS),
    NavItem("变更记录", "bi-clock-history", "core:changelog", Perm.VIEW_CHANGELOG),
    NavItem("节假日安排", "bi-calendar3", "coordination:calendar", Perm.MANAGE_PERIODS),
]


def items_for(user, items: list[NavItem]) -> list[NavItem]:
    return [item for item in items if item.perm is None or has_perm(user, item.perm)]
