"""Evidence files (佐证材料): what decoding finds decides what is kept and how it is served (issue 14)."""

import datetime
import io
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from keyprojects.core.models import ChangeLogEntry
from keyprojects.reports import evidence, services
from keyprojects.reports.choices import FileType, ReportStatus
from keyprojects.reports.models import Attachment, Period, Report
from keyprojects.testing.evidence import bomb_png_bytes, jpeg_bytes, pdf_bytes, phone_exif, png_bytes

POLYGLOT = b"%PDF-1.4\n<html><body><script>fetch('/accounts/users/new/')</script></body></html>"
TRAILING_HTML = b"<html><script>alert(document.cookie)</script></html>"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _files(media) -> set[str]:
    return {str(path.relative_to(media)) for path in media.rglob("*") if path.is_file()} if media.exists() else set()


def _upload(client, report, name: str, data: bytes, kind: str = "photo"):
    return client.post(
        f"/reports/r/{report.pk}/attachments/", {"kind": kind, "file": SimpleUploadedFile(name, data)}, follow=True
    )


def _state(report, media) -> tuple:
    return (
        list(Attachment.objects.filter(report=report).values_list("pk", "name")),
        ChangeLogEntry.objects.count(),
        _files(media),
    )


def test_an_html_page_that_starts_with_a_pdf_header_is_refused_and_nothing_is_stored(people, client_for, media):
    before = _state(people.report_a, media)
    response = _upload(client_for("owner_x"), people.report_a, "poly.html", POLYGLOT, kind="invoice")
    assert "《poly.html》不是有效的图片或 PDF 文件" in response.content.decode()
    assert _state(people.report_a, media) == before


def test_a_png_with_html_after_it_is_kept_re_encoded_and_the_html_is_gone(people, client_for):
    photo = png_bytes(size=(80, 60))
    _upload(client_for("owner_x"), people.report_a, "现场.png", photo + TRAILING_HTML)
    kept = Attachment.objects.get(report=people.report_a, name="现场.png")
    stored = kept.file.read()
    assert b"<script" not in stored and b"<html" not in stored
    assert (kept.file_type, kept.size, Image.open(io.BytesIO(stored)).size) == (FileType.PNG, len(stored), (80, 60))


def test_an_owner_uploads_a_phone_photo_and_the_page_shows_when_and_where_it_was_taken(people, client_for):
    exif = phone_exif(taken="2026:11:03 10:22:00", latitude=(34.0, 2.0, 0.0), longitude=(113.0, 51.0, 0.0))
    response = _upload(client_for("owner_x"), people.report_a, "基坑开挖.jpg", jpeg_bytes(exif=exif))
    kept = Attachment.objects.get(report=people.report_a, name="基坑开挖.jpg")
    assert (kept.kind, kept.file_type, kept.uploaded_by) == ("photo", FileType.JPEG, people.users["owner_x"])
    assert kept.taken_at == datetime.datetime(2026, 11, 3, 10, 22, tzinfo=timezone.get_default_timezone())
    assert (kept.latitude, kept.longitude) == (Decimal("34.033333"), Decimal("113.850000"))
    stored = kept.file.read()
    assert kept.size == len(stored) and b"Exif" not in stored  # kept as data, not in the file served
    page = response.content.decode()
    assert "已上传《基坑开挖.jpg》" in page
    assert "基坑开挖.jpg" in page and "现场照片 · JPG 图片" in page
    assert "拍摄于 2026年11月3日 10:22（北京时间） · 位置 34.0333, 113.8500" in page
    assert f'src="/reports/attachments/{kept.pk}/preview/"' in page


def test_a_photo_taken_south_and_west_keeps_a_negative_position():
    exif = phone_exif(
        taken="2026:11:03 10:22:00", latitude=(33.0, 52.0, 0.0), longitude=(151.0, 12.0, 36.0), north="S", east="W"
    )
    found = evidence.examine("悉尼.jpg", jpeg_bytes(exif=exif))
    assert (found.latitude, found.longitude) == (Decimal("-33.866667"), Decimal("-151.210000"))


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("现场照片.jpg", jpeg_bytes(), "image/jpeg"),
        ("现场照片.png", png_bytes(), "image/png"),
        ("进度证明.pdf", pdf_bytes(), "application/pdf"),
    ],
)
def test_evidence_downloads_as_an_attachment_of_its_verified_type(people, client_for, name, data, content_type):
    client = client_for("owner_x")
    _upload(client, people.report_a, name, data, kind="certificate")
    kept = Attachment.objects.get(report=people.report_a, name=name)
    response = client_for("city").get(f"/reports/attachments/{kept.pk}/")
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote(name)}"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == kept.file.read()


