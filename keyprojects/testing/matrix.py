"""The refusal matrix: every URL of the platform, tried by every role.

Each `Case` names a URL pattern, how to fill its arguments from the test's `People`, and what
each role must get. Every later issue adds a case for each URL it creates; the matrix test fails
when a named URL has no case. Outcomes:

- OK: 2xx, or a redirect that is not to the login page
- LOGIN: redirect to the login page (anonymous on a web page)
- DENIED: 401 or 403 (anonymous on the API)
- FORBIDDEN: 403 (signed in, but the role may not do this)
- HIDDEN: 404 (the object is outside the caller's scope)

A 409 (the workflow refused the step in the object's current state) counts as OK: the role was let
through to the rule, which is what the matrix checks.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from keyprojects.testing.people import ROLES

OK, LOGIN, DENIED, FORBIDDEN, HIDDEN = "ok", "login", "denied", "forbidden", "hidden"

SIGNED_IN = [role for role in ROLES if role != "anonymous"]


def only(*roles: str, others: str = FORBIDDEN, anonymous: str = LOGIN, **special: str) -> dict:
    """`roles` get OK, named roles get their special outcome, every other signed-in role `others`."""
    expected = {role: others for role in SIGNED_IN}
    expected.update({role: OK for role in roles})
    expected.update(special)
    expected["anonymous"] = anonymous
    return expected


EVERYONE = only(*SIGNED_IN)
EVERYONE_API = only(*SIGNED_IN, anonymous=DENIED)
CITY_ONLY = only("city")
CITY_ONLY_API = only("city", anonymous=DENIED)


@dataclass(frozen=True)
class Case:
    url_name: str
    expected: dict
    kwargs: Callable = field(default=lambda people: {})
    method: str = "get"
    query: str = ""


def county_a_code(people) -> dict:
    return {"code": people.county_a_region.code}


def project_a(people) -> dict:
    return {"pk": people.project_a.pk}


def entry_a(people) -> dict:
    return {"pk": people.entry_a.pk}


def color_a(people) -> dict:
    return {"pk": people.color_a.pk}


def letter_a(people) -> dict:
    return {"pk": people.letter_a.pk}


def problem_a(people) -> dict:
    return {"pk": people.problem_a.pk}


def city_problem_of_a(people) -> dict:
    """A problem the city assigned on county A's project: county A sees it, only the city changes it."""
    from keyprojects.coordination.models import Problem

    problem = Problem.objects.create(
        project=people.project_a,
        category="funds",
        description="市里交办的问题",
        lead_department=people.users["dept"].department,
        raised_by=people.users["city"],
    )
    return {"pk": problem.pk}


def period_code(people) -> dict:
    return {"period": people.period.code}


def report_a(people) -> dict:
    return {"pk": people.report_a.pk}


# Who may see project A's things, and who may act on them (project A: county A, owner X).
SEES_A = only("city", "county_a", "owner_x", "leader", "invest", "dept", others=HIDDEN)  # dept: A has its problem
# Reports, problems and letters are not the investment bureau's, though its region holds them (DOMAIN.md §1).
PROJECT_WORK = only(*SIGNED_IN, invest=FORBIDDEN)
PROJECT_WORK_API = only(*SIGNED_IN, invest=FORBIDDEN, anonymous=DENIED)
WORK_OF_A = {**SEES_A, "invest": FORBIDDEN}
WORK_OF_A_API = {**WORK_OF_A, "anonymous": DENIED}
SUBMITTERS_OF_A = only("city", "county_a", "owner_x", county_b=HIDDEN, owner_y=HIDDEN)
REVIEWERS = only("city", "county_a", "county_b")
OFFICES = only("city", "county_a", "county_b")
PIPELINE = only("city", "county_a", "county_b", "leader", "invest")
PIPELINE_EDITORS = only("city", "county_a", "county_b", "invest")
MEETING_VIEWERS = only("city", "county_a", "county_b", "leader", "dept")
REVIEWERS_OF_A = only("city", "county_a", county_b=HIDDEN)
ASSESSED = only("city", "county_a", "county_b", "owner_x", "owner_y", "dept", "leader")
DRAFT = only("city", "invest", others=HIDDEN, invest=FORBIDDEN)  # a result not yet published
SHEET_OF_A = only("city", "county_a", "leader", others=HIDDEN, invest=FORBIDDEN)
SHEET_OF_DEPT = only("city", "dept", "leader", others=HIDDEN, invest=FORBIDDEN)


