"""The ledgers (台账) of problems and procedures as xlsx."""

from keyprojects.core.excel.columns import Column
from keyprojects.core.excel.writer import write_table

PROBLEM_COLUMNS = [
    Column("project", "项目"),
    Column("region", "所属区划"),
    Column("category", "类别"),
    Column("description", "问题描述"),
    Column("lead", "牵头部门"),
    Column("status", "状态"),
    Column("accepted_on", "签收日期", kind="date"),
    Column("deadline", "办结期限", kind="date"),
    Column("replied_on", "办结日期", kind="date"),
    Column("closed_on", "销号日期", kind="date"),
    Column("overdue", "是否逾期"),
    Column("reply", "办理情况"),
]
PROCEDURE_COLUMNS = [
    Column("project", "项目"),
    Column("kind", "手续"),
    Column("status", "状态"),
    Column("department", "办理部门"),
    Column("applied_on", "申请日期", kind="date"),
    Column("approved_on", "批复日期", kind="date"),
    Column("document_number", "批复文号"),
    Column("limit_days", "时限（工作日）", kind="int"),
    Column("flags", "改革举措"),
]


def problems_xlsx(problems) -> bytes:
    rows = (
        {
            "project": p.project.name,
            "region": p.project.region.name,
            "category": p.get_category_display(),
            "description": p.description,
            "lead": str(p.lead_department),
            "status": p.get_status_display(),
            "accepted_on": p.accepted_on,
            "deadline": p.deadline,
            "replied_on": p.replied_on,
            "closed_on": p.closed_on,
            "overdue": "是" if p.is_overdue else "",
            "reply": p.reply,
        }
        for p in problems
    )
    return write_table(PROBLEM_COLUMNS, rows, sheet_name="问题清单", title="重点项目问题清单台账")


def procedures_xlsx(procedures) -> bytes:
    rows = (
        {
            "project": p.project.name,
            "kind": p.get_kind_display(),
            "status": p.get_status_display(),
            "department": str(p.department or ""),
            "applied_on": p.applied_on,
            "approved_on": p.approved_on,
            "document_number": p.document_number,
            "limit_days": p.limit_days,
            "flags": "、".join(
                label
                for flag, label in [
                    (p.is_tolerant, "容缺受理"),
                    (p.is_commitment, "承诺制"),
                    (p.is_combined, "多评合一"),
                ]
                if flag
            ),
        }
        for p in procedures
    )
    return write_table(PROCEDURE_COLUMNS, rows, sheet_name="联审联批", title="重点项目联审联批台账")