def test_only_a_re_encoded_photo_is_shown_inline_and_never_a_pdf(people, client_for):
    client = client_for("owner_x")
    _upload(client, people.report_a, "现场.png", png_bytes())
    _upload(client, people.report_a, "发票.pdf", pdf_bytes(), kind="invoice")
    photo, pdf = (Attachment.objects.get(report=people.report_a, name=name) for name in ("现场.png", "发票.pdf"))
    preview = client_for("city").get(f"/reports/attachments/{photo.pk}/preview/")
    assert preview["Content-Type"] == "image/png" and preview["Content-Disposition"].startswith("inline;")
    assert preview["X-Content-Type-Options"] == "nosniff"
    assert client_for("city").get(f"/reports/attachments/{pdf.pk}/preview/").status_code == 404
    assert (
        f"/reports/attachments/{pdf.pk}/preview/"
        not in client.get(f"/reports/r/{people.report_a.pk}/").content.decode()
    )


def test_a_file_kept_before_decoding_downloads_as_plain_bytes_whatever_it_holds(people, client_for):
    old = Attachment.objects.create(
        report=people.report_a, kind="invoice", name="旧发票.html", size=len(POLYGLOT), file=ContentFile(POLYGLOT, "x")
    )
    response = client_for("city").get(f"/reports/attachments/{old.pk}/")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client_for("city").get(f"/reports/attachments/{old.pk}/preview/").status_code == 404


def test_a_decompression_bomb_png_is_refused_in_chinese_and_nothing_is_stored(people, client_for, media):
    before = _state(people.report_a, media)
    response = _upload(client_for("owner_x"), people.report_a, "炸弹.png", bomb_png_bytes())
    assert "《炸弹.png》图片像素过多（超过 5,000 万像素）" in response.content.decode()
    assert _state(people.report_a, media) == before


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("加密.pdf", pdf_bytes(password="owner"), "《加密.pdf》是加密的 PDF"),
        ("空白.pdf", pdf_bytes(pages=0), "《空白.pdf》是没有页面的 PDF"),
        ("半截.png", png_bytes()[:-20], "《半截.png》图片已损坏或不完整"),
        ("发票.jpg", b"MZ\x90\x00 not an image", "《发票.jpg》不是有效的图片或 PDF 文件"),
    ],
)
def test_a_file_that_does_not_decode_is_refused_naming_it(people, client_for, media, name, data, message):
    before = _state(people.report_a, media)
    assert message in _upload(client_for("owner_x"), people.report_a, name, data).content.decode()
    assert _state(people.report_a, media) == before


def test_adding_and_removing_evidence_is_in_the_reports_history(
    people, client_for, media, django_capture_on_commit_callbacks
):
    client = client_for("owner_x")
    _upload(client, people.report_a, "现场.png", png_bytes())
    kept = Attachment.objects.get(report=people.report_a, name="现场.png")
    assert kept.file.name in _files(media)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            f"/reports/r/{people.report_a.pk}/attachments/remove/", {"attachment": kept.pk}, follow=True
        ).content.decode()
    assert not Attachment.objects.filter(pk=kept.pk).exists() and kept.file.name not in _files(media)
    added, removed = ChangeLogEntry.objects.for_object(people.report_a).order_by("id")
    described, owner = "《现场.png》现场照片，PNG 图片", people.users["owner_x"].username
    assert (added.username, added.reason, added.before, added.after) == (
        owner,
        "上传佐证材料",
        {},
        {"佐证材料": described},
    )
    assert (removed.username, removed.reason, removed.before, removed.after) == (
        owner,
        "删除佐证材料",
        {"佐证材料": described},
        {},
    )
    assert "已删除《现场.png》" in page
    assert page.count(described) == 2 and "上传佐证材料" in page and "删除佐证材料" in page


def test_a_confirmed_report_refuses_adding_and_removing_evidence_until_the_city_takes_back_the_confirmation(
    people, client_for, media
):
    Report.objects.filter(pk=people.report_a.pk).update(status=ReportStatus.CONFIRMED)
    client = client_for("owner_x")
    before = _state(people.report_a, media)
    page = _upload(client, people.report_a, "补充.png", png_bytes()).content.decode()
    assert "月报已确认，不能再上传材料" in page
    removal = client.post(
        f"/reports/r/{people.report_a.pk}/attachments/remove/", {"attachment": people.attachment_a.pk}, follow=True
    )
    assert "月报已确认，不能再删除材料" in removal.content.decode()
    assert _state(people.report_a, media) == before
    assert 'name="file"' not in page and 'name="attachment"' not in page

    services.report_reopen(by=people.users["city"], report=Report.objects.get(pk=people.report_a.pk), reason="补传发票")
    page = _upload(client, people.report_a, "补充.png", png_bytes()).content.decode()
    assert "已上传《补充.png》" in page and 'name="file"' in page and 'name="attachment"' in page


def test_a_locked_month_refuses_adding_and_removing_evidence(people, client_for, media):
    Period.objects.filter(pk=people.period.pk).update(is_locked=True)
    client = client_for("owner_x")
    before = _state(people.report_a, media)
    assert "已锁定，不能再上传材料" in _upload(client, people.report_a, "补充.png", png_bytes()).content.decode()
    removal = client.post(
        f"/reports/r/{people.report_a.pk}/attachments/remove/", {"attachment": people.attachment_a.pk}, follow=True
    )
    assert "已锁定，不能再删除材料" in removal.content.decode()
    assert _state(people.report_a, media) == before
