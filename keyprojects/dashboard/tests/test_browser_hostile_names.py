"""Names that are markup never run (README › 安全). The demo city is loaded and its project, county, leader,
department, enterprise, problem, attraction project, reserve project, task force, meeting and milestone
are renamed to attacks. Then the city, the county, a leader and the owner each walk every page they can reach
by links (one of each kind, plus the pages of the renamed things), with every chart tooltip forced open.
Any dialog, any script the names set off (`window.__xss`), any page error and any Content-Security-Policy
violation fails the test, and the names must be on the screen as the text that was typed."""

from importlib import import_module
from urllib.parse import urlsplit

from django.apps import apps
from django.core.management import call_command
from django.urls import Resolver404, resolve, reverse

from keyprojects.accounts.models import Department, Enterprise, Region, User
from keyprojects.assessment.models import Score
from keyprojects.attraction.models import AttractionProject, ReserveProject
from keyprojects.coordination.models import Meeting, Problem
from keyprojects.projects.models import Leader, Milestone, Project, TaskForce
from keyprojects.testing.browser import BROWSER_TESTS, logged_in, show_every_tooltip
from keyprojects.testing.factories import PASSWORD

pytestmark = BROWSER_TESTS

PROJECT = "<img src=x onerror=alert(1)>项目"
COUNTY = '"><script>alert(2)</script>建安区'
LEADER = "<svg onload=alert(4)>陈立新"
DEPARTMENT = "{{7*7}}<img src=x onerror=window.__xss=1>自然资源局"
ENTERPRISE = "<b onmouseover=alert(5)>三佳</b>汽车零部件"
PROBLEM = "<img src=x onerror=window.__xss=1>用地问题"
ATTRACTION = "javascript:alert(3)//招商项目"
RESERVE = "<iframe src=javascript:alert(6)>储备项目"
TASK_FORCE = "<script>window.__xss=1</script>专班"
MEETING = "<img src=x onerror=alert(7)>调度会"
MILESTONE = "<img src=x onerror=alert(8)>节点"
HOSTILE = [PROJECT, COUNTY, LEADER, DEPARTMENT, ENTERPRISE, PROBLEM, ATTRACTION, RESERVE, TASK_FORCE, MEETING]

ROLES = ("city", "county", "leader", "owner")
# Links not to pages that show names: files, and empty forms for something new.
NOT_PAGES = ("export", "docx", "xlsx", "template", "attachment", "import", "minutes", "create", "new", "_add")
# The city opens every edit form too; the others' edit forms are the same templates, so they read pages only.
FORMS = ("edit", "remove", "password", "rule", "numbering", "milestones")
START = ["/", "/projects/", "/reports/", "/analytics/", "/coordination/problems/", "/attraction/", "/cockpit/"]
START += ["/assessment/"]


def hostile_city() -> list[str]:
    """The demo city with its names turned into attacks; the pages of the renamed things."""
    # The default taxonomy comes from a data migration, which an earlier test's flush may have emptied.
    import_module("keyprojects.projects.migrations.0002_default_taxonomy").install(apps, None)
    call_command("demo")
    for user in User.objects.filter(username__in=ROLES):
        user.set_password(PASSWORD)
        user.save()
    owner, county, leader = (User.objects.get(username=name) for name in ("owner", "county", "leader"))
    project = Project.objects.filter(owner=owner.enterprise, region=county.region).order_by("pk").first()
    Project.objects.filter(pk=project.pk).update(name=PROJECT)
    Region.objects.filter(pk=county.region_id).update(name=COUNTY)
    Score.objects.filter(body_code=county.region.code).update(body_name=COUNTY)
    User.objects.filter(pk=leader.pk).update(name=LEADER)
    Leader.objects.filter(user=leader).update(name=LEADER)
    problem = Problem.objects.filter(project__region=county.region).first()
    Problem.objects.filter(pk=problem.pk).update(description=PROBLEM)
    Department.objects.filter(pk=problem.lead_department_id).update(name=DEPARTMENT)
    Enterprise.objects.filter(pk=owner.enterprise_id).update(name=ENTERPRISE)
    attraction = AttractionProject.objects.filter(region=county.region).first()
    AttractionProject.objects.filter(pk=attraction.pk).update(name=ATTRACTION)
    reserve = ReserveProject.objects.filter(region=county.region).first()
    ReserveProject.objects.filter(pk=reserve.pk).update(name=RESERVE)
    task_force = TaskForce.objects.first()
    TaskForce.objects.filter(pk=task_force.pk).update(name=TASK_FORCE)
    Meeting.objects.filter(pk=Meeting.objects.first().pk).update(title=MEETING)
    Milestone.objects.filter(entry__project=project).update(name=MILESTONE)
    return [
        reverse("projects:detail", args=[project.pk]),
        reverse("coordination:problem", args=[problem.pk]),
        reverse("attraction:edit", args=[attraction.pk]),
        reverse("accounts:region_detail", args=[county.region.code]),
        reverse("projects:leader_detail", args=[Leader.objects.get(user=leader).pk]),
        reverse("projects:task_force_detail", args=[task_force.pk]),
    ]


