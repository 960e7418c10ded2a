from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from keyprojects.reports.models import Attachment, Report
from keyprojects.testing.evidence import png_bytes


def test_an_owner_fills_the_month_on_the_phone_form_and_submits(people, month, client_for):
    client = client_for("owner_x")
    month(9)
    page = client.get(f"/reports/2026-09/{people.project_a.pk}/")
    assert page.status_code == 200 and "当月完成投资" in page.content.decode()
    response = client.post(
        f"/reports/2026-09/{people.project_a.pk}/",
        {
            "amount": "321.5",
            "progress": "钢结构吊装",
            "stage": "construction",
            "submit": "1",
            "problem-category": "land",
            "problem-description": "临时用地手续未批",
        },
    )
    report = Report.objects.get(period=month(9), project=people.project_a)
    assert response.status_code == 302 and report.status == "submitted"
    assert (report.amount, report.progress, report.stage) == (Decimal("321.50"), "钢结构吊装", "construction")
    assert report.problems.get().get_category_display() == "用地"
    detail = client.get(response["Location"]).content.decode()
    assert "321.50 万元" in detail and "钢结构吊装" in detail and "主体施工" in detail and "临时用地手续未批" in detail


def test_the_period_page_lists_who_has_not_reported(people, client_for):
    page = client_for("city").get("/reports/2026-10/").content.decode()
    assert "项目A" in page and "项目B" in page and "未报送" in page
    assert "项目B" not in client_for("owner_x").get("/reports/2026-10/").content.decode()


def test_evidence_must_really_be_a_photo_or_pdf(people, client_for):
    client = client_for("owner_x")
    fake = SimpleUploadedFile("发票.jpg", b"MZ not an image")
    client.post(f"/reports/r/{people.report_a.pk}/attachments/", {"kind": "invoice", "file": fake})
    assert Attachment.objects.filter(report=people.report_a).count() == 1  # only the fixture's photo
    real = SimpleUploadedFile("现场.png", png_bytes())
    client.post(f"/reports/r/{people.report_a.pk}/attachments/", {"kind": "photo", "file": real})
    assert Attachment.objects.filter(report=people.report_a).count() == 2


def test_an_owner_submits_through_the_api_with_a_token(people, month):
    from django.test import Client
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=people.owner_x)
    month(9)
    response = Client().post(
        "/api/reports/",
        {"project": people.project_a.pk, "period": "2026-09", "amount": "12.5", "submit": True},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )
    assert response.status_code == 201 and response.json()["status"] == "submitted"
    other = Client().post(
        "/api/reports/",
        {"project": people.project_b.pk, "period": "2026-09", "amount": "1"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )
    assert other.status_code == 404


def test_the_import_page_refuses_a_bad_file_with_every_reason(people, client_for):
    from keyprojects.testing.workbooks import workbook_bytes

    content = workbook_bytes([["项目代码", "当月完成投资"], ["不存在的代码", "abc"]])
    page = client_for("city").post(
        "/reports/import/", {"period": "2026-10", "file": SimpleUploadedFile("x.xlsx", content)}
    )
    text = page.content.decode()
    assert "文件未导入" in text and "不是有效的金额" in text
