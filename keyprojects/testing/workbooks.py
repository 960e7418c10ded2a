"""Building .xlsx files in tests, shaped like the ledgers offices really send."""

from io import BytesIO

from openpyxl import Workbook

PROJECT_HEADER = [
    "序号",
    "项目名称",
    "所属区划",
    "项目级别",
    "年度类别",
    "总投资（万元）",
    "年度计划投资(万元)",
    "项目代码",
    "所属领域",
    "所属行业",
    "产业链",
    "项目单位",
    "分包领导",
    "计划开工日期",
    "计划竣工日期",
]


def workbook_bytes(rows: list[list], *, title: str | None = None, merges: list[str] = ()) -> bytes:
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
        sheet.append(["单位：万元"])
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def legacy_ledger() -> bytes:
    """Title and unit rows, a merged title, 所属区划 merged over three rows, full-width digits, text
    amounts, Chinese dates, a 合计 row and a blank row."""
    rows = [
        PROJECT_HEADER,
        [
            1,
            "许昌恒达年产10万吨硅碳负极材料项目",
            "建安区",
            "省重点",
            "新开工",
            "１２，３４５．６７",
            "5,000",
            "2025-411003-36-03-000101",
            "先进制造业",
            "新材料",
            "硅碳新材料",
            "许昌恒达新材料有限公司",
            "测试领导",
            "2026年3月",
            "2027.12.31",
        ],
        [
            2,
            "建安区康养中心建设项目",
            None,
            "市",
            "续建",
            8000,
            "3200.5",
            None,
            "现代服务业",
            "健康养老",
            None,
            None,
            None,
            "2025/6/1",
            "2026年12月30日",
        ],
        [
            3,
            "建安区老旧小区改造项目（二期）",
            None,
            "市重点",
            "续建",
            "6,000.00",
            2400,
            None,
            None,
            None,
            None,
            None,
            None,
            "2025-04-01",
            None,
        ],
        [None] * len(PROJECT_HEADER),
        [
            4,
            "魏都区5G网络建设项目",
            "411002",
            "县",
            "新开工",
            3000,
            1000,
            None,
            "基础设施",
            "信息通信",
            "新一代信息技术、节能环保",
            None,
            None,
            "2026.5",
            None,
        ],
        ["合计", None, None, None, None, 29345.67, 11600.5],
    ]
    return workbook_bytes(rows, title="2026年许昌市重点项目名单", merges=["A1:O1", "C4:C6"])
