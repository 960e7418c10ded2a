"""Loading attraction projects from Excel (INTERFACES.md › Attraction). All or nothing; rows are matched
by 项目名称 + 所属区划, so loading the same file twice changes nothing."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from keyprojects.accounts.models import Region
from keyprojects.attraction import services
from keyprojects.attraction.choices import Mode, Stage, stages_reached
from keyprojects.attraction.models import AttractionProject, FundsInPlace
from keyprojects.core.excel.columns import Column
from keyprojects.core.excel.constraints import field_errors, fields_for
from keyprojects.core.excel.errors import CellError, ImportRefused, parse_row
from keyprojects.core.excel.reader import read_table

COLUMNS = [
    Column("name", "项目名称", required=True, example="许昌远航智能装备制造项目"),
    Column("region", "所属区划", required=True, example="建安区"),
    Column("stage", "阶段", required=True, help="在谈、签约、履约、开工或投产", example="签约"),
    Column("amount", "签约投资额", required=True, kind="amount", aliases=("签约金额", "合同投资额"), example="150000"),
    Column("investor", "投资方", example="深圳远航科技有限公司"),
    Column("industry", "所属行业", example="装备制造"),
    Column("mode", "招商方式", example="以商招商"),
    Column("signed_on", "签约日期", kind="date", example="2026-03-18"),
    Column("started_on", "开工日期", kind="date"),
    Column("producing_on", "投产日期", kind="date"),
    Column("funds", "到位资金", kind="amount", help="截至目前累计到位，万元"),
]
LABELS = {column.key: column.label for column in COLUMNS}
FIELDS = fields_for(
    AttractionProject,
    COLUMNS,
    amount=AttractionProject._meta.get_field("contracted_amount"),
    funds=FundsInPlace._meta.get_field("amount"),
)
STAGES = {label: value for value, label in Stage.choices}
MODES = {label: value for value, label in Mode.choices}


# The optional date of each stage in the file: a row past a stage without its date is imported, counted by its
# stage and listed in the notice (INTERFACES.md › Attraction).
STAGE_DATE_COLUMNS = [(Stage.SIGNED, "signed_on", "签约日期"), (Stage.STARTED, "started_on", "开工日期"),
                      (Stage.PRODUCING, "producing_on", "投产日期")]  # fmt: skip


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    notices: list[str] = field(default_factory=list)

    def notice(self) -> str:
        """The rows imported without the date of a stage they reached, or "" when there are none."""
        if not self.notices:
            return ""
        return f"以下 {len(self.notices)} 行缺少阶段日期，已导入并按阶段计数，请补填：" + "；".join(self.notices) + "。"

    def summary(self) -> str:
        return (
            f"招商项目导入完成：共 {self.rows} 行，新增 {self.created} 个，更新 {self.updated} 个，"
            f"未变 {self.rows - self.created - self.updated} 个。"
        )


def _check(values: dict, number: int, regions: dict) -> list[CellError]:
    errors = []
    region = regions.get(values.get("region"))
    if values.get("region") and region is None:
        errors.append(CellError(number, "所属区划", values["region"], "不是本市（或您权限范围内）的区划"))
    values["region"] = region
    if values.get("stage") and values["stage"] not in STAGES:
        errors.append(CellError(number, "阶段", values["stage"], "应为在谈、签约、履约、开工或投产"))
    values["stage"] = STAGES.get(values.get("stage"))
    if values.get("mode") and values["mode"] not in MODES:
        errors.append(CellError(number, "招商方式", values["mode"], f"应为{'、'.join(MODES)}之一"))
    values["mode"] = MODES.get(values.get("mode"), "")
    for key, label in (("amount", "签约投资额"), ("funds", "到位资金")):
        if values.get(key) is not None and values[key] < 0:
            errors.append(CellError(number, label, str(values[key]), "不能为负数"))
    return errors


def _missing_dates(values: dict, number: int) -> str:
    """第3行“某项目”：阶段为开工，未填开工日期 — or "" when every stage it reached has its date."""
    reached = stages_reached(values["stage"])
    missing = [label for stage, key, label in STAGE_DATE_COLUMNS if stage in reached and not values.get(key)]
    if not missing:
        return ""
    return f"第{number}行“{values['name']}”（{Stage(values['stage']).label}）未填{'、'.join(missing)}"


def import_attraction(source, *, by) -> ImportResult:
    table = read_table(source, COLUMNS)
    regions = {r.name: r for r in Region.objects.visible_to(by)} | {r.code: r for r in Region.objects.visible_to(by)}
    rows, errors, seen = [], [], {}
    for row in table.rows:
        values, row_errors = parse_row(row, COLUMNS)
        row_errors += _check(values, row.number, regions)
        row_errors += field_errors(row.number, values, FIELDS, LABELS)
        key = (values.get("name"), values["region"].pk if values.get("region") else None)
        if not row_errors and key in seen:
            row_errors.append(CellError(row.number, "项目名称", values["name"], f"与第{seen[key]}行是同一个项目"))
        seen[key] = row.number
        errors += row_errors
        rows.append((row.number, values))
    if errors:
        raise ImportRefused(errors, header_row=table.header_row)
    result = ImportResult(rows=len(rows))
    with transaction.atomic():
        for number, values in rows:
            _upsert(values, by, result)
            if missing := _missing_dates(values, number):
                result.notices.append(missing)
    return result


def _upsert(values: dict, by, result: ImportResult) -> None:
    project = AttractionProject.objects.filter(name=values["name"], region=values["region"]).first()
    fields = {
        "investor": values.get("investor") or "",
        "industry": values.get("industry") or "",
        "mode": values["mode"],
        "contracted_amount": values["amount"],
        "stage": values["stage"],
        "signed_on": values.get("signed_on"),
        "started_on": values.get("started_on"),
        "producing_on": values.get("producing_on"),
    }
    if values["stage"] in (Stage.PERFORMING, Stage.STARTED, Stage.PRODUCING):
        fields["performed_on"] = (
            project.performed_on
            if project and project.performed_on
            else values.get("started_on") or values.get("signed_on")
        )
    if project is None:
        project = AttractionProject(name=values["name"], region=values["region"], **fields)
        services.attraction_save(by=by, project=project, require_dates=False)
        result.created += 1
    elif any(getattr(project, k) != v for k, v in fields.items()):
        for name, value in fields.items():
            setattr(project, name, value)
        services.attraction_save(by=by, project=project, require_dates=False)
        result.updated += 1
    funds = values.get("funds")
    current = sum((f.amount for f in project.funds.all()), Decimal(0))
    if funds and funds > current:  # the file gives the running total: record what arrived since
        services.funds_add(by=by, project=project, date=timezone.localdate(), amount=funds - current)
