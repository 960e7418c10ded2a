"""What an evidence file (佐证材料) really is, found by decoding it: never by its first bytes or its name.

A photo (JPEG, PNG) is opened with Pillow, verified, fully decoded and re-encoded; what is kept is our encoding
of its pixels, so nothing an uploader hid in the file (trailing HTML, comments, text chunks) survives. Its EXIF
capture time and GPS position are read first and kept as data. A PDF is kept as uploaded, but only if pypdf
opens it, it is not encrypted and it has a page. Anything else is refused with a message naming the file.
"""

import dataclasses
import datetime
import io
import warnings
from decimal import Decimal, InvalidOperation
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils import timezone
from PIL import ExifTags, Image, ImageCms, ImageOps
from pypdf import PdfReader

from keyprojects.reports.choices import FileType

# A 48-megapixel phone photo fits; a decompression bomb (a few KB declaring a billion pixels) does not.
MAX_PIXELS = 50_000_000
JPEG_QUALITY = 90
CONTENT_TYPES = {FileType.JPEG: "image/jpeg", FileType.PNG: "image/png", FileType.PDF: "application/pdf"}
UNVERIFIED_CONTENT_TYPE = "application/octet-stream"  # an old file is bytes, never a type guessed from them
EXTENSIONS = {FileType.JPEG: (".jpg", ".jpeg"), FileType.PNG: (".png",), FileType.PDF: (".pdf",)}
DECODERS = ["JPEG", "PNG"]  # the only Pillow decoders an upload reaches
FOUND_AS = {"JPEG": FileType.JPEG, "MPO": FileType.JPEG, "PNG": FileType.PNG}  # MPO: a phone's multi-shot JPEG
# Pixel modes each encoder writes as they are; any other mode (a 32-bit PNG, say) is turned into RGB(A) first.
SAVEABLE_MODES = {FileType.JPEG: {"L", "RGB", "CMYK"}, FileType.PNG: {"1", "L", "LA", "P", "RGB", "RGBA", "I;16"}}
EXIF_TIME = "%Y:%m:%d %H:%M:%S"
COORDINATE = Decimal("0.000001")
SRGB = ImageCms.createProfile("sRGB")


@dataclasses.dataclass(frozen=True)
class Evidence:
    file_type: str
    content: bytes
    taken_at: datetime.datetime | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None


def examine(name: str, data: bytes) -> Evidence:
    """The file as it will be kept, or ValidationError saying in Chinese why 《name》 is refused."""
    image = _decoded_image(name, data)
    if image is not None:
        return _reencoded(image)
    if _parses_as_pdf(name, data):
        return Evidence(FileType.PDF, data)
    raise ValidationError(
        f"《{name}》不是有效的图片或 PDF 文件：只接受能打开的 JPG、PNG 照片或 PDF（按文件内容识别，改扩展名无效）。"
    )


def content_type(file_type: str) -> str:
    return CONTENT_TYPES.get(file_type, UNVERIFIED_CONTENT_TYPE)


def kept_name(name: str, file_type: str) -> str:
    """The name shown and downloaded: the uploader's, with the extension of what the file was found to be."""
    path = PurePath(name)
    if path.suffix.lower() in EXTENSIONS[file_type]:
        stem, suffix = path.stem, path.suffix
    else:  # 现场.html that is really a photo becomes 现场.html.png
        stem, suffix = path.name, EXTENSIONS[file_type][0]
    return f"{stem[: 200 - len(suffix)]}{suffix}"


# Photos ------------------------------------------------------------------------------------------


