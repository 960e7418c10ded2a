"""The figures the coordination selectors compute are on the pages: procedure times per department and per
project's whole chain, problems per department and per category (DOMAIN.md §10)."""

import datetime
import re

from keyprojects.coordination.models import Problem, Procedure
from keyprojects.testing.factories import DepartmentFactory

D = datetime.date


def table_after(html: str, heading: str) -> list[list[str]]:
    """The body rows of the first table after `heading`, each as its cells' text."""
    table = html[html.index(heading) :]
    body = table[table.index("<tbody>") : table.index("</tbody>")]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in rows]
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in row] for row in cells]


def _procedures(people):
    """项目A: 核准备案 and 环评 at department D, 用地预审 at the 发改委, 工程规划 not needed; all done in March 2026
    (no holiday in it): 3-2→3-13 is 9 working days, 3-16→3-20 and 3-23→3-27 are 4 each."""
    other = DepartmentFactory(name="测试发展和改革委员会", sort_order=99)
    Procedure.objects.filter(pk=people.procedure_a.pk).update(
        status="done", applied_on=D(2026, 3, 23), approved_on=D(2026, 3, 27)
    )
    project = people.project_a
    Procedure.objects.create(
        project=project, kind="filing", status="done", department=people.dept.department,
        applied_on=D(2026, 3, 2), approved_on=D(2026, 3, 13),
    )  # fmt: skip
    Procedure.objects.create(
        project=project, kind="site", status="done", department=other, applied_on=D(2026, 3, 16),
        approved_on=D(2026, 3, 20),
    )  # fmt: skip
    Procedure.objects.create(project=project, kind="works_planning", status="na", department=other)
    return other


def test_the_ledger_shows_each_departments_average_time_and_the_projects_whole_chain(people, client_for):
    _procedures(people)
    html = client_for("city").get("/coordination/procedures/").content.decode()
    departments = table_after(html, "各部门办理用时")
    assert departments == [
        ["测试自然资源和规划局", "2", "2", "0", "6.5"],
        ["测试发展和改革委员会", "1", "1", "0", "4.0"],
    ]
    chains = html[html.index("项目全链条审批用时") :]
    assert re.search(rf"{people.project_a.name}</span><span>19 个工作日</span>", chains)


def test_a_chain_still_in_progress_is_marked_and_a_department_sees_only_its_own_times(people, client_for):
    _procedures(people)
    Procedure.objects.create(
        project=people.project_a, kind="construction", status="in_progress", department=people.dept.department,
        applied_on=D(2026, 3, 30),
    )  # fmt: skip
    html = client_for("dept").get("/coordination/procedures/").content.decode()
    departments = table_after(html, "各部门办理用时")
    assert [row[:4] for row in departments] == [["测试自然资源和规划局", "3", "2", departments[0][3]]]
    assert departments[0][4] == "6.5"  # the one still in progress is not averaged
    assert "个工作日（办理中）" in html[html.index("项目全链条审批用时") :]
    assert "测试发展和改革委员会" not in html


def _problems(people):
    land = {"project": people.project_a, "category": "land", "lead_department": people.dept.department}
    closed = {**land, "status": "closed", "accepted_on": D(2026, 3, 2), "deadline": D(2026, 3, 16)}
    Problem.objects.create(description="按期办结", replied_on=D(2026, 3, 13), **closed)  # 9 working days
    Problem.objects.create(description="超期办结", replied_on=D(2026, 3, 20), **closed)  # 14 working days
    funds = {**land, "category": "funds", "accepted_on": D(2026, 1, 5), "deadline": D(2026, 1, 19)}
    Problem.objects.create(description="资金逾期", status="in_progress", **funds)
    Problem.objects.create(description="资金已答复", status="replied", replied_on=D(2026, 1, 9), **funds)  # 4 days


def test_the_problem_list_shows_problems_by_category(people, client_for):
    _problems(people)
    html = client_for("city").get("/coordination/problems/").content.decode()
    assert table_after(html, "按问题类别") == [
        ["用地", "3", "2", "1", "0", "11.5"],
        ["资金", "2", "0", "0", "1", "4.0"],
    ]


def test_the_problem_list_shows_each_lead_departments_figures(people, client_for):
    _problems(people)
    html = client_for("dept").get("/coordination/problems/").content.decode()
    assert table_after(html, "各部门办理情况") == [["测试自然资源和规划局", "5", "2", "1", "1", "9.0"]]
