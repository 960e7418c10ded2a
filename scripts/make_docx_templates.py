"""Writes the default Word templates (docxtpl syntax): the bulletin, the warning letter and meeting minutes
(analytics/docx/), the assessment report and the notices of praise and summons (assessment/docx/).

Run once when the default layout changes: `.venv/bin/python scripts/make_docx_templates.py`. The
files are committed; an office edits its own copy in Word (see docs/documents.md).
"""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

OUT = Path(__file__).resolve().parent.parent / "keyprojects" / "analytics" / "docx"
ASSESSMENT_OUT = Path(__file__).resolve().parent.parent / "keyprojects" / "assessment" / "docx"


def _document() -> Document:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "仿宋"
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    return document


def _title(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = True
    run.font.size = Pt(20)


def _table(document, headers: list[str], cells: list[str], loop: str) -> None:
    table = document.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = header
    table.rows[1].cells[0].text = "{%tr for " + loop + " %}"
    for cell, value in zip(table.rows[2].cells, cells, strict=True):
        cell.text = value
    table.rows[3].cells[0].text = "{%tr endfor %}"


def bulletin() -> None:
    document = _document()
    _title(document, "{{ title }}")
    document.add_paragraph("{{ recipients }}：")
    document.add_paragraph("{{ summary }}")
    document.add_paragraph("一、各县（市、区）重点项目完成情况")
    _table(document, ["名次", "县（市、区）", "项目个数", "年度计划（亿元）", "完成投资（亿元）", "完成率", "开工率"],
           ["{{ r.rank }}", "{{ r.name }}", "{{ r.count }}", "{{ r.plan }}", "{{ r.done }}", "{{ r.rate }}",
            "{{ r.start_rate }}"], "r in regions")
    document.add_paragraph("二、分级别完成情况")
    _table(document, ["级别", "项目个数", "年度计划（亿元）", "完成投资（亿元）", "完成率"],
           ["{{ l.name }}", "{{ l.count }}", "{{ l.plan }}", "{{ l.done }}", "{{ l.rate }}"], "l in levels")
    document.add_paragraph("三、黄色、红色项目（{{ flagged|length }}个）")
    _table(document, ["颜色", "项目名称", "所属区划", "进度差（百分点）", "判定依据"],
           ["{{ p.color }}", "{{ p.name }}", "{{ p.region }}", "{{ p.gap }}", "{{ p.reason }}"], "p in flagged")
    document.add_paragraph("请各县（市、区）对照通报，对黄色、红色项目逐一分析原因，落实责任，限期整改。")
    signature = document.add_paragraph("{{ issuer }}\n{{ date }}")
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(OUT / "bulletin.docx")


def letter() -> None:
    document = _document()
    _title(document, "提 示 函")
    number = document.add_paragraph("{{ number }}")
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("{{ addressee }}：")
    document.add_paragraph("{{ body }}")
    _table(document, ["颜色", "项目名称", "年度计划（万元）", "累计完成（万元）", "进度差（百分点）", "主要问题", "分包领导"],
           ["{{ p.color }}", "{{ p.name }}", "{{ p.plan }}", "{{ p.done }}", "{{ p.gap }}", "{{ p.problems }}",
            "{{ p.leaders }}"], "p in projects")
    document.add_paragraph("请于{{ deadline }}前将整改落实情况书面反馈市重点项目办，并通过平台填报整改反馈。")
    signature = document.add_paragraph("{{ issuer }}\n{{ date }}")
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(OUT / "letter.docx")


def minutes() -> None:
    document = _document()
    _title(document, "{{ title }}纪要")
    document.add_paragraph("时间：{{ date }}    主持：{{ chair }}")
    document.add_paragraph("参会：{{ attendees }}")
    document.add_paragraph("{{ minutes }}")
    document.add_paragraph("会议交办事项：")
    _table(document, ["项目", "交办事项", "责任单位", "办结时限"],
           ["{{ i.project }}", "{{ i.description }}", "{{ i.department }}", "{{ i.deadline }}"], "i in items")
    document.save(OUT / "minutes.docx")


def assessment_report() -> None:
    document = _document()
    _title(document, "{{ title }}")
    document.add_paragraph("{{ recipients }}：")
    document.add_paragraph("{{ summary }}")
    document.add_paragraph("一、考核得分和名次")
    _table(document, ["名次", "考核对象", "得分", "各项得分", "结果"],
           ["{{ s.rank }}", "{{ s.name }}", "{{ s.total }}", "{{ s.lines }}", "{{ s.result }}"], "s in scores")
    document.add_paragraph("二、通报表扬（{{ praised|length }}个）：{{ praised|join('、') }}")
    document.add_paragraph("三、约谈（{{ summoned|length }}个）：{{ summoned|join('、') }}")
    document.add_paragraph("考核依据：{{ scheme }}，自{{ effective_from }}起施行。各项得分的计分依据和明细记录可在平台查询。")
    signature = document.add_paragraph("{{ issuer }}\n{{ date }}")
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(ASSESSMENT_OUT / "assessment_report.docx")


def notice(name: str, heading: str, ending: str) -> None:
    document = _document()
    _title(document, heading)
    document.add_paragraph("{{ addressee }}：")
    document.add_paragraph("{{ body }}")
    _table(document, ["考核指标", "指标值", "得分"], ["{{ l.name }}", "{{ l.value }}", "{{ l.points }}"], "l in lines")
    document.add_paragraph(ending)
    signature = document.add_paragraph("{{ issuer }}\n{{ date }}")
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(ASSESSMENT_OUT / f"{name}.docx")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    ASSESSMENT_OUT.mkdir(parents=True, exist_ok=True)
    bulletin()
    letter()
    minutes()
    assessment_report()
    notice("notice_praise", "通 报 表 扬", "希望再接再厉，继续发挥示范带动作用。")
    notice("notice_summons", "约 谈 通 知", "请你单位主要负责同志按约谈安排到市重点项目办接受约谈，并于约谈后10个工作日内书面报送整改措施。")
    print(f"已写出 {OUT} 和 {ASSESSMENT_OUT} 下的模板")
