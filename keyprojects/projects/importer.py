"""Loading the annual list from an Excel ledger (INTERFACES.md › Excel templates › Projects).

All or nothing: every row is checked first and every bad cell reported; only a clean file is
written, in one transaction. Rows are matched by 项目代码, else by 项目名称 + 所属区划, so loading
the same file twice changes nothing (and logs nothing). A project new to the list enters it on the day of
the import, or on an earlier day the city gives (services.entry_start_day); a changed plan of an entry that
a locked month counts takes effect from the first unlocked month (services.entries_revise).
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction

from keyprojects.accounts.models import Enterprise, Region
from keyprojects.core.changelog import bulk_log, snapshot
from keyprojects.core.excel.columns import Column
from keyprojects.core.excel.constraints import field_errors, fields_for
from keyprojects.core.excel.errors import CellError, ImportRefused, parse_row
from keyprojects.core.excel.reader import read_table
from keyprojects.core.excel.values import normalize_text
from keyprojects.projects.choices import Category, Level
from keyprojects.projects.models import (
    LOCAL_CODE_PATTERN,
    NATIONAL_CODE_PATTERN,
    AnnualEntry,
    Domain,
    Industry,
    IndustryChain,
    Leader,
    MonthlyPlan,
    Project,
)
from keyprojects.projects.services import MONTHS, entries_revise, entry_start_day, next_local_code, plan_text

CHUNK = 2000
ANALYZE_AFTER_ROWS = 1000  # keeps every IN (...) list well under SQLite's variable limit
TAG_SEPARATORS = re.compile(r"[、,，;；/\s]+")
LEVEL_WORDS = {"国家": Level.NATIONAL, "省": Level.PROVINCE, "市": Level.CITY, "县": Level.COUNTY}
CATEGORY_WORDS = {"新开工": Category.NEW_START, "新建": Category.NEW_START, "续建": Category.CONTINUING}
PROJECT_FIELDS = [
    "name",
    "region_id",
    "domain_id",
    "industry_id",
    "owner_id",
    "responsible_unit",
    "content",
    "total_investment",
    "planned_start",
    "planned_completion",
    "actual_start",
    "actual_completion",
    "stats_entry_date",
    "longitude",
    "latitude",
]
AMOUNT_LABELS = {
    "total_investment": "总投资",
    "annual_plan": "年度计划投资",
    **{f"m{m}": f"{m}月计划" for m in range(1, 13)},
}
MOVE_WORDS = {"是": True, "否": False}
COORDINATE_PLACES = Decimal("0.000001")  # the model keeps 6 places; more would look like a change on every load
DATE_FIELDS = ["planned_start", "planned_completion", "actual_start", "actual_completion", "stats_entry_date"]

COLUMNS = [
    Column("name", "项目名称", required=True, aliases=("项目",), example="许昌三佳年产1000万套万向节总成项目"),
    Column(
        "region",
        "所属区划",
        required=True,
        aliases=("县（市、区）", "县(市、区)", "所在地", "区划", "所属县区"),
        help="区划名称或6位代码",
        example="建安区",
    ),
    Column(
        "level", "项目级别", required=True, aliases=("级别",), help="国家、省、市、县（可带“重点”）", example="省重点"
    ),
    Column("category", "年度类别", required=True, aliases=("类别", "建设性质"), help="新开工或续建", example="新开工"),
    Column("total_investment", "总投资", required=True, kind="amount", help="万元", example="50000"),
    Column(
        "annual_plan",
        "年度计划投资",
        required=True,
        kind="amount",
        aliases=("年度投资计划", "年度计划"),
        help="万元",
        example="20000",
    ),
    Column("code", "项目代码", help="全国投资项目在线审批监管平台赋码；没有可留空", example="2024-411003-36-03-001234"),
    Column("domain", "所属领域", example="先进制造业"),
    Column("industry", "所属行业", example="汽车及零部件"),
    Column("chains", "产业链", help="多个用顿号分隔", example="汽车零部件"),
    Column("owner", "项目单位", aliases=("建设单位", "业主单位"), example="许昌三佳汽车零部件有限公司"),
    Column("responsible_unit", "责任单位", example="建安区人民政府"),
    Column("leaders", "分包领导", help="多人用顿号分隔", example="陈立新"),
    Column("content", "建设内容及规模", aliases=("建设内容", "主要建设内容"), example="建设50条生产线"),
    Column("planned_start", "计划开工日期", kind="date", aliases=("计划开工时间",), example="2024-03-01"),
    Column("planned_completion", "计划竣工日期", kind="date", aliases=("计划竣工时间",), example="2025年12月"),
    Column("actual_start", "实际开工日期", kind="date", aliases=("实际开工时间",)),
    Column("actual_completion", "实际竣工日期", kind="date", aliases=("实际竣工时间",)),
    Column("stats_entry_date", "入库纳统日期", kind="date", aliases=("入库纳统时间",)),
    Column(
        "move_region",
        "调整区划",
        help="已有项目（按项目代码）改到另一个区划时填“是”；不填或“否”时，所属区划与库中不同的行被拒绝",
    ),
    Column("longitude", "经度", kind="number", example="113.8265"),
    Column("latitude", "纬度", kind="number", example="34.0437"),
    *[Column(f"m{month}", f"{month}月计划", kind="amount", help="万元；不填则按月平均分解") for month in MONTHS],
]
LABELS = {column.key: column.label for column in COLUMNS}
# Where each column's values are written: the project's own fields by name, the rest named here.
FIELDS = fields_for(
    Project,
    COLUMNS,
    owner=Enterprise._meta.get_field("name"),
    leaders=Leader._meta.get_field("name"),
    annual_plan=AnnualEntry._meta.get_field("annual_plan"),
    **{f"m{month}": MonthlyPlan._meta.get_field("amount") for month in MONTHS},
)
INSTRUCTIONS = [
    "第一张工作表为数据表；表头行按列名识别，列的顺序不限，标题行、空行和合计/小计行会被跳过。",
    "金额单位为万元，可写数字或带千分位的文字；日期可写 2024-03-01、2024/3/1、2024.3.1、2024年3月1日、2024年3月。",
    "按项目代码匹配已有项目；没有项目代码的按“项目名称＋所属区划”匹配；同一文件导入两次不会重复。",
    "已有项目的所属区划与文件不同时，该行被拒绝；确需把项目调整到另一个区划的，在“调整区划”列填“是”。",
    "任何一行有错，整个文件都不导入，并列出每一处错误。",
]


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    entries_added: int = 0
    entries_updated: int = 0
    leaders_created: list = field(default_factory=list)

    def summary(self, year: int) -> str:
        unchanged = self.rows - self.created - self.updated
        text = (
            f"{year}年名单导入完成：共 {self.rows} 行，新增项目 {self.created} 个，更新 {self.updated} 个，"
            f"未变 {unchanged} 个；列入名单 {self.entries_added} 个，名单信息更新 {self.entries_updated} 个。"
        )
        if self.leaders_created:
            text += f"新增分包领导：{'、'.join(self.leaders_created)}。"
        return text


def _chunks(values: list):
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


class Lookups:
    """Everything a row refers to by name, loaded once."""

    def __init__(self, user):
        regions = Region.objects.visible_to(user).exclude(kind="province")
        self.regions = {r.code: r for r in regions} | {r.name: r for r in regions}
        self.domains = {d.name: d for d in Domain.objects.all()}
        self.industries = {}
        for industry in Industry.objects.select_related("domain"):
            self.industries.setdefault(industry.name, []).append(industry)
        self.chains = {c.name: c for c in IndustryChain.objects.all()}
        self.leaders = {leader.name: leader for leader in Leader.objects.all()}


def _tags(text: str) -> list[str]:
    return [name for name in TAG_SEPARATORS.split(text or "") if name]


def _check_row(values: dict, row_number: int, lookups: Lookups) -> list[CellError]:
    """Resolve names into objects in `values`, returning every problem found. Runs even when some
    cells failed to parse (those keys are absent), so every bad value of a row is reported at once."""
    errors = []

    def bad(label, value, reason):
        errors.append(CellError(row_number, label, str(value), reason))

    given = {key: values.get(key) for key in ("region", "level", "category", "code", "domain", "industry")}
    values["region"] = lookups.regions.get(given["region"])
    if given["region"] and values["region"] is None:
        bad("所属区划", given["region"], "不是本市（或您权限范围内）的区划")
    level_word = (given["level"] or "").replace("重点", "").replace("项目", "").replace("级", "")
    values["level"] = LEVEL_WORDS.get(level_word)
    if given["level"] and values["level"] is None:
        bad("项目级别", given["level"], "应为国家、省、市或县")
    values["category"] = CATEGORY_WORDS.get(given["category"])
    if given["category"] and values["category"] is None:
        bad("年度类别", given["category"], "应为新开工或续建")
    code = given["code"]
    if code and not (re.match(NATIONAL_CODE_PATTERN, code) or re.match(LOCAL_CODE_PATTERN, code)):
        bad("项目代码", code, "格式应为 年份-6位区划-2位行业-2位类型-6位序号，如 2019-510100-47-01-003512")
    for key, label in AMOUNT_LABELS.items():
        if values.get(key) is not None and values[key] < 0:
            bad(label, values[key], "不能为负数")
    _check_taxonomy(values, given, lookups, bad)
    values["leaders"] = _tags(values.get("leaders"))
    move = values.get("move_region") or ""
    values["move_region"] = MOVE_WORDS.get(move, False)
    if move not in ("", *MOVE_WORDS):
        bad("调整区划", move, "应为“是”或“否”，或不填")
    for start, end, label in [
        ("planned_start", "planned_completion", "计划竣工日期"),
        ("actual_start", "actual_completion", "实际竣工日期"),
    ]:
        if values.get(start) and values.get(end) and values[end] < values[start]:
            bad(label, values[end], "早于开工日期")
    months = {month: values[f"m{month}"] for month in MONTHS if values.get(f"m{month}") is not None}
    if months and values.get("annual_plan") is not None:
        total = sum(months.values(), Decimal("0"))
        if total != values["annual_plan"]:
            bad("年度计划投资", values["annual_plan"], f"1—12月计划合计 {total:,.2f} 万元，与年度计划投资不一致")
    values["months"] = {month: months.get(month, Decimal("0")) for month in MONTHS} if months else None
    if values.get("longitude") is not None:
        values["longitude"] = values["longitude"].quantize(COORDINATE_PLACES)
    if values.get("latitude") is not None:
        values["latitude"] = values["latitude"].quantize(COORDINATE_PLACES)
    return errors


def _check_taxonomy(values: dict, given: dict, lookups: Lookups, bad) -> None:
    domain = lookups.domains.get(given["domain"]) if given["domain"] else None
    if given["domain"] and domain is None:
        bad("所属领域", given["domain"], f"不是已配置的领域（{'、'.join(lookups.domains)}）")
    industry = None
    if given["industry"]:
        candidates = [
            i for i in lookups.industries.get(given["industry"], []) if domain is None or i.domain_id == domain.pk
        ]
        if candidates:
            industry = candidates[0]
            domain = domain or industry.domain
        else:
            bad("所属行业", given["industry"], "不是已配置的行业，或不属于所填领域")
    values["domain"], values["industry"] = domain, industry
    names, values["chains"] = _tags(values.get("chains")), []
    for name in names:
        if name in lookups.chains:
            values["chains"].append(lookups.chains[name])
        else:
            bad("产业链", name, "不是已配置的产业链")


def _is_example_row(row) -> bool:
    """The template's example row left in: every required cell still holds its example."""
    required = [column for column in COLUMNS if column.required]
    return all(normalize_text(row.raw.get(c.key)) == normalize_text(c.example) for c in required)


