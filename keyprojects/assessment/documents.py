"""The assessment report (Word and Excel) and each body's notice of praise or summons, from editable
templates (packaged in `assessment/docx/`, overridden by `<data dir>/templates/<name>.docx`)."""

from pathlib import Path

from django.utils import timezone

from keyprojects.accounts.services import managed_city
from keyprojects.analytics.documents import issuer, render_docx
from keyprojects.assessment import selectors
from keyprojects.assessment.models import Assessment, Score
from keyprojects.core.dates import chinese_date
from keyprojects.core.excel.columns import Column
from keyprojects.core.excel.writer import write_table

PACKAGED = Path(__file__).resolve().parent / "docx"
RECIPIENTS = {"region": "各县（市、区）人民政府", "department": "市直有关部门", "unit": "各项目单位"}


UNRANKED = "本期无考核事项，不排名"


def result_word(score: Score) -> str:
    if score.rank is None:
        return UNRANKED
    return "通报表扬" if score.praised else "约谈" if score.summoned else ""


def report_context(assessment: Assessment) -> dict:
    scheme = assessment.scheme
    columns = selectors.line_columns(assessment)
    points = selectors.points_table(assessment)
    scores = list(selectors.public_scores(assessment))
    praised = [s.body_name for s in scores if s.praised]
    summoned = [s.body_name for s in scores if s.summoned]
    title = f"{managed_city().name}{assessment}结果"
    summary = (
        f"根据《{scheme.name}》（第{scheme.version}版），对{len(scores)}个{scheme.get_subject_display()}"
        f"{assessment.window.label}重点项目建设工作进行了考核。"
    )
    ranked = [s for s in scores if s.rank]
    if ranked:
        summary += f"最高分{ranked[0].total}分（{ranked[0].body_name}），最低分{ranked[-1].total}分。"
    if len(ranked) < len(scores):
        summary += f"{len(scores) - len(ranked)}个单位本期无考核事项，不排名。"
    return {
        "title": title,
        "recipients": RECIPIENTS[scheme.subject],
        "summary": summary,
        "columns": columns,
        "scores": [
            {
                "rank": s.rank or "—",
                "name": s.body_name,
                "total": s.total,
                "points": [points.get(s.pk, {}).get(c.pk) for c in columns],
                "lines": "；".join(f"{c}{points.get(s.pk, {}).get(c.pk)}" for c in columns),
                "result": result_word(s),
            }
            for s in scores
        ],
        "praised": praised,
        "summoned": summoned,
        "scheme": f"《{scheme.name}》第{scheme.version}版",
        "effective_from": chinese_date(scheme.effective_from),
        "issuer": issuer(),
        "date": chinese_date(timezone.localdate()),
    }


def report_docx(context: dict) -> bytes:
    return render_docx("assessment_report", context, PACKAGED)


def report_xlsx(context: dict) -> bytes:
    columns = [
        Column("rank", "名次", kind="number"),
        Column("name", "考核对象"),
        Column("total", "得分", kind="number"),
        *(Column(f"i{n}", str(c), kind="number") for n, c in enumerate(context["columns"])),
        Column("result", "结果"),
    ]
    rows = [{**row, **{f"i{n}": value for n, value in enumerate(row["points"])}} for row in context["scores"]]
    return write_table(columns, rows, sheet_name="考核结果", title=context["title"])


def notice_docx(score: Score) -> bytes:
    """表扬通报 for a praised body, 约谈通知 for a summoned one (the caller checks it is one of them)."""
    assessment = score.assessment
    lines = score.lines.select_related("indicator")
    words = f"在{assessment}中，你单位得分{score.total}分，排名第{score.rank}位"
    body = words + ("，成绩突出，予以通报表扬。" if score.praised else "，排名靠后，决定对你单位进行约谈。")
    context = {
        "addressee": score.body_name,
        "body": body,
        "lines": [{"name": str(line.indicator), "value": line.value, "points": line.points} for line in lines],
        "issuer": issuer(),
        "date": chinese_date(timezone.localdate()),
    }
    return render_docx("notice_praise" if score.praised else "notice_summons", context, PACKAGED)
