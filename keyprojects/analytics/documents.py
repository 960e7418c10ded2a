"""The monthly bulletin (通报) and warning letters (提示函) as Word and Excel documents.

Word documents come from docxtpl templates: the packaged defaults in `analytics/docx/`, or the
office's own edited copy at `<data dir>/templates/<name>.docx` when it exists. Values are escaped
(autoescape), so a project name can never run as template code.
"""

from io import BytesIO
from pathlib import Path

import xlsxwriter
from django.conf import settings
from django.utils import timezone
from docxtpl import DocxTemplate

from keyprojects.accounts.models import Region
from keyprojects.accounts.scope import scope_for
from keyprojects.accounts.services import managed_city
from keyprojects.analytics import selectors
from keyprojects.analytics.filters import Filters
from keyprojects.analytics.grouped import grouped, region_figures
from keyprojects.analytics.indicators import end_of_day, indicators
from keyprojects.analytics.ranking import ranking, rows_for
from keyprojects.analytics.services import colors_current
from keyprojects.analytics.summary import months_text, summary_paragraph
from keyprojects.core.dates import chinese_date
from keyprojects.core.numbers import format_rate, format_yi
from keyprojects.projects.choices import Level

PACKAGED = Path(__file__).resolve().parent / "docx"
ISSUER = "重点项目建设工作领导小组办公室"


def template_path(name: str, packaged: Path = PACKAGED) -> Path:
    own = Path(settings.DATA_DIR) / "templates" / f"{name}.docx"
    return own if own.exists() else packaged / f"{name}.docx"


def render_docx(name: str, context: dict, packaged: Path = PACKAGED) -> bytes:
    """`packaged` is the app's folder of default templates (each app ships its own)."""
    document = DocxTemplate(template_path(name, packaged))
    document.render(context, autoescape=True)
    # File properties say who wrote it and when, not the template's tool and date.
    properties = document.docx.core_properties
    properties.author = properties.last_modified_by = issuer()
    properties.created = properties.modified = timezone.now()
    properties.title = str(context.get("title", ""))[:200]
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def issuer() -> str:
    """Who signs the documents: the office of the managed city (许昌市重点项目建设工作领导小组办公室)."""
    city = managed_city()
    return f"{city.name if city else ''}{ISSUER}"


def bulletin_context(user, year: int, month: int, *, day=None) -> dict:
    """Everything the bulletin says, in the caller's scope (a county gets its own subtree's bulletin). With
    `day` the bulletin as issued that day: every figure as confirmed by the end of it, and dated that day."""
    city = managed_city()
    scope_region = scope_for(user).region or city
    place = "全市" if scope_region == city else f"全{scope_region.name[-1]}"  # 全市、全区、全县
    as_of = end_of_day(day)
    figures = indicators(user, year, month, as_of=as_of)
    provincial = indicators(user, year, month, Filters(level=Level.PROVINCE), as_of=as_of)
    city_regions, regions = region_figures(user, year, month, as_of=as_of)
    rows = rows_for(user, ranking(year, month, by_region=city_regions))
    by_region = {row["region_code"]: row for row in rows}
    names = dict(Region.objects.filter(pk__in=regions).values_list("pk", "code"))
    region_rows = []
    for pk, shown in regions.items():
        code = names.get(pk)
        row = by_region.get(code)
        if row is None:
            continue
        region_rows.append(
            {
                "rank": row["rank"],
                "name": row["region_name"],
                "count": shown["project_count"],
                "plan": format_yi(shown["annual_plan"]),
                "done": format_yi(shown["ytd_completed"]),
                "rate": format_rate(shown["completion_rate"]),
                "start_rate": format_rate(shown["start_rate"]),
            }
        )
    region_rows.sort(key=lambda row: row["rank"])
    levels = [
        {
            "name": f"{dict(Level.choices)[level]}重点",
            "count": f["project_count"],
            "plan": format_yi(f["annual_plan"]),
            "done": format_yi(f["ytd_completed"]),
            "rate": format_rate(f["completion_rate"]),
        }
        for level, f in sorted(
            grouped(user, year, month, "level", as_of=as_of).items(),
            key=lambda item: [v for v, _ in Level.choices].index(item[0]),
        )
    ]
    period = colors_current(year=year, month=month)
    flagged = [
        {
            "color": override or computed,
            "name": name,
            "region": region,
            "gap": "" if gap is None else f"{gap:.2f}",
            "reason": reason,
        }
        for override, computed, name, region, gap, reason in selectors.flagged(user, period)
    ]
    flagged.sort(key=lambda p: (p["color"] != "红", p["region"]))
    return {
        "title": f"关于{year}年{months_text(month)}{scope_region.name}重点项目建设进展情况的通报",
        "recipients": "各县（市、区）人民政府，市直有关单位" if place == "全市" else "各乡镇（街道）、有关单位",
        "summary": summary_paragraph(place=place, year=year, month=month, figures=figures, provincial=provincial),
        "regions": region_rows,
        "levels": levels,
        "flagged": flagged,
        "ranking": rows,
        "issuer": issuer(),
        "date": chinese_date(day or timezone.localdate()),
        "as_of": day,
        "figures": figures,
        "year": year,
        "month": month,
    }


