"""Real evidence files made in the test, so uploads are decoded as the platform decodes them."""

import io

from PIL import Image
from pypdf import PdfWriter

A4_POINTS = (595, 842)


def jpeg_bytes(*, size=(64, 48), exif=None) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(out, "JPEG", **({"exif": exif} if exif is not None else {}))
    return out.getvalue()


def png_bytes(*, size=(64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 80, 30)).save(out, "PNG")
    return out.getvalue()


def pdf_bytes(*, pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(*A4_POINTS)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
