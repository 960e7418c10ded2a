"""Report tables as xlsx."""

from keyprojects.core.excel.columns import Column
from keyprojects.core.excel.writer import write_table
from keyprojects.reports.choices import ReportStatus

PERIOD_COLUMNS = [
    Column("code", "项目代码"),
    Column("name", "项目名称"),
    Column("region", "所属区划"),
    Column("owner", "项目单位"),
    Column("status", "月报状态"),
    Column("amount", "当月完成投资", kind="amount"),
    Column("submitted_at", "提交时间"),
    Column("flags", "审核提示"),
]
TIMELINESS_COLUMNS = [
    Column("region_name", "区划"),
    Column("expected", "应报项目", kind="int"),
    Column("reported", "已报送", kind="int"),
    Column("on_time", "按时报送", kind="int"),
    Column("late", "逾期报送", kind="int"),
    Column("missing", "未报送", kind="int"),
    Column("report_rate", "报送率（%）", kind="number"),
    Column("timely_rate", "及时率（%）", kind="number"),
]
STATUS_LABELS = dict(ReportStatus.choices)


def period_xlsx(rows, period) -> bytes:
    data = (
        {
            "code": entry.project.code,
            "name": entry.project.name,
            "region": entry.project.region.name,
            "owner": str(entry.project.owner or ""),
            "status": STATUS_LABELS.get(entry.report_status, "未报送"),
            "amount": entry.report_amount,
            "submitted_at": entry.submitted_at,
            "flags": "；".join(entry.report_flags or []),
        }
        for entry in rows
    )
    return write_table(PERIOD_COLUMNS, data, sheet_name=f"{period}", title=f"{period}月报报送情况")


def timeliness_xlsx(rows, period) -> bytes:
    return write_table(TIMELINESS_COLUMNS, rows, sheet_name="报送率", title=f"{period}月报报送率和及时率")