def parse_file(source, user) -> tuple[list[tuple[int, dict]], list[CellError], int]:
    """Rows as (row number, values) ready to write, every error, and the header row number."""
    table = read_table(source, COLUMNS)
    lookups = Lookups(user)
    rows, errors, seen = [], [], {}
    for row in table.rows:
        if _is_example_row(row):
            errors.append(CellError(row.number, "", "", "这是模板中的示例行，请删除或改为实际数据后再导入"))
            continue
        values, row_errors = parse_row(row, COLUMNS)
        row_errors += _check_row(values, row.number, lookups)
        row_errors += field_errors(row.number, values, FIELDS, LABELS)
        if not row_errors:
            key = values["code"] or (values["name"], values["region"].pk)
            if key in seen:
                row_errors.append(CellError(row.number, "项目名称", values["name"], f"与第{seen[key]}行是同一个项目"))
            seen[key] = row.number
        errors.extend(row_errors)
        rows.append((row.number, values))
    if not table.rows:
        errors.append(CellError(table.header_row, "", "", "表头下没有数据行"))
    errors += _unasked_moves(rows)
    return rows, errors, table.header_row


def _unasked_moves(rows) -> list[CellError]:
    """A row whose 项目代码 names a project of another region would move it there: refused unless the
    row says 调整区划 是, so that a wrong district in a ledger cannot silently move a county's project."""
    coded = [(number, values) for number, values in rows if values.get("code") and values.get("region")]
    current = {}
    for chunk in _chunks([values["code"] for _, values in coded]):
        rows_found = Project.objects.filter(code__in=chunk).values_list("code", "region_id", "region__name")
        current.update({code: (region_id, name) for code, region_id, name in rows_found})
    errors = []
    for number, values in coded:
        region_id, name = current.get(values["code"], (values["region"].pk, ""))
        if region_id != values["region"].pk and not values["move_region"]:
            reason = (
                f"项目 {values['code']} 现属{name}，本文件写为{values['region'].name}；"
                "如确需调整区划，请在“调整区划”列填“是”"
            )
            errors.append(CellError(number, "所属区划", values["region"].name, reason))
    return errors


