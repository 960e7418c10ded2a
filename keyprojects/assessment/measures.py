"""What each indicator measures, for every body of a kind at once: counts grouped in the database
(never a loop over reports), the records that cost points listed for the drill-down.

A `Measured` is the raw material of a score line: a share achieved (0…1, None when nothing was due)
for the rate measures, a count of records for the deductions, a sum for the adjustments.
"""

import functools
from dataclasses import dataclass, field
from fractions import Fraction
from urllib.parse import urlencode

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone

from keyprojects.accounts.models import Department, Enterprise, Region
from keyprojects.analytics.grouped import grouped, ranked_ancestors
from keyprojects.analytics.indicators import listed
from keyprojects.analytics.lists import KINDS
from keyprojects.analytics.models import WarningLetter
from keyprojects.analytics.ranking import INDICATORS, ranking, weights_for
from keyprojects.assessment.choices import Subject
from keyprojects.assessment.models import Adjustment
from keyprojects.assessment.windows import Window
from keyprojects.coordination import workdays
from keyprojects.coordination.choices import ProblemStatus, ProcedureKind, ProcedureStatus
from keyprojects.coordination.models import Problem, Procedure
from keyprojects.core.numbers import format_rate
from keyprojects.projects.choices import Category
from keyprojects.reports.models import Period, Report
from keyprojects.reports.selectors import deadline_end

# The project field that says which body a project counts for.
PROJECT_BODY = {Subject.REGION: "region_id", Subject.UNIT: "owner_id"}
PROCEDURE_KINDS = dict(ProcedureKind.choices)
PLACEHOLDER = 987654321  # an id no URL contains otherwise


@dataclass
class Measured:
    value: str
    basis: str
    share: Fraction | None = None  # rate measures
    count: int = 0  # deductions
    amount: object = None  # adjustments: Decimal sum
    records: list = field(default_factory=list)

    @property
    def had_work(self) -> bool:
        """Something was due, counted against or recorded for the body."""
        return self.share is not None or self.count > 0 or bool(self.amount)


def record(text: str, url: str = "") -> dict:
    return {"text": text, "url": url}


@functools.cache
def _url_pattern(name: str) -> str:
    return reverse(name, args=[PLACEHOLDER])


def url_of(name: str, pk: int) -> str:
    """The object's page, without resolving the URL again for each of tens of thousands of records."""
    return _url_pattern(name).replace(str(PLACEHOLDER), str(pk))


def project_record(project_id: int, code: str, name: str, note: str = "") -> dict:
    return record(f"{code} {name}{('：' + note) if note else ''}", url_of("projects:detail", project_id))


def ratio(done: int, due: int) -> Fraction | None:
    return Fraction(done, due) if due else None


def rated(bodies: dict, done: dict, due: dict, records: dict, basis: str) -> dict:
    """A share measure for every body: `basis` is formatted with the body's {done} and {due}."""
    return {
        pk: Measured(
            value=f"{done.get(pk, 0)}/{due.get(pk, 0)}",
            basis=basis.format(done=done.get(pk, 0), due=due.get(pk, 0)),
            share=ratio(done.get(pk, 0), due.get(pk, 0)),
            records=records.get(pk, []),
        )
        for pk in bodies
    }


def counted(bodies: dict, found: dict, unit: str, basis: str) -> dict:
    """A deduction for every body: one item per record found."""
    return {
        pk: Measured(
            value=f"{len(found.get(pk, []))} {unit}",
            basis=basis,
            count=len(found.get(pk, [])),
            records=found.get(pk, []),
        )
        for pk in bodies
    }