def page_kind(href: str, *, forms: bool = True) -> str | None:
    """The URL name of a link on our own site that leads to a page showing names (and a form, if `forms`)."""
    path = urlsplit(href).path
    is_file = "." in path.rsplit("/", 1)[-1] or "format=" in href
    if not href.startswith("/") or href.startswith("//") or is_file or path.startswith("/api/"):
        return None
    try:
        name = resolve(path).view_name
    except Resolver404:
        return None
    skipped = NOT_PAGES if forms else NOT_PAGES + FORMS
    return None if any(word in name for word in skipped) else name


class Walk:
    """One person opening pages: what each showed (page text and tooltips) and what went wrong."""

    def __init__(self, session, *, forms: bool):
        self.session, self.page, self.forms, self.shown, self.failures = session, session.page, forms, {}, []
        self.page.on("dialog", self.refuse_dialog)
        self.page.on("console", self.note_console)

    def refuse_dialog(self, dialog) -> None:
        self.failures.append(f"{self.page.url}: 弹出对话框 {dialog.message!r}")
        dialog.dismiss()

    def note_console(self, message) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.failures.append(f"{self.page.url}: {message.text}")

    def open(self, path: str) -> list[str]:
        """Open `path`, every tooltip too; the links it offers."""
        self.page.goto(f"{self.session.base}{path}", wait_until="domcontentloaded")
        kind = page_kind(path)
        tooltips = show_every_tooltip(self.page)
        self.page.wait_for_timeout(50)  # a broken image's onerror would run now
        if self.page.evaluate("window.__xss"):
            self.failures.append(f"{path}: 名称中的脚本运行了")
        self.shown[kind] = self.shown.get(kind, "") + self.page.inner_text("body") + tooltips
        return self.page.eval_on_selector_all("a[href]", "links => links.map((a) => a.getAttribute('href'))")

    def everywhere(self, seeds: list[str]) -> None:
        """The seeds, then one page of each kind reachable by links from them."""
        queue, kinds = [], set()
        for path in seeds:
            kinds.add(page_kind(path))
            queue += self.open(path)
        while queue:
            path = queue.pop(0)
            kind = page_kind(path, forms=self.forms)
            if kind is not None and kind not in kinds:
                kinds.add(kind)
                queue += self.open(path)

    def showed(self, kind: str, name: str) -> bool:
        return name in self.shown.get(kind, "")


def test_hostile_names_show_as_text_and_never_run_for_any_role(live_server, browser):
    pages = hostile_city()
    walks = {}
    for role in ROLES:
        with logged_in(browser, live_server, role, journey=f"hostile_{role}") as session:
            walk = Walk(session, forms=role == "city")
            walk.everywhere(pages + START)
            walks[role] = walk
        assert not walk.failures, walk.failures

    city, county, leader, owner = (walks[role] for role in ROLES)
    everything = "\n".join(city.shown.values())
    assert [name for name in HOSTILE if name not in everything] == []
    assert "49" + DEPARTMENT[len("{{7*7}}") :] not in everything  # no template ran the name either
    for walk in (city, county, leader):
        assert walk.showed("dashboard:map", PROJECT)  # in the tooltip of the project's point
        assert walk.showed("dashboard:map", COUNTY)
        assert walk.showed("projects:detail", PROJECT) and walk.showed("projects:detail", COUNTY)
        assert walk.showed("coordination:problem", PROBLEM)
        assert walk.showed("coordination:problem", DEPARTMENT)
    assert city.showed("dashboard:cockpit", COUNTY)  # the bar of the county's completion rate
    assert owner.showed("projects:detail", PROJECT) and owner.showed("projects:detail", ENTERPRISE)
    assert leader.showed("projects:leader_detail", LEADER)
    assert county.showed("attraction:edit", ATTRACTION)
