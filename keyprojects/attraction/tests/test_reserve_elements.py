import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from keyprojects.attraction import services
from keyprojects.attraction.models import ElementNeed, ReserveProject
from keyprojects.attraction.selectors import reserve_counts
from keyprojects.core.models import ChangeLogEntry
from keyprojects.projects.models import AnnualEntry


def test_a_reserve_project_is_promoted_into_next_years_list_with_its_data(people):
    project = services.reserve_promote(
        by=people.city, reserve=people.reserve_a, year=2027, level="city", annual_plan=Decimal("3000")
    )
    entry = AnnualEntry.objects.get(project=project, year=2027)
    assert (project.name, project.total_investment, entry.category) == ("储备项目A", Decimal("8000.00"), "new")
    assert ReserveProject.objects.get(pk=people.reserve_a.pk).status == "promoted"
    with pytest.raises(ValidationError):
        services.reserve_promote(
            by=people.city,
            reserve=ReserveProject.objects.get(pk=people.reserve_a.pk),
            year=2027,
            level="city",
            annual_plan=Decimal("1"),
        )


def test_leaving_the_reserve_pool_needs_a_negative_list_reason(people):
    with pytest.raises(ValidationError, match="必须说明原因"):
        services.reserve_exit(by=people.city, reserve=people.reserve_a, reason="")
    services.reserve_exit(by=people.city, reserve=people.reserve_a, reason="属于高耗能负面清单")
    assert reserve_counts(people.city)["total"] == 0


def test_reserve_counts_are_by_stage_level_and_domain(people):
    counts = reserve_counts(people.city)
    assert counts["total"] == 1 and ("签订投资协议", 1) in counts["by_stage"]
    assert reserve_counts(people.county_b)["total"] == 0


def test_a_department_sees_and_updates_the_element_needs_given_to_it(people, client_for):
    page = client_for("dept").get("/attraction/elements/").content.decode()
    assert "项目A" in page
    client_for("dept").post(
        f"/attraction/elements/{people.element_a.pk}/",
        {
            "project": people.project_a.pk,
            "kind": "land",
            "quantity": "95",
            "secured": "60",
            "unit": "亩",
            "department": people.dept.department_id,
            "status": "partial",
            "note": "已保障60亩",
        },
    )
    need = ElementNeed.objects.get(pk=people.element_a.pk)
    assert (need.status, need.secured) == ("partial", Decimal("60.00"))
    assert ChangeLogEntry.objects.for_object(need).latest("id").before["status"] == "raised"


def test_the_financing_list_exports_for_banks(people, client_for):
    from io import BytesIO

    from openpyxl import load_workbook

    from keyprojects.attraction.models import FinancingNeed

    FinancingNeed.objects.create(
        financing_list=people.financing,
        project=people.project_a,
        kind="bank_loan",
        amount=Decimal("5000"),
        matched_bank="中国银行许昌分行",
        matched_amount=Decimal("3000"),
    )
    response = client_for("city").get(f"/attraction/financing/{people.financing.pk}/?format=xlsx")
    cells = [c.value for row in load_workbook(BytesIO(response.content)).active.iter_rows() for c in row]
    assert "中国银行许昌分行" in cells and "项目A" in cells


def test_the_reserve_page_counts_levels_by_their_chinese_names(people, client_for):
    ReserveProject.objects.create(
        name="储备项目B", region=people.county_a_region, level="province", total_investment=Decimal("1")
    )
    page = client_for("city").get("/attraction/reserve/").content.decode()
    assert "按级别：省级 <strong>1</strong> 个，市级 <strong>1</strong> 个。" in page
    assert "province" not in page.split("按级别")[1].split("</p>")[0]


@pytest.mark.parametrize("role", ["city", "dept"])
def test_the_record_link_of_an_element_need_opens_its_history(people, client_for, role):
    need = people.element_a
    need.secured, need.status = Decimal("60"), "partial"
    services.element_save(by=people.dept, need=need)
    client = client_for(role)
    page = client.get("/attraction/elements/").content.decode()
    link = f"/history/attraction.elementneed/{need.pk}/"
    assert f'href="{link}">记录</a>' in page
    history = client.get(link)
    assert history.status_code == 200
    text = history.content.decode()
    assert "t_dept" in text and re.search(r"已保障.{0,80}→ 60", text, re.S)  # who changed what, to what


def test_a_county_cannot_open_the_history_of_another_countys_element_need(people, client_for):
    assert client_for("county_b").get(f"/history/attraction.elementneed/{people.element_a.pk}/").status_code == 404