class Measurer:
    """Measures one kind of body over one window; caches what several measures share."""

    def __init__(self, subject: str, window: Window):
        self.subject, self.window = subject, window
        self.year, self.month, self.end = window.year, window.last_month, window.end
        # What is due "so far": a running period is measured up to today.
        self.as_of = min(self.end, timezone.localdate())
        self.fold = ranked_ancestors().get if subject == Subject.REGION else (lambda value: value)
        self._grouped = None

    # —— the bodies ——

    def bodies(self) -> dict:
        """{body pk: (name, code)} of everyone assessed, in their usual order."""
        if self.subject == Subject.REGION:
            rows = (
                Region.objects.filter(is_ranked=True).order_by("sort_order", "code").values_list("pk", "name", "code")
            )
        elif self.subject == Subject.DEPARTMENT:
            rows = Department.objects.filter(is_active=True).values_list("pk", "name", "short_name")
            rows = [(pk, name, "") for pk, name, _ in rows]
        else:
            owners = listed(None, self.year, self.month).values("project__owner_id")
            rows = Enterprise.objects.filter(pk__in=owners).values_list("pk", "name", "credit_code")
        return {pk: (name, code) for pk, name, code in rows}

    def measure(self, measure: str, bodies: dict) -> dict:
        return getattr(self, f"_{measure}")(bodies)

    # —— investment, starts and completions: the §6 indicators by body ——

    def _by_body(self) -> dict:
        if self._grouped is None:
            key = "region" if self.subject == Subject.REGION else "owner"
            self._grouped = grouped(None, self.year, self.month, key, last_year=False)
        return self._grouped

    def _ranking(self, bodies: dict) -> dict:
        weights = weights_for(self.year)
        rows = {row["region_code"]: row for row in ranking(self.year, self.month, weights, by_region=self._by_body())}
        full = sum(weights[key] for key in INDICATORS)
        url = reverse("analytics:ranking_region", args=["CODE"])
        result = {}
        for pk, (name, code) in bodies.items():
            row = rows[code]
            result[pk] = Measured(
                value=f"{row['score']}（第{row['rank']}名）",
                basis=f"{self.year}年1—{self.month}月排名综合得分 {row['score']} ÷ 满分 {full}",
                share=Fraction(row["score"]) / full if full else None,
                records=[
                    record(
                        f"{self.year}年1—{self.month}月{name}排名计算过程",
                        url.replace("CODE", code) + f"?period={self.year}-{self.month:02d}",
                    )
                ],
            )
        return result

    def _investment(self, bodies: dict) -> dict:
        figures = self._by_body()
        result = {}
        for pk, (name, code) in bodies.items():
            f = figures.get(pk, {})
            plan, done = f.get("annual_plan") or 0, f.get("ytd_completed") or 0
            share = min(Fraction(done) * 12 / (Fraction(plan) * self.month), 1) if plan else None
            result[pk] = Measured(
                value=f"{format_rate(f.get('completion_rate'))}（序时 {format_rate(f.get('time_schedule_rate'))}）",
                basis="完成率 ÷ 序时进度，最高按 100% 计",
                share=share,
                records=[record(f"{name}{self.year}年1—{self.month}月统计", self._stats_url(code, name))],
            )
        return result

    def _stats_url(self, code: str, name: str) -> str:
        period = f"{self.year}-{self.month:02d}"
        if self.subject == Subject.REGION:
            return f"{reverse('analytics:stats')}?period={period}&region={code}"
        return f"{reverse('projects:list')}?{urlencode({'q': name})}"

    def _rate_of_list(self, bodies: dict, planned_key: str, done_key: str, missing: Q, words: str) -> dict:
        """A rate of the list (§6) with the planned projects that have not done it yet as its records."""
        figures = self._by_body()
        failing = self._projects_where(missing)
        result = {}
        for pk in bodies:
            f = figures.get(pk, {})
            planned, done = f.get(planned_key) or 0, f.get(done_key) or 0
            rate_key = "start_rate" if planned_key == "new_start_planned" else "completion_done_rate"
            result[pk] = Measured(
                value=f"{done}/{planned}（{format_rate(f.get(rate_key))}）",
                basis=f"{words} {done} 个 ÷ 计划 {planned} 个",
                share=ratio(done, planned),
                records=failing.get(pk, []),
            )
        return result

    def _new_start(self, bodies: dict) -> dict:
        not_started = Q(project__actual_start__isnull=True) | Q(project__actual_start__gt=self.end)
        missing = Q(category=Category.NEW_START) & not_started
        return self._rate_of_list(bodies, "new_start_planned", "new_start_started", missing, "已开工")

    def _completion(self, bodies: dict) -> dict:
        not_done = Q(project__actual_completion__isnull=True) | Q(project__actual_completion__gt=self.end)
        missing = Q(project__planned_completion__year=self.year) & not_done
        return self._rate_of_list(bodies, "completion_planned", "completion_done", missing, "已竣工")

    def _projects_where(self, condition: Q) -> dict:
        """{body: [project records]} of the listed projects meeting `condition` at the window's end."""
        field_name = f"project__{PROJECT_BODY[self.subject]}"
        rows = (
            listed(None, self.year, self.month)
            .filter(condition)
            .order_by("project__code")
            .values_list(field_name, "project_id", "project__code", "project__name")
        )
        found: dict = {}
        for body, project_id, code, name in rows:
            found.setdefault(self.fold(body), []).append(project_record(project_id, code, name))
        return found

    def _not_started(self, bodies: dict) -> dict:
        failing = self._projects_where(KINDS["not_started"][1](self.year, self.end))
        return counted(bodies, failing, "个", "计划开工日期已到仍未开工的项目")

    # —— monthly reports (DOMAIN.md §5) ——

    def _timeliness(self, bodies: dict) -> dict:
        """On time = first submitted before the end of the owners' deadline day; every month of the window
        whose deadline has passed counts (a month's reports are due early in the next month, so the month's
        assessment, made after that, includes them); a missing report counts as late. Per month: the
        expected and the on-time counts by body, then the few projects that missed it."""
        field_name = f"project__{PROJECT_BODY[self.subject]}"
        expected, on_time, late = {}, {}, {}
        for period in Period.objects.filter(year=self.year, month__in=list(self.window.months)):
            if period.owner_deadline >= timezone.localdate():
                continue  # not yet due
            entries = listed(None, period.year, period.month).order_by()
            page = record(f"{period.month}月全部应报项目的报送情况", reverse("reports:timeliness", args=[period.code]))
            for body in bodies:
                late.setdefault(body, []).append(page)
            timely = Report.objects.filter(period=period, submitted_at__lt=deadline_end(period)).values("project_id")
            for body, n in entries.values_list(field_name).annotate(n=Count("id")):
                expected[self.fold(body)] = expected.get(self.fold(body), 0) + n
            for body, n in entries.filter(project_id__in=timely).values_list(field_name).annotate(n=Count("id")):
                on_time[self.fold(body)] = on_time.get(self.fold(body), 0) + n
            missed = list(
                entries.exclude(project_id__in=timely)
                .order_by("project__code")
                .values_list(field_name, "project_id", "project__code", "project__name")
            )
            submitted = set(
                Report.objects.filter(
                    period=period, project_id__in=[row[1] for row in missed], submitted_at__isnull=False
                ).values_list("project_id", flat=True)
            )
            for body, project_id, code, name in missed:
                note = f"{period.month}月{'迟报' if project_id in submitted else '未报'}"
                late.setdefault(self.fold(body), []).append(project_record(project_id, code, name, note))
        return rated(bodies, on_time, expected, late, "按时报送 {done} 份 ÷ 应报 {due} 份")

    # —— problems, procedures, letters (DOMAIN.md §9, §10) ——

    def _problem_body(self) -> str:
        if self.subject == Subject.DEPARTMENT:
            return "lead_department_id"
        return f"project__{PROJECT_BODY[self.subject]}"

    def _problems(self, bodies: dict) -> dict:
        """Problems whose deadline fell in the window (up to today); on time = answered by the deadline."""
        due = Problem.objects.filter(deadline__gte=self.window.start, deadline__lte=self.as_of).exclude(
            status=ProblemStatus.RETURNED
        )
        key = self._problem_body()
        counts, on_time = {}, {}
        for body, n, timely in (
            due.order_by()
            .values_list(key)
            .annotate(n=Count("id"), timely=Count("id", filter=Q(replied_on__lte=F("deadline"))))
        ):
            body = self.fold(body)
            counts[body] = counts.get(body, 0) + n
            on_time[body] = on_time.get(body, 0) + timely
        every = self._problem_records(due)
        return rated(bodies, on_time, counts, every, "按期办结 {done} 件 ÷ 期限在本期的 {due} 件")

    def _problem_records(self, problems, note: str = "") -> dict:
        """Each problem as a record; without `note`, its outcome (answered by the deadline or late)."""
        found: dict = {}
        rows = problems.order_by("deadline", "pk").values_list(
            self._problem_body(), "pk", "project__name", "description", "deadline", "replied_on"
        )
        for body, pk, project, description, deadline, replied_on in rows:
            outcome = note or ("按期办结" if replied_on and replied_on <= deadline else "逾期")
            text = f"{project}：{description[:40]}（期限 {deadline:%Y-%m-%d}，{outcome}）"
            found.setdefault(self.fold(body), []).append(record(text, url_of("coordination:problem", pk)))
        return found

    def _problem_overdue(self, bodies: dict) -> dict:
        """Problems past their deadline and still not answered at the end of the window (or today)."""
        overdue = (
            Problem.objects.filter(deadline__lt=self.as_of)
            .exclude(status=ProblemStatus.RETURNED)
            .filter(Q(replied_on__isnull=True) | Q(replied_on__gt=self.as_of))
        )
        found = self._problem_records(overdue, "未办结")
        return counted(bodies, found, "件", "超过办结期限仍未办结的问题")

    def _procedures(self, bodies: dict) -> dict:
        """Procedures approved in the window, on time when within their limit in working days, and those still
        running past their limit at its end (late); each one is listed. Working days are counted on one
        loaded calendar."""
        key = "department_id" if self.subject == Subject.DEPARTMENT else "project__region_id"
        rows = list(
            Procedure.objects.filter(applied_on__isnull=False, applied_on__lte=self.as_of)
            .filter(
                Q(approved_on__gte=self.window.start, approved_on__lte=self.as_of)
                | Q(status=ProcedureStatus.IN_PROGRESS, approved_on__isnull=True)
            )
            .order_by("applied_on", "pk")
            .values_list(key, "pk", "project__name", "kind", "applied_on", "approved_on", "limit_days")
        )
        calendar = workdays.WorkCalendar.covering((row[4], row[5] or self.as_of) for row in rows)
        due, on_time, listed_by_body = {}, {}, {}
        for body, pk, project, kind, applied, approved, limit in rows:
            body = self.fold(body)
            elapsed = calendar.working_days_between(applied, approved or self.as_of)
            if approved is None and elapsed <= limit:
                continue  # still within its limit: not yet due
            due[body] = due.get(body, 0) + 1
            timely = approved is not None and elapsed <= limit
            on_time[body] = on_time.get(body, 0) + timely
            outcome = "按时" if timely else "超时" if approved else "超时未办结"
            text = f"{project}：{PROCEDURE_KINDS.get(kind, kind)}（用时 {elapsed} 个工作日，时限 {limit}，{outcome}）"
            url = url_of("coordination:procedure_edit", pk)
            listed_by_body.setdefault(body, []).append(record(text, url))
        return rated(bodies, on_time, due, listed_by_body, "时限内办结 {done} 件 ÷ 应办结 {due} 件")

    def _letter_unanswered(self, bodies: dict) -> dict:
        """Warning letters whose reply deadline fell by the window's end without a reply by then."""
        letters = WarningLetter.objects.filter(deadline__lt=self.as_of).filter(
            Q(replied_at__isnull=True) | Q(replied_at__date__gt=F("deadline"))
        )
        found: dict = {}
        for region, number, deadline in letters.order_by("deadline").values_list("region_id", "number", "deadline"):
            text = f"{number}（反馈期限 {deadline:%Y-%m-%d}）"
            found.setdefault(self.fold(region), []).append(record(text, reverse("analytics:letters")))
        return counted(bodies, found, "份", "提示函逾期未反馈")

    def _adjustment(self, bodies: dict) -> dict:
        body_field = {Subject.REGION: "region_id", Subject.DEPARTMENT: "department_id", Subject.UNIT: "enterprise_id"}
        rows = Adjustment.objects.filter(
            subject=self.subject, occurred_on__gte=self.window.start, occurred_on__lte=self.end
        ).values_list(body_field[self.subject], "points", "reason", "occurred_on")
        found: dict = {}
        for body, points, reason, day in rows:
            found.setdefault(body, []).append(
                (points, record(f"{day:%Y-%m-%d} {points:+}分：{reason}", reverse("assessment:adjustments")))
            )
        result = {}
        for pk in bodies:
            items = found.get(pk, [])
            amount = sum((points for points, _ in items), 0)
            result[pk] = Measured(
                value=f"{amount:+}" if items else "0",
                basis=f"登记的加减分 {len(items)} 项",
                amount=amount,
                records=[r for _, r in items],
            )
        return result
