"""What each role may do: the one table every view, API endpoint, export and document asks.

What a user may *see* is the scope (keyprojects.accounts.scope); what a user may *do* is here.
Later issues add their capabilities to `Perm` and to `ROLE_PERMS`, nowhere else.
"""

from enum import StrEnum

from keyprojects.accounts.choices import UserRole


class Perm(StrEnum):
    MANAGE_ACCOUNTS = "manage_accounts"  # 账号管理
    MANAGE_ORGANIZATION = "manage_organization"  # 区划、开发区和部门
    VIEW_CHANGELOG = "view_changelog"  # 全部变更记录
    VIEW_ORGANIZATION = "view_organization"  # 区划树
    # Reading the work on the key projects. Every role has these but the investment bureau, which DOMAIN.md §1
    # gives the pipeline, the reserve pool, element needs and the statistics only.
    VIEW_REPORTS = "view_reports"  # 月报、佐证材料、报送率和及时率、填报月份
    VIEW_PROBLEMS = "view_problems"  # 问题清单及其台账
    VIEW_LETTERS = "view_letters"  # 提示函
    EDIT_PROJECTS = "edit_projects"  # 新建、修改范围内的项目
    MANAGE_ANNUAL_LIST = "manage_annual_list"  # 年度名单、动态调整、导入
    MANAGE_LEADERS = "manage_leaders"  # 分包领导、专班、领域行业和产业链
    SUBMIT_REPORTS = "submit_reports"  # 填报、提交月报（项目单位；县、市可代填）
    REVIEW_REPORTS = "review_reports"  # 县级审核通过、退回
    CONFIRM_REPORTS = "confirm_reports"  # 市级确认、撤回确认、批量导入月报
    MANAGE_PERIODS = "manage_periods"  # 开放、关闭、锁定、解锁填报月份
    MANAGE_COLORS = "manage_colors"  # 四色规则、调整颜色、排名权重
    ISSUE_LETTERS = "issue_letters"  # 印发通报、提示函
    ANSWER_LETTERS = "answer_letters"  # 县级填报提示函整改反馈
    ASSIGN_PROBLEMS = "assign_problems"  # 交办、销号、升级问题，登记手续、会议、调研
    HANDLE_PROBLEMS = "handle_problems"  # 签收、办结、退回交办给本部门的问题
    VIEW_MEETINGS = "view_meetings"  # 调度会议及纪要
    VIEW_PIPELINE = "view_pipeline"  # 招商引资、储备库
    OWN_PACKAGE = "own_package"  # 领导的“我的分包”
    MANAGE_PIPELINE = "manage_pipeline"  # 维护招商项目、储备项目，转入年度名单
    MANAGE_ELEMENTS = "manage_elements"  # 登记、更新要素保障需求
    MANAGE_FINANCING = "manage_financing"  # 发布融资需求清单、记录银行对接
    VIEW_ASSESSMENT = "view_assessment"  # 公布的考核排名和本单位的得分表
    MANAGE_ASSESSMENT = "manage_assessment"  # 考核方案、加减分、计算和公布考核结果


PROJECT_WORK = frozenset({Perm.VIEW_REPORTS, Perm.VIEW_PROBLEMS, Perm.VIEW_LETTERS})

ROLE_PERMS: dict[str, frozenset[Perm]] = {
    # The city issues warning letters; answering them (整改反馈) is the addressed county's.
    UserRole.CITY_ADMIN: frozenset(Perm) - {Perm.ANSWER_LETTERS},
    UserRole.COUNTY_ADMIN: PROJECT_WORK
    | frozenset(
        {
            Perm.VIEW_ORGANIZATION,
            Perm.EDIT_PROJECTS,
            Perm.SUBMIT_REPORTS,
            Perm.REVIEW_REPORTS,
            Perm.ANSWER_LETTERS,
            Perm.ASSIGN_PROBLEMS,
            Perm.HANDLE_PROBLEMS,
            Perm.VIEW_PIPELINE,
            Perm.MANAGE_PIPELINE,
            Perm.MANAGE_ELEMENTS,
            Perm.VIEW_MEETINGS,
            Perm.VIEW_ASSESSMENT,
        }
    ),
    UserRole.LEADER: PROJECT_WORK
    | frozenset(
        {Perm.VIEW_ORGANIZATION, Perm.VIEW_MEETINGS, Perm.VIEW_PIPELINE, Perm.OWN_PACKAGE, Perm.VIEW_ASSESSMENT}
    ),
    # The pipeline and reserve pool it maintains, and the statistics (which need no permission); no reports,
    # problems or letters.
    UserRole.INVESTMENT: frozenset({Perm.VIEW_PIPELINE, Perm.MANAGE_PIPELINE}),
    UserRole.DEPARTMENT: PROJECT_WORK
    | frozenset({Perm.HANDLE_PROBLEMS, Perm.VIEW_MEETINGS, Perm.MANAGE_ELEMENTS, Perm.VIEW_ASSESSMENT}),
    UserRole.OWNER: PROJECT_WORK | frozenset({Perm.SUBMIT_REPORTS, Perm.VIEW_ASSESSMENT}),
}


def has_perm(user, perm: Perm) -> bool:
    if getattr(user, "is_system", False):  # the command line acting as the platform (accounts.scope.SystemActor)
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    return perm in ROLE_PERMS.get(user.role, frozenset())
