"""Analytics tables as xlsx: the same rows the screens show."""

from keyprojects.core.dates import chinese_date
from keyprojects.core.excel.columns import Column
from keyprojects.core.excel.writer import write_table

FIGURE_COLUMNS = [
    Column("label", "分组"),
    Column("project_count", "项目个数", kind="int"),
    Column("total_investment", "总投资", kind="amount"),
    Column("annual_plan", "年度计划投资", kind="amount"),
    Column("ytd_completed", "累计完成投资", kind="amount"),
    Column("completion_rate", "完成率（%）", kind="number"),
    Column("new_start_planned", "计划新开工", kind="int"),
    Column("new_start_started", "已开工", kind="int"),
    Column("start_rate", "开工率（%）", kind="number"),
    Column("completion_planned", "计划竣工", kind="int"),
    Column("completion_done", "已竣工", kind="int"),
    Column("completion_done_rate", "竣工率（%）", kind="number"),
    Column("ytd_completed_last_year", "去年同期完成", kind="amount"),
    Column("yoy_growth", "同比增长（%）", kind="number"),
]
ENTRY_COLUMNS = [
    Column("code", "项目代码"),
    Column("name", "项目名称"),
    Column("region", "所属区划"),
    Column("level", "级别"),
    Column("category", "类别"),
    Column("total_investment", "总投资", kind="amount"),
    Column("annual_plan", "年度计划投资", kind="amount"),
    Column("planned_start", "计划开工", kind="date"),
    Column("actual_start", "实际开工", kind="date"),
    Column("planned_completion", "计划竣工", kind="date"),
    Column("actual_completion", "实际竣工", kind="date"),
    Column("owner", "项目单位"),
]
COLOR_COLUMNS = [
    Column("code", "项目代码"),
    Column("name", "项目名称"),
    Column("region", "所属区划"),
    Column("color", "颜色"),
    Column("computed_color", "计算颜色"),
    Column("gap", "进度差（百分点）", kind="number"),
    Column("reason", "判定依据"),
    Column("override_reason", "调整原因"),
    Column("previous", "上月颜色"),
]
RANKING_COLUMNS = [
    Column("rank", "名次", kind="int"),
    Column("region_name", "区划"),
    Column("score", "综合得分", kind="number"),
    Column("ytd_completed", "完成投资", kind="amount"),
    Column("completion_rate", "完成率（%）", kind="number"),
    Column("new_start_started", "开工个数", kind="int"),
    Column("start_rate", "开工率（%）", kind="number"),
    Column("completion_done", "竣工个数", kind="int"),
    Column("completion_done_rate", "竣工率（%）", kind="number"),
]


def breakdown_xlsx(figures: dict, breakdown: list[dict], year: int, month: int, by: str, *, day=None) -> bytes:
    """`day`: the figures are as confirmed by the end of that day, and the title says so."""
    rows = [*breakdown, {"label": "合计", **figures}]
    title = f"{year}年1—{month}月重点项目完成情况（{by}）"
    if day is not None:
        title += f"（按{chinese_date(day)}已确认的数字）"
    return write_table(FIGURE_COLUMNS, rows, sheet_name="统计", title=title)


def entries_xlsx(entries, title: str) -> bytes:
    rows = (
        {
            "code": e.project.code,
            "name": e.project.name,
            "region": e.project.region.name,
            "level": e.get_level_display(),
            "category": e.get_category_display(),
            "total_investment": e.project.total_investment,
            "annual_plan": e.annual_plan,
            "planned_start": e.project.planned_start,
            "actual_start": e.project.actual_start,
            "planned_completion": e.project.planned_completion,
            "actual_completion": e.project.actual_completion,
            "owner": str(e.project.owner or ""),
        }
        for e in entries
    )
    return write_table(ENTRY_COLUMNS, rows, sheet_name="项目清单", title=title)


def colors_xlsx(rows: list[dict], title: str) -> bytes:
    return write_table(COLOR_COLUMNS, rows, sheet_name="四色", title=title)


def ranking_xlsx(rows: list[dict], title: str) -> bytes:
    flat = [{"rank": r["rank"], "region_name": r["region_name"], "score": r["score"], **r["indicators"]} for r in rows]
    return write_table(RANKING_COLUMNS, flat, sheet_name="排名", title=title)
