"""The bulletin's summary paragraph, in the seeds' words (DOMAIN.md §12, seed 002)."""

from keyprojects.core.numbers import format_rate, format_yi


def months_text(month: int) -> str:
    return "1月" if month == 1 else f"1—{month}月"


def summary_paragraph(*, place: str, year: int, month: int, figures: dict, provincial: dict) -> str:
    """全市2019年重点项目1105个，总投资35834.65亿元，……开工率69.81%。"""
    text = (
        f"{place}{year}年重点项目{figures['project_count']}个，总投资{format_yi(figures['total_investment'])}亿元，"
        f"年度计划投资{format_yi(figures['annual_plan'])}亿元，{months_text(month)}完成投资"
        f"{format_yi(figures['ytd_completed'])}亿元，占年度计划的{format_rate(figures['completion_rate'])}。"
    )
    if provincial["project_count"]:
        text += f"其中，{provincial['project_count']}个省重点项目完成投资{format_yi(provincial['ytd_completed'])}亿元。"
    text += (
        f"{year}年计划新开工项目{figures['new_start_planned']}个，截至目前，{figures['new_start_started']}个项目开工建设，"
        f"开工率{format_rate(figures['start_rate'])}。"
    )
    if provincial["new_start_planned"]:
        text += (
            f"{provincial['new_start_planned']}个省重点新开工项目已开工{provincial['new_start_started']}个，"
            f"开工率{format_rate(provincial['start_rate'])}。"
        )
    return text
