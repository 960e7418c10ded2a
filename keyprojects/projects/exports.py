"""The annual list as xlsx, in the import template's columns so an export can be loaded back."""

from keyprojects.core.excel.columns import Column
from keyprojects.core.excel.writer import write_table

EXPORT_COLUMNS = [
    Column("seq", "序号", kind="int"),
    Column("code", "项目代码"),
    Column("name", "项目名称"),
    Column("region", "所属区划"),
    Column("level", "项目级别"),
    Column("category", "年度类别"),
    Column("domain", "所属领域"),
    Column("industry", "所属行业"),
    Column("chains", "产业链"),
    Column("total_investment", "总投资", kind="amount"),
    Column("annual_plan", "年度计划投资", kind="amount"),
    Column("annual_goal", "年度目标"),
    Column("owner", "项目单位"),
    Column("responsible_unit", "责任单位"),
    Column("leaders", "分包领导"),
    Column("task_force", "专班"),
    Column("content", "建设内容及规模"),
    Column("planned_start", "计划开工日期", kind="date"),
    Column("planned_completion", "计划竣工日期", kind="date"),
    Column("actual_start", "实际开工日期", kind="date"),
    Column("actual_completion", "实际竣工日期", kind="date"),
    Column("stats_entry_date", "入库纳统日期", kind="date"),
    Column("longitude", "经度", kind="number"),
    Column("latitude", "纬度", kind="number"),
]


def annual_list_rows(entries):
    entries = entries.prefetch_related("project__chains", "project__leaders")
    for seq, entry in enumerate(entries, start=1):
        project = entry.project
        yield {
            "seq": seq,
            "code": project.code,
            "name": project.name,
            "region": project.region.name,
            "level": f"{entry.get_level_display()}重点",
            "category": entry.get_category_display(),
            "domain": str(project.domain or ""),
            "industry": str(project.industry or ""),
            "chains": "、".join(chain.name for chain in project.chains.all()),
            "total_investment": project.total_investment,
            "annual_plan": entry.annual_plan,
            "annual_goal": entry.annual_goal,
            "owner": str(project.owner or ""),
            "responsible_unit": project.responsible_unit,
            "leaders": "、".join(leader.name for leader in project.leaders.all()),
            "task_force": str(project.task_force or ""),
            "content": project.content,
            "planned_start": project.planned_start,
            "planned_completion": project.planned_completion,
            "actual_start": project.actual_start,
            "actual_completion": project.actual_completion,
            "stats_entry_date": project.stats_entry_date,
            "longitude": project.longitude,
            "latitude": project.latitude,
        }


def annual_list_xlsx(entries, *, year: int, as_of=None) -> bytes:
    title = f"{year}年重点项目名单" + (f"（截至{as_of.year}年{as_of.month}月{as_of.day}日）" if as_of else "")
    return write_table(EXPORT_COLUMNS, annual_list_rows(entries), sheet_name=f"{year}年名单", title=title)


LEADER_COLUMNS = [
    Column("name", "姓名"),
    Column("title", "职务"),
    Column("project_count", "分包项目", kind="int"),
    Column("investment", "总投资", kind="amount"),
]
TASK_FORCE_COLUMNS = [
    Column("name", "专班"),
    Column("lead_leader", "牵头领导"),
    Column("deputy", "副专班长"),
    Column("liaison", "联络员"),
    Column("liaison_phone", "联络员电话"),
    Column("project_count", "项目", kind="int"),
    Column("investment", "总投资", kind="amount"),
]


def leaders_xlsx(leaders) -> bytes:
    rows = (
        {
            "name": leader.name,
            "title": leader.title,
            "project_count": leader.project_count,
            "investment": leader.investment,
        }
        for leader in leaders
    )
    return write_table(LEADER_COLUMNS, rows, sheet_name="分包领导", title="分包领导及分包项目")


def task_forces_xlsx(task_forces) -> bytes:
    rows = (
        {
            "name": t.name,
            "lead_leader": str(t.lead_leader or ""),
            "deputy": t.deputy,
            "liaison": t.liaison,
            "liaison_phone": t.liaison_phone,
            "project_count": t.project_count,
            "investment": t.investment,
        }
        for t in task_forces
    )
    return write_table(TASK_FORCE_COLUMNS, rows, sheet_name="专班", title="重点项目专班")
