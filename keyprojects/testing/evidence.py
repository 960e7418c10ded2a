"""Real evidence files made in the test, so uploads are decoded as the platform decodes them."""

import io
import struct
import zlib

from PIL import ExifTags, Image
from pypdf import PdfWriter

A4_POINTS = (595, 842)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def jpeg_bytes(*, size=(64, 48), exif=None) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(out, "JPEG", **({"exif": exif} if exif is not None else {}))
    return out.getvalue()


def phone_exif(*, taken: str, latitude: tuple, longitude: tuple, north: str = "N", east: str = "E") -> Image.Exif:
    """EXIF as a phone writes it: DateTimeOriginal on its own clock, GPS as degrees, minutes, seconds."""
    exif = Image.Exif()
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = taken
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef], gps[ExifTags.GPS.GPSLatitude] = north, latitude
    gps[ExifTags.GPS.GPSLongitudeRef], gps[ExifTags.GPS.GPSLongitude] = east, longitude
    return exif


def png_bytes(*, size=(64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 80, 30)).save(out, "PNG")
    return out.getvalue()


def bomb_png_bytes(*, side: int = 30_000) -> bytes:
    """About 100 KB that declares side × side pixels (900 million by default): one bit each, all zero."""
    packer = zlib.compressobj(9)
    row = b"\x00" * (1 + side // 8)
    pixels = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return PNG_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", pixels) + _chunk(b"IEND", b"")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def pdf_bytes(*, pages: int = 1, password: str = "") -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(*A4_POINTS)
    if password:
        writer.encrypt(user_password="", owner_password=password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