LETTER_COLUMNS = ("color", "name", "plan", "done", "gap", "problems", "leaders")


def letter_context(letter) -> dict:
    """What a warning letter says. Its projects are as they stood when it was issued; a column a letter issued
    before the column existed does not have reads —, never None."""
    projects = [
        {**project, **{key: project.get(key) or selectors.NO_VALUE for key in LETTER_COLUMNS}}
        for project in letter.projects
    ]
    red = sum(1 for project in projects if project["color"] == "红")
    region = letter.region
    return {
        "number": letter.number,
        "addressee": f"{region.name}人民政府" if region.kind == "county" else f"{region.name}管委会",
        "body": (
            f"根据{letter.period}重点项目月报和四色管理结果，你单位有{len(projects)}个重点项目进度滞后，"
            f"其中红色项目{red}个。请高度重视，逐一分析原因，压实分包领导和项目单位责任，制定整改措施，加快推进。"
        ),
        "projects": projects,
        "deadline": chinese_date(letter.deadline),
        "issuer": issuer(),
        "date": chinese_date(letter.issued_at),
    }


def bulletin_docx(context: dict) -> bytes:
    return render_docx("bulletin", context)


def bulletin_xlsx(context: dict) -> bytes:
    """The bulletin's tables, one sheet each, with a chart of completion rates by region."""
    buffer = BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    )
    bold = book.add_format({"bold": True})
    summary = book.add_worksheet("概况")
    summary.write(0, 0, context["title"], bold)
    summary.write(2, 0, context["summary"])
    sheet = book.add_worksheet("分县区")
    headers = ["名次", "县（市、区）", "项目个数", "年度计划（亿元）", "完成投资（亿元）", "完成率", "开工率"]
    sheet.write_row(0, 0, headers, bold)
    for index, row in enumerate(context["regions"], start=1):
        sheet.write_row(
            index,
            0,
            [
                row["rank"],
                row["name"],
                row["count"],
                float(row["plan"]),
                float(row["done"]),
                row["rate"],
                row["start_rate"],
            ],
        )
    sheet.set_column(1, 1, 22)
    if context["regions"]:
        chart = book.add_chart({"type": "column"})
        count = len(context["regions"])
        chart.add_series(
            {"name": "完成投资（亿元）", "categories": ["分县区", 1, 1, count, 1], "values": ["分县区", 1, 4, count, 4]}
        )
        chart.set_title({"name": "各县（市、区）完成投资"})
        sheet.insert_chart(count + 3, 1, chart)
    levels = book.add_worksheet("分级别")
    levels.write_row(0, 0, ["级别", "项目个数", "年度计划（亿元）", "完成投资（亿元）", "完成率"], bold)
    for index, row in enumerate(context["levels"], start=1):
        levels.write_row(index, 0, [row["name"], row["count"], float(row["plan"]), float(row["done"]), row["rate"]])
    flagged = book.add_worksheet("黄红项目")
    flagged.write_row(0, 0, ["颜色", "项目名称", "所属区划", "进度差（百分点）", "判定依据"], bold)
    for index, row in enumerate(context["flagged"], start=1):
        flagged.write_row(index, 0, [row["color"], row["name"], row["region"], row["gap"], row["reason"]])
    flagged.set_column(1, 1, 40)
    ranks = book.add_worksheet("排名")
    ranks.write_row(0, 0, ["名次", "县（市、区）", "综合得分"], bold)
    for index, row in enumerate(context["ranking"], start=1):
        ranks.write_row(index, 0, [row["rank"], row["region_name"], float(row["score"])])
    book.close()
    return buffer.getvalue()