def scheme_a(people) -> dict:
    return {"pk": people.scheme_a.pk}


CASES = [
    # Shell and authentication
    Case("home", EVERYONE),
    Case("healthz", only(*SIGNED_IN, anonymous=OK)),
    Case("login", only(*SIGNED_IN, anonymous=OK)),
    Case("logout", only(others=LOGIN, anonymous=LOGIN), method="post"),
    Case("password_change", EVERYONE),
    Case("password_change_done", EVERYONE),
    Case("accounts:first_run", only(others=HIDDEN, anonymous=HIDDEN)),
    Case("accounts:profile", EVERYONE),
    Case("accounts:token_regenerate", EVERYONE, method="post"),
    # Accounts, departments, regions
    Case("accounts:user_list", CITY_ONLY),
    Case("accounts:user_create", CITY_ONLY),
    Case("accounts:user_edit", CITY_ONLY, lambda p: {"pk": p.owner_x.pk}),
    Case("accounts:user_password", CITY_ONLY, lambda p: {"pk": p.owner_x.pk}),
    Case("accounts:department_list", CITY_ONLY),
    Case("accounts:department_create", CITY_ONLY),
    Case("accounts:department_edit", CITY_ONLY, lambda p: {"pk": p.dept.department_id}),
    Case("accounts:region_list", only("city", "county_a", "county_b", "leader")),
    Case("accounts:region_detail", only("city", "county_a", "leader", county_b=HIDDEN), county_a_code),
    Case("accounts:region_edit", CITY_ONLY, county_a_code),
    Case("accounts:zone_create", CITY_ONLY),
    # Project library (issue 3)
    Case("projects:list", EVERYONE),
    Case("projects:export", EVERYONE),
    Case("projects:create", only("city", "county_a", "county_b")),
    Case("projects:detail", SEES_A, project_a),
    Case("projects:edit", only("city", "county_a", county_b=HIDDEN), project_a),
    Case("projects:entry_add", CITY_ONLY, project_a),
    Case("projects:entry_edit", CITY_ONLY, entry_a),
    Case("projects:entry_remove", CITY_ONLY, entry_a),
    Case("projects:milestones_edit", only("city", "county_a", county_b=HIDDEN), entry_a),
    Case("projects:import", CITY_ONLY),
    Case("projects:import_template", CITY_ONLY),
    Case("projects:taxonomy", EVERYONE),
    Case("projects:taxonomy_add", CITY_ONLY, lambda p: {"kind": "chain"}, method="post"),
    Case("projects:leader_list", EVERYONE),
    Case("projects:leader_create", CITY_ONLY),
    Case("projects:leader_detail", EVERYONE, lambda p: {"pk": p.leader_record.pk}),
    Case("projects:leader_edit", CITY_ONLY, lambda p: {"pk": p.leader_record.pk}),
    Case("projects:task_force_list", EVERYONE),
    Case("projects:task_force_create", CITY_ONLY),
    Case("projects:task_force_detail", EVERYONE, lambda p: {"pk": p.task_force.pk}),
    Case("projects:task_force_edit", CITY_ONLY, lambda p: {"pk": p.task_force.pk}),
    Case("api:project-list", EVERYONE_API),
    Case("api:project-detail", {**SEES_A, "anonymous": DENIED}, project_a),
    Case("api:annual-entry-list", EVERYONE_API),
    Case("api:annual-entry-detail", {**SEES_A, "anonymous": DENIED}, entry_a),
    Case("api:leader-list", EVERYONE_API),
    Case("api:leader-detail", EVERYONE_API, lambda p: {"pk": p.leader_record.pk}),
    Case("api:task-force-list", EVERYONE_API),
    Case("api:task-force-detail", EVERYONE_API, lambda p: {"pk": p.task_force.pk}),
    Case("core:import_errors", only(others=HIDDEN), lambda p: {"token": "no-such-file"}),
    Case("core:notifications", EVERYONE),
    Case("core:notifications_read", EVERYONE, method="post"),
    # Monthly reports (issue 4)
    Case("reports:index", PROJECT_WORK),
    Case("reports:period", PROJECT_WORK, period_code),
    Case("reports:timeliness", PROJECT_WORK, period_code),
    Case("reports:remind", REVIEWERS, period_code, method="post"),
    Case("reports:bulk", REVIEWERS, period_code, method="post"),
    Case("reports:edit", SUBMITTERS_OF_A, lambda p: {"period": p.period.code, "project": p.project_a.pk}),
    Case("reports:detail", WORK_OF_A, report_a),
    Case("reports:action", REVIEWERS_OF_A, lambda p: {"pk": p.report_a.pk, "action": "approve"}, method="post"),
    Case("reports:attachment_add", SUBMITTERS_OF_A, report_a, method="post"),
    Case("reports:attachment", WORK_OF_A, lambda p: {"pk": p.attachment_a.pk}),
    Case("reports:attachment_remove", SUBMITTERS_OF_A, report_a, method="post"),  # no file named: back to the page
    Case("reports:attachment_preview", WORK_OF_A, lambda p: {"pk": p.attachment_a.pk}),
    Case("reports:import", CITY_ONLY),
    Case("reports:import_template", CITY_ONLY),
    Case("reports:period_list", PROJECT_WORK),
    Case("reports:period_create", CITY_ONLY, method="post"),
    Case("reports:period_edit", CITY_ONLY, period_code),
    Case("reports:period_lock", CITY_ONLY, lambda p: {"period": p.period.code, "action": "lock"}, method="post"),
    Case("api:period-list", EVERYONE_API),
    Case("api:period-detail", EVERYONE_API, lambda p: {"code": p.period.code}),
    Case("api:report-list", PROJECT_WORK_API),
    Case("api:report-detail", WORK_OF_A_API, report_a),
    Case("api:report-submit", {**SUBMITTERS_OF_A, "anonymous": DENIED}, report_a, method="post"),
    Case("api:report-approve", {**REVIEWERS_OF_A, "anonymous": DENIED}, report_a, method="post"),
    Case("api:report-return", {**REVIEWERS_OF_A, "anonymous": DENIED}, report_a, method="post"),
    Case("api:report-confirm", CITY_ONLY_API, report_a, method="post"),
    # Statistics, colours, rankings, bulletin, letters (issue 5)
    Case("analytics:stats", EVERYONE),
    Case("analytics:list", EVERYONE, lambda p: {"kind": "not_started"}),
    Case("analytics:colors", EVERYONE),
    Case("analytics:color_override", CITY_ONLY, color_a, method="post"),
    Case("analytics:color_rule", CITY_ONLY, lambda p: {"year": 2026}),
    Case("analytics:ranking", EVERYONE),
    Case("analytics:ranking_rule", CITY_ONLY, lambda p: {"year": 2026}),
    Case(
        "analytics:ranking_region",
        only("city", "county_a", "leader", "invest", others=HIDDEN),
        lambda p: {"code": p.county_a_region.code},
    ),
    Case("analytics:bulletin", EVERYONE),
    Case("analytics:letters", PROJECT_WORK),
    Case("analytics:letters_issue", CITY_ONLY, method="post"),
    Case("analytics:letter_numbering", CITY_ONLY, lambda p: {"year": 2026}),
    Case("analytics:letter_docx", only("city", "county_a", "leader", others=HIDDEN, invest=FORBIDDEN), letter_a),
    Case("analytics:letter_reply", only("county_a", county_b=HIDDEN), letter_a, method="post"),
    Case("api_stats", EVERYONE_API, query="period=2026-10"),
    Case("api_colors", EVERYONE_API, query="period=2026-10"),
    Case("api_ranking", EVERYONE_API, query="period=2026-10"),
    # Coordination (issue 6); the department user handles project A's problem and procedure
    Case("coordination:problems", PROJECT_WORK),
    Case("coordination:problems", PROJECT_WORK, query="format=xlsx"),
    Case("coordination:problem_create", OFFICES),
    Case("coordination:problem", WORK_OF_A, problem_a),
    Case("coordination:problem_edit", REVIEWERS_OF_A, problem_a),
    # Objects of another level (issue 14): a county sees what the city assigned or convened, it does not change it
    Case("coordination:problem_edit", only("city", county_b=HIDDEN), city_problem_of_a),
    Case("coordination:problem_edit", only("city", county_b=HIDDEN), city_problem_of_a, method="post"),
    Case(
        "coordination:problem_action",
        only("city", county_b=HIDDEN, owner_y=HIDDEN),
        lambda p: {**city_problem_of_a(p), "action": "escalate"},
        method="post",
    ),
    Case(
        "coordination:problem_action",
        only("city", "county_a", "dept", county_b=HIDDEN, owner_y=HIDDEN),
        lambda p: {"pk": p.problem_a.pk, "action": "accept"},
        method="post",
    ),
    Case(
        "coordination:raised_assign",
        only("city", "county_a", county_b=HIDDEN),
        lambda p: {"pk": p.raised_a.pk},
        method="post",
    ),
    Case("coordination:procedures", EVERYONE),
    Case("coordination:procedure_create", OFFICES),
    Case("coordination:procedure_edit", only("city", "county_a", county_b=HIDDEN), lambda p: {"pk": p.procedure_a.pk}),
    Case("coordination:meetings", MEETING_VIEWERS),
    Case("coordination:meeting_create", OFFICES),
    Case("coordination:meeting", MEETING_VIEWERS, lambda p: {"pk": p.meeting.pk}),
    Case("coordination:meeting", CITY_ONLY, lambda p: {"pk": p.meeting.pk}, method="post"),  # the city's meeting
    Case("coordination:meeting_minutes", MEETING_VIEWERS, lambda p: {"pk": p.meeting.pk}),
    Case("coordination:visits", EVERYONE),
    Case("coordination:visit_create", OFFICES),
    Case("coordination:calendar", CITY_ONLY),
    Case("api:problem-list", PROJECT_WORK_API),
    Case("api:problem-detail", WORK_OF_A_API, problem_a),
    Case(
        "api:problem-accept",
        {**SEES_A, "anonymous": DENIED, "owner_x": FORBIDDEN, "leader": FORBIDDEN, "invest": FORBIDDEN},
        problem_a,
        method="post",
    ),
    Case(
        "api:problem-reply",
        {**SEES_A, "anonymous": DENIED, "owner_x": FORBIDDEN, "leader": FORBIDDEN, "invest": FORBIDDEN},
        problem_a,
        method="post",
    ),
    Case(
        "api:problem-close",
        {
            **SEES_A,
            "anonymous": DENIED,
            "owner_x": FORBIDDEN,
            "leader": FORBIDDEN,
            "invest": FORBIDDEN,
            "dept": FORBIDDEN,
        },
        problem_a,
        method="post",
    ),
    Case("api:procedure-list", EVERYONE_API),
    Case("api:procedure-detail", {**SEES_A, "anonymous": DENIED}, lambda p: {"pk": p.procedure_a.pk}),
    Case("api:meeting-list", EVERYONE_API),
    Case(
        "api:meeting-detail",
        {**MEETING_VIEWERS, "anonymous": DENIED, "owner_x": HIDDEN, "owner_y": HIDDEN, "invest": HIDDEN},
        lambda p: {"pk": p.meeting.pk},
    ),
    Case("api:visit-list", EVERYONE_API),
    Case("api:visit-detail", {**SEES_A, "anonymous": DENIED}, lambda p: {"pk": p.visit_a.pk}),
    # Attraction, reserve pool, element guarantees (issue 7)
    Case("attraction:list", PIPELINE),
    Case("attraction:create", PIPELINE_EDITORS),
    Case("attraction:edit", {**PIPELINE_EDITORS, "county_b": HIDDEN}, lambda p: {"pk": p.attraction_a.pk}),
    Case(
        "attraction:funds", {**PIPELINE_EDITORS, "county_b": HIDDEN}, lambda p: {"pk": p.attraction_a.pk}, method="post"
    ),
    Case("attraction:import", PIPELINE_EDITORS),
    Case("attraction:import_template", PIPELINE_EDITORS),
    Case("attraction:reserve", PIPELINE),
    Case("attraction:reserve_create", PIPELINE_EDITORS),
    Case("attraction:reserve_edit", {**PIPELINE_EDITORS, "county_b": HIDDEN}, lambda p: {"pk": p.reserve_a.pk}),
    Case(
        "attraction:reserve_action",
        {**PIPELINE_EDITORS, "county_b": HIDDEN},
        lambda p: {"pk": p.reserve_a.pk, "action": "exit"},
        method="post",
    ),
    Case("attraction:elements", EVERYONE),
    Case("attraction:element_create", only("city", "county_a", "county_b", "dept")),
    Case(
        "attraction:element_edit", only("city", "county_a", "dept", county_b=HIDDEN), lambda p: {"pk": p.element_a.pk}
    ),
    Case("attraction:financing_publish", CITY_ONLY, method="post"),
    Case("attraction:financing", EVERYONE, lambda p: {"pk": p.financing.pk}),
    Case("api:attraction-list", EVERYONE_API),
    Case(
        "api:attraction-detail",
        only("city", "county_a", "leader", "invest", others=HIDDEN, anonymous=DENIED),
        lambda p: {"pk": p.attraction_a.pk},
    ),
    Case("api:reserve-list", EVERYONE_API),
    Case(
        "api:reserve-detail",
        only("city", "county_a", "leader", "invest", others=HIDDEN, anonymous=DENIED),
        lambda p: {"pk": p.reserve_a.pk},
    ),
    Case("api:element-list", EVERYONE_API),
    Case("api:element-detail", {**SEES_A, "anonymous": DENIED}, lambda p: {"pk": p.element_a.pk}),
    # Cockpit (issue 8, first part)
    Case("dashboard:cockpit", EVERYONE),
    Case("dashboard:mine", EVERYONE),
    Case("dashboard:map", EVERYONE),
    Case("dashboard:battle", EVERYONE),
    # Assessment (issue 9): everyone but the investment bureau reads published results; a sheet is its body's
    Case("assessment:index", ASSESSED),
    Case("assessment:scheme_create", CITY_ONLY),
    Case("assessment:scheme", ASSESSED, scheme_a),
    Case("assessment:scheme_edit", CITY_ONLY, scheme_a),
    Case("assessment:scheme_version", CITY_ONLY, scheme_a, method="post"),
    Case("assessment:scheme_delete", CITY_ONLY, scheme_a, method="post"),  # frozen: refused with a message
    Case("assessment:compute", CITY_ONLY, method="post"),
    Case("assessment:result", ASSESSED, lambda p: {"pk": p.assessment_a.pk}),
    Case("assessment:result", DRAFT, lambda p: {"pk": p.assessment_draft.pk}),
    Case("assessment:result_publish", CITY_ONLY, lambda p: {"pk": p.assessment_draft.pk}, method="post"),
    Case("assessment:result_report", CITY_ONLY, lambda p: {"pk": p.assessment_a.pk, "fmt": "docx"}),
    Case("assessment:score", SHEET_OF_A, lambda p: {"pk": p.score_a.pk}),
    Case("assessment:score", SHEET_OF_DEPT, lambda p: {"pk": p.score_dept.pk}),
    Case("assessment:score_notice", SHEET_OF_A, lambda p: {"pk": p.score_a.pk}),
    Case("assessment:adjustments", ASSESSED),
    Case("assessment:adjustments", CITY_ONLY, method="post"),
    Case("assessment:adjustment_delete", CITY_ONLY, lambda p: {"pk": p.adjustment_a.pk}, method="post"),
    Case("api:assessment-scheme-list", {**ASSESSED, "anonymous": DENIED}),
    Case("api:assessment-scheme-detail", {**ASSESSED, "anonymous": DENIED}, scheme_a),
    Case("api:assessment-list", {**ASSESSED, "anonymous": DENIED}),
    Case("api:assessment-detail", {**DRAFT, "anonymous": DENIED}, lambda p: {"pk": p.assessment_draft.pk}),
    Case("api:assessment-score-list", {**ASSESSED, "anonymous": DENIED}),
    Case("api:assessment-score-detail", {**SHEET_OF_A, "anonymous": DENIED}, lambda p: {"pk": p.score_a.pk}),
    # Change log
    Case("core:changelog", CITY_ONLY),
    Case(
        "core:history",
        only("city", "county_a", "leader", "invest", others=HIDDEN),
        lambda p: {"model": "accounts.region", "pk": p.county_a_region.code},
    ),
    Case("core:history", WORK_OF_A, lambda p: {"model": "reports.report", "pk": p.report_a.pk}),
    # API
    Case("api:api-root", EVERYONE_API),
    Case("api_schema", EVERYONE_API),
    Case("api_docs", EVERYONE),  # a page for browsers: no login, to the login page
    Case("api:region-list", EVERYONE_API),
    Case(
        "api:region-detail",
        only("city", "county_a", "leader", "invest", others=HIDDEN, anonymous=DENIED),
        county_a_code,
    ),
    Case("api:department-list", EVERYONE_API),
    Case("api:department-detail", EVERYONE_API, lambda p: {"pk": p.dept.department_id}),
    Case("api:user-list", CITY_ONLY_API),
    Case("api:user-detail", CITY_ONLY_API, lambda p: {"pk": p.owner_x.pk}),
    Case("api:user-me", EVERYONE_API),
]