def import_projects(source, *, year: int, by, filename: str = "", added_on=None) -> ImportResult:
    """Load the file; projects new to the list enter it on `added_on` (default: today). A day inside or before a
    locked month is refused with ValidationError, and nothing is written."""
    rows, errors, header_row = parse_file(source, by)
    if errors:
        raise ImportRefused(errors, header_row=header_row)
    with transaction.atomic():
        day = entry_start_day(year, added_on)
        reason = f"导入{year}年名单{('：' + filename) if filename else ''}"
        result = _write(rows, year=year, by=by, reason=reason, added_on=day)
    _refresh_statistics(len(rows))
    return result


def _refresh_statistics(row_count: int) -> None:
    """After a big load PostgreSQL's planner still thinks the tables are small until autovacuum
    catches up, and picks nested loops over 20,000 rows; a quick ANALYZE fixes the plans at once."""
    if connection.vendor == "postgresql" and row_count >= ANALYZE_AFTER_ROWS:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE projects_project, projects_annualentry, projects_monthlyplan")


def _existing_projects(rows) -> tuple[dict, dict]:
    codes = [values["code"] for _, values in rows if values["code"]]
    names = list({values["name"] for _, values in rows})
    by_code, by_name = {}, {}
    for chunk in _chunks(codes):
        by_code.update({p.code: p for p in Project.objects.select_related("region").filter(code__in=chunk)})
    for chunk in _chunks(names):
        for project in Project.objects.filter(name__in=chunk):
            by_name.setdefault((project.name, project.region_id), project)
    return by_code, by_name


