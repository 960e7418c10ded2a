import datetime
import json
from decimal import Decimal
from io import BytesIO

from django.core.management import call_command
from django.utils import timezone
from docx import Document

from keyprojects.analytics import services
from keyprojects.analytics.indicators import KEYS, indicators
from keyprojects.analytics.models import ColorRecord, WarningLetter
from keyprojects.reports.models import Confirmation, Report


def _confirm(people, amount: str, when: datetime.datetime) -> None:
    report = people.report_a
    Report.objects.filter(pk=report.pk).update(status="confirmed", amount=Decimal(amount), confirmed_at=when)
    Confirmation.objects.create(report=report, amount=Decimal(amount), confirmed_at=when)


def test_a_past_month_is_reproduced_as_confirmed_and_a_correction_shows_as_one(people):
    published = timezone.make_aware(datetime.datetime(2026, 11, 7, 9))
    _confirm(people, "100.00", published)
    _confirm(people, "150.00", published + datetime.timedelta(days=20))
    assert indicators(people.city, 2026, 10)["ytd_completed"] == Decimal("150.00")
    as_published = indicators(people.city, 2026, 10, as_of=published + datetime.timedelta(hours=1))
    assert as_published["ytd_completed"] == Decimal("100.00")


def test_a_county_sees_only_its_own_subtree_in_the_statistics(people):
    _confirm(people, "100.00", timezone.now())
    assert indicators(people.county_b, 2026, 10)["ytd_completed"] == Decimal("0.00")
    assert indicators(people.county_b, 2026, 10)["project_count"] == 1
    assert indicators(people.county_a, 2026, 10)["ytd_completed"] == Decimal("100.00")


def test_the_stats_command_prints_exactly_the_interface_keys(people, capsys):
    call_command("stats", "--period", "2026-10", "--json")
    data = json.loads(capsys.readouterr().out)
    assert list(data) == KEYS and data["project_count"] == 2 and data["completion_rate"] == 0.0


def test_the_colors_and_ranking_commands_print_the_interface_keys(people, capsys):
    call_command("colors", "--period", "2026-10", "--json")
    colors = json.loads(capsys.readouterr().out)
    assert set(colors[0]) == {"project_code", "name", "color", "computed_color", "gap"}
    call_command("ranking", "--period", "2026-10", "--json")
    ranking = json.loads(capsys.readouterr().out)
    assert set(ranking[0]) == {"region_code", "region_name", "indicators", "ranks", "score", "rank"}


def test_the_bulletin_command_writes_word_and_excel_and_prints_the_summary(people, tmp_path, capsys):
    call_command("bulletin", "--period", "2026-10", "--out", str(tmp_path))
    summary = capsys.readouterr().out.strip()
    assert summary.startswith("全市2026年重点项目2个")
    document = Document(str(tmp_path / "通报-2026-10.docx"))
    assert any(summary in paragraph.text for paragraph in document.paragraphs)
    assert document.core_properties.author == "许昌市重点项目建设工作领导小组办公室"  # not python-docx
    assert document.core_properties.created.year >= 2026 and "通报" in document.core_properties.title
    assert (tmp_path / "通报-2026-10.xlsx").stat().st_size > 0


def test_a_project_name_cannot_run_as_template_code(people, client_for):
    people.project_a.name = "{{ 7*7 }}{% for x in [1] %}注入{% endfor %}<w:p>"
    people.project_a.save()
    ColorRecord.objects.filter(pk=people.color_a.pk).update(computed_color="红")
    response = client_for("city").get("/analytics/bulletin/?period=2026-10&format=docx")
    text = "\n".join(
        cell.text for table in Document(BytesIO(response.content)).tables for row in table.rows for cell in row.cells
    )
    assert "{{ 7*7 }}" in text and "49" not in text


def test_a_county_gets_its_own_bulletin(people, client_for):
    page = client_for("county_b").get("/analytics/bulletin/?period=2026-10").content.decode()
    assert "全区2026年重点项目1个" in page and "项目A" not in page


def test_the_city_overrides_a_colour_with_a_reason_and_both_stay_visible(people, client_for):
    client = client_for("city")
    client.post(f"/analytics/colors/{people.color_a.pk}/override/", {"color": "黄", "reason": ""})
    assert ColorRecord.objects.get(pk=people.color_a.pk).override_color == ""
    client.post(f"/analytics/colors/{people.color_a.pk}/override/", {"color": "黄", "reason": "已协调解决用地问题"})
    record = ColorRecord.objects.get(pk=people.color_a.pk)
    assert (record.color, record.override_reason) == ("黄", "已协调解决用地问题")
    page = client.get("/analytics/colors/?period=2026-10").content.decode()
    assert "计算为" in page and "已协调解决用地问题" in page


def test_letters_go_to_regions_with_yellow_or_red_projects_and_counties_answer_their_own(people, client_for):
    WarningLetter.objects.all().delete()
    issued = services.letters_issue(
        by=people.city, period=people.period, deadline=timezone.localdate() + datetime.timedelta(days=10)
    )
    regions = {letter.region.code for letter in issued}
    assert "411003" in regions or "411002" in regions
    letter = issued[0]
    county = "county_a" if letter.region.code == "411003" else "county_b"
    other = "county_b" if county == "county_a" else "county_a"
    assert client_for(other).post(f"/analytics/letters/{letter.pk}/reply/", {"reply": "越权"}).status_code == 404
    client_for(county).post(f"/analytics/letters/{letter.pk}/reply/", {"reply": "已约谈项目单位，12月底前完成整改"})
    letter.refresh_from_db()
    assert letter.reply.startswith("已约谈") and letter.replied_at
    response = client_for(county).get(f"/analytics/letters/{letter.pk}/docx/")
    assert "提 示 函" in "\n".join(p.text for p in Document(BytesIO(response.content)).paragraphs)
    assert (
        services.letters_issue(
            by=people.city, period=people.period, deadline=timezone.localdate() + datetime.timedelta(days=10)
        )
        == []
    )
