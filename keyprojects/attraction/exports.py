from keyprojects.core.excel.columns import Column
from keyprojects.core.excel.writer import write_table

ATTRACTION_COLUMNS = [
    Column("name", "项目名称"),
    Column("region", "所属区划"),
    Column("stage", "阶段"),
    Column("investor", "投资方"),
    Column("industry", "所属行业"),
    Column("mode", "招商方式"),
    Column("amount", "签约投资额", kind="amount"),
    Column("signed_on", "签约日期", kind="date"),
    Column("started_on", "开工日期", kind="date"),
    Column("producing_on", "投产日期", kind="date"),
    Column("funds", "到位资金", kind="amount"),
]
RESERVE_COLUMNS = [
    Column("name", "项目名称"),
    Column("region", "所属区划"),
    Column("level", "级别"),
    Column("domain", "领域"),
    Column("stage", "前期阶段"),
    Column("total", "总投资", kind="amount"),
    Column("status", "状态"),
]
ELEMENT_COLUMNS = [
    Column("project", "项目"),
    Column("kind", "要素"),
    Column("quantity", "需求量", kind="number"),
    Column("secured", "已保障", kind="number"),
    Column("unit", "单位"),
    Column("department", "责任部门"),
    Column("status", "状态"),
    Column("note", "说明"),
]
FINANCING_COLUMNS = [
    Column("project", "项目名称"),
    Column("region", "所属区划"),
    Column("owner", "项目单位"),
    Column("total", "总投资", kind="amount"),
    Column("kind", "融资方式"),
    Column("amount", "融资需求", kind="amount"),
    Column("bank", "对接银行"),
    Column("matched", "对接金额", kind="amount"),
]


def attraction_xlsx(projects) -> bytes:
    rows = (
        {
            "name": p.name,
            "region": p.region.name,
            "stage": p.get_stage_display(),
            "investor": p.investor,
            "industry": p.industry,
            "mode": p.get_mode_display(),
            "amount": p.contracted_amount,
            "signed_on": p.signed_on,
            "started_on": p.started_on,
            "producing_on": p.producing_on,
            "funds": p.funds_total,
        }
        for p in projects
    )
    return write_table(ATTRACTION_COLUMNS, rows, sheet_name="招商项目", title="招商引资项目")


def reserve_xlsx(reserves) -> bytes:
    rows = (
        {
            "name": r.name,
            "region": r.region.name,
            "level": r.get_level_display(),
            "domain": str(r.domain or ""),
            "stage": r.get_stage_display(),
            "total": r.total_investment,
            "status": r.get_status_display(),
        }
        for r in reserves
    )
    return write_table(RESERVE_COLUMNS, rows, sheet_name="储备项目", title="储备项目")


def elements_xlsx(needs) -> bytes:
    rows = (
        {
            "project": n.project.name,
            "kind": n.get_kind_display(),
            "quantity": n.quantity,
            "secured": n.secured,
            "unit": n.unit,
            "department": str(n.department),
            "status": n.get_status_display(),
            "note": n.note,
        }
        for n in needs
    )
    return write_table(ELEMENT_COLUMNS, rows, sheet_name="要素保障", title="重点项目要素保障需求")


def financing_xlsx(financing, needs) -> bytes:
    """What a bank reads: the project, its owner and size, the financing wanted and what is matched."""
    rows = (
        {
            "project": n.project.name,
            "region": n.project.region.name,
            "owner": str(n.project.owner or ""),
            "total": n.project.total_investment,
            "kind": n.get_kind_display(),
            "amount": n.amount,
            "bank": n.matched_bank,
            "matched": n.matched_amount,
        }
        for n in needs
    )
    return write_table(FINANCING_COLUMNS, rows, sheet_name="融资需求", title=str(financing))