def _enterprises(rows, by) -> dict:
    names = list({values["owner"] for _, values in rows if values["owner"]})
    found = {}
    for chunk in _chunks(names):
        found.update({e.name: e for e in Enterprise.objects.filter(name__in=chunk)})
    missing = [Enterprise(name=name) for name in names if name not in found]
    Enterprise.objects.bulk_create(missing)
    bulk_log(by=by, created=Enterprise.objects.filter(name__in=[e.name for e in missing]), reason="随项目导入新建")
    found.update({e.name: e for e in Enterprise.objects.filter(name__in=[e.name for e in missing])})
    return found


def _leaders(rows, by, result: ImportResult) -> dict:
    leaders = {leader.name: leader for leader in Leader.objects.all()}
    names = sorted({name for _, values in rows for name in values["leaders"]} - set(leaders))
    for name in names:
        leaders[name] = Leader.objects.create(name=name)
    bulk_log(by=by, created=[leaders[name] for name in names], reason="随项目导入新建")
    result.leaders_created = names
    return leaders


def _write(rows, *, year: int, by, reason: str, added_on) -> ImportResult:
    result = ImportResult(rows=len(rows))
    enterprises = _enterprises(rows, by)
    leaders = _leaders(rows, by, result)
    by_code, by_name = _existing_projects(rows)
    local_serials: dict[str, int] = {}
    new_projects, changed, befores, tags, moves = [], [], {}, [], []
    for _, values in rows:
        project = by_code.get(values["code"]) if values["code"] else None
        project = project or by_name.get((values["name"], values["region"].pk))
        fields = {
            "name": values["name"],
            "region_id": values["region"].pk,
            "domain_id": values["domain"].pk if values["domain"] else None,
            "industry_id": values["industry"].pk if values["industry"] else None,
            "owner_id": enterprises[values["owner"]].pk if values["owner"] else None,
            "responsible_unit": values["responsible_unit"],
            "content": values["content"],
            "total_investment": values["total_investment"],
            **{name: values[name] for name in DATE_FIELDS},
            "longitude": values["longitude"],
            "latitude": values["latitude"],
        }
        if project is None:
            project = Project(code=values["code"] or _local_code(values["region"], local_serials), **fields)
            new_projects.append(project)
        else:
            fields = {k: v for k, v in fields.items() if v not in (None, "") or k in ("name", "region_id")}
            if values["code"] and project.code != values["code"]:
                fields["code"] = values["code"]  # a national code replaces the local one
            if any(getattr(project, k) != v for k, v in fields.items()):
                befores[project.pk] = snapshot(project, with_m2m=False)
                if project.region_id != fields["region_id"]:
                    moves.append((project, {"所属区划": project.region.name}, {"所属区划": values["region"].name}))
                for k, v in fields.items():
                    setattr(project, k, v)
                changed.append(project)
        tags.append((project, values))
    Project.objects.bulk_create(new_projects, batch_size=500)
    Project.objects.bulk_update(changed, ["code", *PROJECT_FIELDS], batch_size=500)
    result.created, result.updated = len(new_projects), len(changed)
    _write_tags(tags, leaders)
    bulk_log(by=by, created=new_projects, updated=[(p, befores[p.pk]) for p in changed], reason=reason)
    bulk_log(by=by, values=moves, reason=f"{reason}（调整区划）")
    _write_entries(tags, year=year, by=by, reason=reason, result=result, added_on=added_on)
    return result


