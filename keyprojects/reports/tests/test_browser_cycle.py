"""The monthly cycle in a real browser, one journey per role (README › 测试): the owner fills and submits on a
phone and sees the amount; the county returns one report and approves another; the city confirms, locks,
generates the bulletin and the letters and finds the owner's amount in the statistics and in the bulletin.
Data: keyprojects/testing/journey.py. Screenshots: test-artifacts/cycle_*.png."""

from keyprojects.reports.choices import ReportStatus, Stage
from keyprojects.reports.models import Period, Report
from keyprojects.testing.browser import BROWSER_TESTS, docx_text, logged_in, xlsx_rows
from keyprojects.testing.journey import OWNER_AMOUNT, OWNER_PROGRESS, OWNER_TYPES, owner_report

pytestmark = BROWSER_TESTS

RETURN_REASON = "形象进度写的是用地手续办理中，请补充用地预审的批复时间"
# 建安区 in November: 项目A 8,479.70 + 1,520.30, 项目D 3,800.00 → 13,800.00 万元 of a 20,400.00 plan.
COUNTY_YTD_YI, COUNTY_PLAN_YI = "1.38", "2.04"


def test_the_owner_types_this_months_figures_on_a_phone_and_sees_them_on_the_report_page(journey, live_server, browser):
    with logged_in(browser, live_server, "t_owner_x", journey="cycle_owner", phone=True) as owner:
        text = owner.open("/reports/", "period")
        assert "2026年11月" in text
        owner.press("填报本月", within=owner.page.locator(".card").filter(has_text="项目A"))
        form = owner.shot("form")
        assert "项目A" in form and "上月完成" in form and "8,479.70 万元" in form
        amount = owner.page.locator("#id_amount")
        amount.fill("")
        amount.press_sequentially(OWNER_TYPES)
        owner.page.locator("#id_progress").fill(OWNER_PROGRESS)
        owner.page.locator("#id_stage").select_option(label="主体施工")
        owner.press("提交")
        page = owner.shot("submitted")

        assert "已提交，等待县级审核" in page
        assert owner.term("当月完成投资") == "1,520.30 万元"
        assert owner.term("形象进度") == OWNER_PROGRESS
        assert owner.term("当前阶段") == "主体施工"
        assert "含未确认 10,000.00 万元" in owner.term("本年累计")

    report = Report.objects.get(project=journey.project_a, period=journey.november)
    assert (report.amount, report.progress, report.stage) == (OWNER_AMOUNT, OWNER_PROGRESS, Stage.CONSTRUCTION)
    assert report.status == ReportStatus.SUBMITTED and report.submitted_by == journey.people.owner_x
    assert owner.page.url.endswith(f"/reports/r/{report.pk}/")


def test_the_county_returns_one_report_with_a_reason_and_approves_another(journey, live_server, browser):
    report_a = owner_report(journey)
    with logged_in(browser, live_server, "t_county_a", journey="cycle_county") as county:
        county.open("/reports/2026-11/?status=submitted", "submitted")
        assert "1,520.30" in county.cells("项目A") and "0.00" in county.cells("项目C")

        county.press("查看", within=county.row("项目C"))
        county.page.get_by_placeholder("退回原因（必填）").fill(RETURN_REASON)
        county.press("退回")
        returned = county.shot("returned")
        assert "项目C2026年11月月报已退回" in returned and f"退回原因：{RETURN_REASON}" in returned

        county.open("/reports/2026-11/?status=submitted", "one_left")
        county.press("查看", within=county.row("项目A"))
        county.press("审核通过")
        approved = county.shot("approved")
        assert "项目A2026年11月月报已审核通过" in approved and "县审核通过" in approved
        assert county.term("当月完成投资") == "1,520.30 万元"

    journey.report_c.refresh_from_db()
    report_a.refresh_from_db()
    assert (journey.report_c.status, journey.report_c.return_reason) == (ReportStatus.RETURNED, RETURN_REASON)
    assert report_a.status == ReportStatus.COUNTY_APPROVED and report_a.amount == OWNER_AMOUNT

    with logged_in(browser, live_server, "t_owner_x", journey="cycle_owner_returned", phone=True) as owner:
        owner.open("/reports/2026-11/", "period")
        owner.press("查看", within=owner.page.locator(".card").filter(has_text="项目C"))
        assert f"退回原因：{RETURN_REASON}" in owner.shot("reason")


def test_the_city_confirms_locks_and_finds_the_owners_amount_in_the_bulletin_and_the_statistics(
    journey, live_server, browser
):
    report = owner_report(journey, to="county_approved")
    with logged_in(browser, live_server, "t_city", journey="cycle_city") as city:
        city.open("/reports/2026-11/?status=county_approved", "to_confirm")
        assert "1,520.30" in city.cells("项目A")
        city.press("查看", within=city.row("项目A"))
        city.press("确认")
        assert "项目A2026年11月月报已确认" in city.shot("confirmed")
        assert "10,000.00 万元（已确认）" in city.term("本年累计")

        city.open("/reports/periods/2026-11/", "period")
        city.press("锁定本月")
        assert "2026年11月已锁定" in city.shot("locked")

        bulletin = city.open("/analytics/bulletin/?period=2026-11", "bulletin")
        summary = f"1—11月完成投资{COUNTY_YTD_YI}亿元"
        assert summary in bulletin
        assert city.cells("建安区")[1:5] == ["建安区", "3", COUNTY_PLAN_YI, COUNTY_YTD_YI]
        word = docx_text(city.download("下载 Word"))
        assert summary in word and f"建安区\t3\t{COUNTY_PLAN_YI}\t{COUNTY_YTD_YI}\t67.65%" in word
        excel = xlsx_rows(city.download("下载 Excel"))
        (row,) = [row for row in excel["分县区"] if row[1] == "建安区"]
        assert row[2:6] == [3, float(COUNTY_PLAN_YI), float(COUNTY_YTD_YI), "67.65%"]

        city.open("/analytics/letters/?period=2026-11", "letters")
        city.press("向有黄、红项目的县区印发")
        letters = city.shot("letters_issued")
        assert "已印发提示函 2 份" in letters and "致建安区" in letters and "致魏都区" in letters

        stats = city.open("/analytics/?period=2026-11", "statistics")
        assert f"{COUNTY_YTD_YI} 亿元" in stats
        assert city.cells("建安区")[:5] == ["建安区", "3", COUNTY_PLAN_YI, COUNTY_YTD_YI, "67.65%"]

    report.refresh_from_db()
    assert report.status == ReportStatus.CONFIRMED and report.amount == OWNER_AMOUNT
    assert Period.objects.get(pk=journey.november.pk).is_locked
    assert report.confirmations.get().amount == OWNER_AMOUNT
    assert sorted(journey.november.letters.values_list("region__name", flat=True)) == ["建安区", "魏都区"]