def _decoded_image(name: str, data: bytes) -> Image.Image | None:
    """The fully decoded photo; None when Pillow does not take it for a JPEG or PNG at all."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        # A decoder fed hostile bytes fails in many ways (OSError, SyntaxError, struct.error …), hence the
        # broad excepts: a header neither decoder takes is "not a photo"; pixels that fail are "damaged".
        try:
            probe = Image.open(io.BytesIO(data), formats=DECODERS)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_many_pixels(name) from None
        except Exception:
            return None
        if probe.width * probe.height > MAX_PIXELS:
            raise _too_many_pixels(name)
        try:
            probe.verify()
            image = Image.open(io.BytesIO(data), formats=DECODERS)
            image.load()
        except Exception:
            raise ValidationError(f"《{name}》图片已损坏或不完整，无法打开，请重新拍摄或导出后上传。") from None
    return image


def _too_many_pixels(name: str) -> ValidationError:
    return ValidationError(
        f"《{name}》图片像素过多（超过 {MAX_PIXELS // 10_000:,} 万像素），可能是恶意文件；请上传正常拍摄的照片。"
    )


def _reencoded(image: Image.Image) -> Evidence:
    file_type = FOUND_AS[image.format]
    taken_at, (latitude, longitude) = _taken_at(image), _position(image)
    # The EXIF (with its orientation) is not written again, so the pixels are turned upright first.
    clean = _in_srgb(ImageOps.exif_transpose(image))
    if clean.mode not in SAVEABLE_MODES[file_type]:
        clean = clean.convert("RGBA" if file_type == FileType.PNG and "A" in clean.getbands() else "RGB")
    transparency = clean.info.get("transparency")
    clean.info = {} if transparency is None else {"transparency": transparency}  # no comments, text, EXIF
    out = io.BytesIO()
    if file_type == FileType.JPEG:
        clean.save(out, "JPEG", quality=JPEG_QUALITY)
    else:
        clean.save(out, "PNG")
    return Evidence(file_type, out.getvalue(), taken_at, latitude, longitude)


def _in_srgb(image: Image.Image) -> Image.Image:
    """Colours from an embedded profile turned into sRGB, so the profile's bytes need not be kept."""
    profile = image.info.get("icc_profile")
    if not profile:
        return image
    mode = "RGBA" if "A" in image.getbands() else "RGB"
    try:
        return ImageCms.profileToProfile(image, io.BytesIO(profile), SRGB, outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image  # a profile that does not parse is dropped and the pixels kept as they are


# EXIF is whatever a camera or an uploader wrote: a fact that cannot be read is left out, never a
# reason to refuse the photo. Hence the broad excepts below.


def _taken_at(image: Image.Image) -> datetime.datetime | None:
    try:
        details = image.getexif().get_ifd(ExifTags.IFD.Exif)
        written = details.get(ExifTags.Base.DateTimeOriginal) or details.get(ExifTags.Base.DateTimeDigitized)
        moment = datetime.datetime.strptime(_text(written), EXIF_TIME)
        offset = _text(details.get(ExifTags.Base.OffsetTimeOriginal))
        if offset:
            return datetime.datetime.strptime(f"{_text(written)} {offset}", f"{EXIF_TIME} %z")
        # A camera without an offset writes its own clock; the platform's phones are on Beijing time.
        return timezone.make_aware(moment, timezone.get_default_timezone())
    except Exception:
        return None


def _position(image: Image.Image) -> tuple[Decimal | None, Decimal | None]:
    try:
        gps = image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        latitude = _degrees(gps[ExifTags.GPS.GPSLatitude], gps.get(ExifTags.GPS.GPSLatitudeRef), "S")
        longitude = _degrees(gps[ExifTags.GPS.GPSLongitude], gps.get(ExifTags.GPS.GPSLongitudeRef), "W")
    except Exception:
        return None, None
    if abs(latitude) > 90 or abs(longitude) > 180:
        return None, None
    return latitude, longitude


def _degrees(parts, ref, negative: str) -> Decimal:
    """(degrees, minutes, seconds) as EXIF rationals → signed decimal degrees."""
    value = Decimal(0)
    for part, scale in zip(parts, (1, 60, 3600), strict=True):
        value += Decimal(part.numerator) / Decimal(part.denominator) / scale
    if not value.is_finite():
        raise InvalidOperation
    return (-value if _text(ref).upper() == negative else value).quantize(COORDINATE)


def _text(value) -> str:
    if isinstance(value, bytes):
        value = value.decode("ascii", "ignore")
    return (value or "").strip("\x00 ")


# PDFs --------------------------------------------------------------------------------------------


def _parses_as_pdf(name: str, data: bytes) -> bool:
    # As with images, a parser fed hostile bytes fails in many ways; any failure means "not a PDF".
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(f"《{name}》是加密的 PDF，无法核验内容；请另存为未加密的 PDF 后上传。")
        pages = len(reader.pages)
    except ValidationError:
        raise
    except Exception:
        return False
    if pages < 1:
        raise ValidationError(f"《{name}》是没有页面的 PDF，请检查后重新导出。")
    return True