def _local_code(region, serials: dict) -> str:
    if region.code not in serials:
        serials[region.code] = int(next_local_code(region).rsplit("-", 1)[1])
    else:
        serials[region.code] += 1
    return f"L-{region.code}-{serials[region.code]:05d}"


def _write_tags(tags, leaders: dict) -> None:
    """Chains and leaders named in the file are added; ones not named are kept (a ledger may omit them)."""
    chain_links = Project.chains.through
    leader_links = Project.leaders.through
    chain_rows = {(p.pk, c.pk) for p, values in tags for c in values["chains"]}
    leader_rows = {(p.pk, leaders[name].pk) for p, values in tags for name in values["leaders"]}
    chain_links.objects.bulk_create(
        [chain_links(project_id=p, industrychain_id=c) for p, c in chain_rows], ignore_conflicts=True, batch_size=1000
    )
    leader_links.objects.bulk_create(
        [leader_links(project_id=p, leader_id=leader) for p, leader in leader_rows],
        ignore_conflicts=True,
        batch_size=1000,
    )


def _write_entries(tags, *, year: int, by, reason: str, result: ImportResult, added_on) -> None:
    project_ids = [p.pk for p, _ in tags]
    current = {}
    for chunk in _chunks(project_ids):
        current.update({e.project_id: e for e in AnnualEntry.objects.current().filter(year=year, project_id__in=chunk)})
    splits = _splits([current[p.pk].pk for p, values in tags if p.pk in current and values["months"] is not None])
    new_entries, changes, plans = [], [], []
    for project, values in tags:
        entry, months = current.get(project.pk), values["months"]
        fields = {"category": values["category"], "level": values["level"], "annual_plan": values["annual_plan"]}
        if entry is None:
            entry = AnnualEntry(project=project, year=year, added_on=added_on, added_reason=reason[:200], **fields)
            new_entries.append(entry)
            if months is not None:
                plans.append((entry, months))
            continue
        changed = {k: v for k, v in fields.items() if getattr(entry, k) != v}
        new_split = months if months is not None and splits.get(entry.pk, {}) != months else None
        if changed or new_split is not None:
            changes.append((entry, changed, new_split))
    AnnualEntry.objects.bulk_create(new_entries, batch_size=500)
    bulk_log(by=by, created=new_entries, reason=reason)
    carrying = entries_revise([(entry, changed) for entry, changed, _ in changes], by=by, reason=reason)
    plans += [(entry, split) for entry, (_, _, split) in zip(carrying, changes, strict=True) if split is not None]
    result.entries_added = len(new_entries)
    result.entries_updated = sum(1 for _, changed, _ in changes if changed)
    _write_plans(plans, by=by, reason=reason)


def _splits(entry_ids: list[int]) -> dict[int, dict]:
    found = {}
    for chunk in _chunks(entry_ids):
        for plan in MonthlyPlan.objects.filter(entry_id__in=chunk):
            found.setdefault(plan.entry_id, {})[plan.month] = plan.amount
    return found


def _write_plans(plans, *, by, reason: str) -> None:
    """Monthly splits named in the file replace the entry's split; the same split again writes nothing."""
    existing = _splits([entry.pk for entry, _ in plans])
    replace = [(entry, months) for entry, months in plans if existing.get(entry.pk) != months]
    for chunk in _chunks([entry.pk for entry, _ in replace]):
        MonthlyPlan.objects.filter(entry_id__in=chunk).delete()
    bulk_log(
        by=by,
        reason=f"{reason}（月度计划分解）",
        values=[(entry, plan_text(existing.get(entry.pk, {})), plan_text(months)) for entry, months in replace],
    )
    MonthlyPlan.objects.bulk_create(
        [
            MonthlyPlan(entry=entry, month=month, amount=amount)
            for entry, months in replace
            for month, amount in months.items()
        ],
        batch_size=1000,
    )
