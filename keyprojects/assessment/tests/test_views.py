import io
import json

import openpyxl
from django.core.management import call_command
from docx import Document

from keyprojects.assessment.models import Scheme


def test_the_city_makes_a_scheme_on_the_page_with_the_defaults_for_its_bodies(people, client_for):
    client = client_for("city")
    page = client.get("/assessment/schemes/new/?subject=department").content.decode()
    assert "问题按期办结率" in page and 'value="5"' in page  # five departments praised by default
    response = client.post(
        "/assessment/schemes/new/",
        {
            "year": 2027,
            "subject": "department",
            "cycle": "year",
            "name": "2027年市直部门年度考核",
            "effective_from": "2027-01-01",
            "praised_count": 5,
            "summoned_count": 0,
            "w_problems": "60",
            "w_procedures": "40",
            "w_problem_overdue": "10",
            "p_problem_overdue": "1",
        },
    )
    scheme = Scheme.objects.get(name="2027年市直部门年度考核")
    assert response.status_code == 302
    assert [(i.measure, i.weight) for i in scheme.indicators.all()] == [
        ("problems", 60),
        ("procedures", 40),
        ("problem_overdue", 10),
    ]


def test_a_deduction_without_its_points_per_item_is_refused_on_the_form_in_chinese(people, client_for):
    response = client_for("city").post(
        "/assessment/schemes/new/",
        {
            "year": 2027,
            "subject": "department",
            "cycle": "year",
            "name": "错误方案",
            "effective_from": "2027-01-01",
            "praised_count": 5,
            "summoned_count": 0,
            "w_problems": "60",
            "w_problem_overdue": "10",
        },
    )
    assert "“问题逾期未办结扣分”要写每项扣几分。" in response.content.decode()
    assert not Scheme.objects.filter(name="错误方案").exists()


def test_a_frozen_schemes_edit_page_sends_the_city_to_a_new_version(people, client_for):
    response = client_for("city").get(f"/assessment/schemes/{people.scheme_a.pk}/edit/", follow=True)
    assert "不能再修改；请另立新版本" in response.content.decode()


def test_a_county_sees_the_public_ranking_and_only_its_own_sheet(people, client_for):
    page = client_for("county_b").get(f"/assessment/results/{people.assessment_a.pk}/").content.decode()
    assert "建安区" in page and "魏都区" in page
    assert f"/assessment/scores/{people.score_b.pk}/" in page
    assert f"/assessment/scores/{people.score_a.pk}/" not in page
    assert client_for("county_b").get(f"/assessment/scores/{people.score_a.pk}/").status_code == 404


def test_the_sheet_shows_each_line_with_its_basis_and_records(people, client_for):
    line = people.score_a.lines.get()
    line.records = [{"text": "项目A：临时用地未批（逾期）", "url": f"/coordination/problems/{people.problem_a.pk}/"}]
    line.save()
    page = client_for("county_a").get(f"/assessment/scores/{people.score_a.pk}/").content.decode()
    assert "问题按期办结率" in page and "1 条记录" in page
    assert f'href="/coordination/problems/{people.problem_a.pk}/"' in page


def test_the_report_and_the_notice_are_written_from_the_templates(people, client_for):
    report = client_for("city").get(f"/assessment/results/{people.assessment_a.pk}/report.docx")
    text = "\n".join(cell.text for t in Document(io.BytesIO(report.content)).tables for r in t.rows for cell in r.cells)
    assert "建安区" in text and "通报表扬" in text
    sheet = openpyxl.load_workbook(
        io.BytesIO(client_for("city").get(f"/assessment/results/{people.assessment_a.pk}/report.xlsx").content)
    ).active
    assert [c.value for c in sheet[2]][:3] == ["名次", "考核对象", "得分"]
    notice = client_for("county_a").get(f"/assessment/scores/{people.score_a.pk}/notice.docx")
    paragraphs = "\n".join(p.text for p in Document(io.BytesIO(notice.content)).paragraphs)
    assert "通 报 表 扬" in paragraphs and "排名第1位" in paragraphs
    assert client_for("city").get(f"/assessment/scores/{people.score_b.pk}/notice.docx").status_code == 404


def test_computing_and_publishing_from_the_page(people, client_for):
    client = client_for("city")
    response = client.post("/assessment/compute/", {"subject": "region", "period": "2026-H2"}, follow=True)
    assert "核对无误后公布" in response.content.decode()
    client.post(f"/assessment/results/{people.assessment_draft.pk}/publish/")
    people.assessment_draft.refresh_from_db()
    assert people.assessment_draft.is_published
    refused = client.post("/assessment/compute/", {"subject": "region", "period": "2026-13"}, follow=True)
    assert "月份应在 01—12 之间" in refused.content.decode()


def test_the_assess_command_prints_the_scores_as_json(people, capsys):
    call_command("assess", "--subject", "region", "--period", "2026-H2", "--json", "--user", "t_city")
    rows = json.loads(capsys.readouterr().out)
    assert {"body_name", "total", "rank", "praised", "summoned", "lines"} <= set(rows[0])
    assert rows[0]["lines"][0]["measure"] == "problems"


def test_the_api_gives_a_body_its_sheet_with_lines_and_the_public_ranking(people, client_for):
    sheets = client_for("dept").get("/api/assessment-scores/").json()
    assert [row["body_name"] for row in sheets["results"]] == ["测试自然资源和规划局"]
    result = client_for("dept").get(f"/api/assessments/{people.assessment_a.pk}/").json()
    assert [s["body_name"] for s in result["scores"]] == ["建安区", "魏都区"] and "lines" not in result["scores"][0]
    detail = client_for("county_a").get(f"/api/assessment-scores/{people.score_a.pk}/").json()
    assert detail["lines"][0]["measure"] == "problems" and detail["total"] == "100.00"


def test_the_city_sees_every_bodys_points_per_indicator_on_the_result_and_a_county_does_not(people, client_for):
    url = f"/assessment/results/{people.assessment_a.pk}/"
    assert "问题按期办结率" in client_for("city").get(url).content.decode()
    assert "问题按期办结率" not in client_for("county_b").get(url).content.decode()


def test_points_with_three_decimals_are_refused_in_chinese(people, client_for):
    response = client_for("city").post(
        "/assessment/schemes/new/?subject=unit",
        {
            "year": 2028,
            "subject": "unit",
            "cycle": "year",
            "name": "评价",
            "effective_from": "2028-01-01",
            "praised_count": 0,
            "summoned_count": 0,
            "w_investment": "12.345",
        },
    )
    assert "分值最多保留 2 位小数。" in response.content.decode()
    assert not Scheme.objects.filter(name="评价").exists()
