"""Loading a month's reports from Excel (INTERFACES.md › Reports). All or nothing; a city
administrator's import is recorded as confirmed (DOMAIN.md §5). Loading the same file twice
changes nothing."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from keyprojects.accounts.scope import account_of
from keyprojects.core.changelog import log_create, log_update, snapshot
from keyprojects.core.excel.columns import Column
from keyprojects.core.excel.constraints import field_errors, fields_for
from keyprojects.core.excel.errors import CellError, ExcelRefused, ImportRefused, parse_row
from keyprojects.core.excel.reader import read_table
from keyprojects.projects.models import Project
from keyprojects.reports import selectors, services
from keyprojects.reports.choices import ReportStatus
from keyprojects.reports.models import Confirmation, Report, report_date_errors

COLUMNS = [
    Column("code", "项目代码", example="2025-411003-36-03-000101"),
    Column("name", "项目名称", aliases=("项目",), help="没有项目代码时与所属区划一起用来找项目"),
    Column("region", "所属区划", aliases=("县（市、区）", "区划"), help="区划名称或6位代码"),
    Column(
        "amount", "当月完成投资", required=True, kind="amount", aliases=("本月完成投资", "当月投资"), example="1250.5"
    ),
    Column("progress", "形象进度", example="主体结构施工至三层"),
    Column("actual_start", "实际开工日期", kind="date"),
    Column("actual_completion", "实际竣工日期", kind="date"),
    Column("over_total_reason", "超总投资说明"),
]
INSTRUCTIONS = [
    "每行一个项目的当月月报；按项目代码找项目，没有项目代码的按“项目名称＋所属区划”找。",
    "市级管理员导入的月报记为已确认；同一文件导入两次不会重复。",
    "开工累计完成投资超过总投资的，须在“超总投资说明”中写明原因。",
    "任何一行有错，整个文件都不导入，并列出每一处错误。",
]
FIELDS = ["amount", "progress", "actual_start", "actual_completion", "over_total_reason"]
MODEL_FIELDS = fields_for(Report, COLUMNS)
LABELS = {column.key: column.label for column in COLUMNS}


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0

    def summary(self, period) -> str:
        unchanged = self.rows - self.created - self.updated
        return (
            f"{period}月报导入完成：共 {self.rows} 行，新增 {self.created} 份，更新 {self.updated} 份，"
            f"未变 {unchanged} 份，均已确认。"
        )


def _find_projects(rows, user) -> tuple[dict, dict]:
    visible = Project.objects.visible_to(user).select_related("region")
    codes = [values["code"] for _, values in rows if values.get("code")]
    names = [values["name"] for _, values in rows if values.get("name") and not values.get("code")]
    by_code = {p.code: p for p in visible.filter(code__in=codes)} if codes else {}
    by_name = {}
    if names:
        for project in visible.filter(name__in=names):
            by_name[(project.name, project.region.name)] = project
            by_name[(project.name, project.region.code)] = project
    return by_code, by_name


def parse_file(source, period, user):
    table = read_table(source, COLUMNS)
    parsed, errors = [], []
    for row in table.rows:
        values, row_errors = parse_row(row, COLUMNS)
        errors += row_errors + field_errors(row.number, values, MODEL_FIELDS, LABELS)
        parsed.append((row.number, values))
    by_code, by_name = _find_projects(parsed, user)
    rows, seen = [], {}
    for number, values in parsed:
        project = (
            by_code.get(values.get("code"))
            if values.get("code")
            else by_name.get((values.get("name"), values.get("region")))
        )
        if project is None:
            label, value = ("项目代码", values.get("code")) if values.get("code") else ("项目名称", values.get("name"))
            errors.append(CellError(number, label, value or "", "找不到该项目（或不在您的权限范围内）"))
            continue
        if project.pk in seen:
            errors.append(CellError(number, "项目代码", project.code, f"与第{seen[project.pk]}行是同一个项目"))
        seen[project.pk] = number
        if values.get("amount") is not None and values["amount"] < 0:
            errors.append(CellError(number, "当月完成投资", str(values["amount"]), "不能为负数"))
        dates = report_date_errors(period, values.get("actual_start"), values.get("actual_completion"))
        for name, reason in dates.items():
            errors.append(CellError(number, LABELS[name], f"{values[name]:%Y-%m-%d}", reason))
        rows.append((number, project, values))
    for number, project, values in rows:
        if values.get("amount") is None or values["amount"] < 0:
            continue
        since_start = selectors.project_totals(project, period).since_start + values["amount"]
        since_start -= _current_confirmed(project, period)
        if since_start > project.total_investment and not values.get("over_total_reason"):
            errors.append(
                CellError(
                    number,
                    "当月完成投资",
                    str(values["amount"]),
                    f"开工累计将达 {since_start:,.2f} 万元，超过总投资，须填写超总投资说明",
                )
            )
    return rows, errors, table.header_row


def _current_confirmed(project, period) -> Decimal:
    report = Report.objects.filter(project=project, period=period, status=ReportStatus.CONFIRMED).first()
    return report.amount if report else Decimal("0")


def import_reports(source, *, period_code: str, by) -> tuple[ImportResult, object]:
    from keyprojects.reports.models import parse_period_code

    try:
        year, month = parse_period_code(period_code)
    except ValueError as error:
        raise ExcelRefused(str(error)) from None
    with transaction.atomic():
        period = services.period_get_or_create(year=year, month=month, by=by)
        if period.is_locked:
            raise ExcelRefused(f"{period}已锁定，不能导入；如需更正请先解锁。")
        rows, errors, header_row = parse_file(source, period, by)
        if errors:
            raise ImportRefused(errors, header_row=header_row)
        result = ImportResult(rows=len(rows))
        existing = {r.project_id: r for r in Report.objects.filter(period=period, project__in=[p for _, p, _ in rows])}
        now = timezone.now()
        for _, project, values in rows:
            fields = {name: values.get(name) if values.get(name) is not None else "" for name in FIELDS}
            for name in ("actual_start", "actual_completion"):
                fields[name] = values.get(name)
            report = existing.get(project.pk)
            if report is None:
                report = Report(
                    project=project,
                    period=period,
                    status=ReportStatus.CONFIRMED,
                    submitted_at=now,
                    submitted_by=account_of(by),
                    confirmed_at=now,
                    **fields,
                )
                report.full_clean()
                report.save()
                log_create(by=by, obj=report, reason="市级批量导入")
                result.created += 1
            elif report.status != ReportStatus.CONFIRMED or any(getattr(report, k) != v for k, v in fields.items()):
                before = snapshot(report)
                for name, value in fields.items():
                    setattr(report, name, value)
                report.status, report.confirmed_at = ReportStatus.CONFIRMED, now
                report.submitted_at = report.submitted_at or now
                report.full_clean()
                report.save()
                log_update(by=by, obj=report, before=before, reason="市级批量导入")
                result.updated += 1
            else:
                continue
            Confirmation.objects.create(
                report=report, amount=report.amount, confirmed_at=now, confirmed_by=account_of(by)
            )
            services.apply_dates(by, report)
        return result, period
