"""One cell's value as offices type it, turned into text, Decimal, date or int.

Each parser returns None for a blank cell and raises ValueError with a short Chinese reason
that ends up in the list of refused cells.
"""

import math
import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from keyprojects.core.numbers import round2

# Full-width ASCII (！ to ～) to half-width, and the ideographic space to a plain one.
_HALF_WIDTH = str.maketrans({chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)} | {"\u3000": " "})
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")
# Chinese prose keeps its own punctuation: 许昌市（东城区）, 3～5层, 建设内容：厂房。
_PROSE_PUNCTUATION = "，：；！？（）～"
_HALF_WIDTH_KEEPING_PUNCTUATION = str.maketrans(
    {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F) if chr(code) not in _PROSE_PUNCTUATION}
    | {"\u3000": " "}
)

_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
_AMOUNT_UNIT = re.compile(r"(万元|万)$")
_DATE_FORMS = [
    re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})(?:[-/.]([0-9]{1,2}))?"),
    re.compile(r"([0-9]{4})年([0-9]{1,2})月(?:([0-9]{1,2})日)?"),
    re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})"),
]
# A unit or note in brackets at the end, and the * that marks a required column.
_HEADER_MARKS = re.compile(r"^\*+|(\*|[(\[【〔][^()\[\]【】〔〕]*[)\]】〕])+$")

NOT_AN_AMOUNT = "不是有效的金额"
NOT_A_DATE = "不是有效的日期"
NOT_A_NUMBER = "不是有效的数字"
NOT_AN_INTEGER = "不是有效的整数"


def normalize_text(value) -> str:
    """The cell as one line of text: half-width ASCII, single spaces, no surrounding blanks.

    For matching and parsing; text kept for display goes through clean_text instead.
    """
    return _one_line(value, _HALF_WIDTH)


def clean_text(value) -> str:
    """The cell as one line of text the way a Chinese document writes it.

    Like normalize_text, but the full-width punctuation of Chinese prose (，：；！？（）～) stays:
    a project called 许昌市（东城区）供水工程 must not come back as 许昌市(东城区)供水工程.
    """
    return _one_line(value, _HALF_WIDTH_KEEPING_PUNCTUATION)


def normalize_header(text) -> str:
    """A header name for matching: `总投资（万元）*` and `总 投 资` both become `总投资`."""
    return _HEADER_MARKS.sub("", normalize_text(text).replace(" ", ""))


def parse_amount(value) -> Decimal | None:
    """An amount in 万元 rounded half-up to 0.01; `１２，３４５．６７`, `1,234.5万元` and 1.1 all work."""
    number = _decimal(value, NOT_AN_AMOUNT, unit=_AMOUNT_UNIT)
    if number is None:
        return None
    try:
        return round2(number)
    except InvalidOperation:  # more digits than Decimal's 28 places of precision
        raise ValueError(NOT_AN_AMOUNT) from None


def parse_decimal(value) -> Decimal | None:
    return _decimal(value, NOT_A_NUMBER)


def parse_int(value) -> int | None:
    number = _decimal(value, NOT_AN_INTEGER)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise ValueError(NOT_AN_INTEGER)
    return int(number)


def parse_date(value) -> date | None:
    """An Excel date, serial number or text date; a month alone (`2019年3月`) means its first day."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _date_from_number(value)
    if isinstance(value, str):
        return _date_from_text(value)
    raise ValueError(NOT_A_DATE)


PARSERS = {
    "text": clean_text,
    "amount": parse_amount,
    "date": parse_date,
    "number": parse_decimal,
    "int": parse_int,
}


def _one_line(value, table: dict) -> str:
    if value is None:
        return ""
    text = _float_text(value) if isinstance(value, float) else str(value)
    if _FULL_WIDTH.search(text):
        text = text.translate(table)
    return " ".join(text.split())


def _float_text(number: float) -> str:
    # Excel shows 15 significant digits; reading the float the same way turns 1.1 into "1.1"
    # rather than its binary neighbour, and a sum like 0.1 + 0.2 into "0.3".
    return format(number, ".15g")


def _decimal(value, reason: str, unit: re.Pattern | None = None) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, float):
        number = Decimal(_float_text(value))
    elif isinstance(value, bool):
        raise ValueError(reason)
    elif isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, str):
        text = normalize_text(value).replace(" ", "").replace(",", "")
        if unit is not None:
            text = unit.sub("", text)
        if not text:
            return None
        if not _NUMBER.fullmatch(text):
            raise ValueError(reason)
        number = Decimal(text)
    else:
        raise ValueError(reason)
    if not number.is_finite():
        raise ValueError(reason)
    return number


def _date_from_text(value: str) -> date | None:
    text = normalize_text(value).replace(" ", "")
    if not text:
        return None
    for form in _DATE_FORMS:
        match = form.fullmatch(text)
        if match:
            year, month, day = match.groups()
            try:
                return date(int(year), int(month), int(day or 1))
            except ValueError:
                raise ValueError(NOT_A_DATE) from None
    raise ValueError(NOT_A_DATE)


def _date_from_number(number: int | float) -> date:
    if not math.isfinite(number):
        raise ValueError(NOT_A_DATE)
    # 20190301 typed into a number cell is a compact date, not a serial far past year 9999.
    if number == int(number) and 10000101 <= number <= 99991231:
        return _date_from_text(str(int(number)))
    # 2019.3 typed into a General cell arrives as a number; as a serial it would mean 1905.
    if 1000 <= number < 10000:
        text = _float_text(number)
        if text.endswith(".1"):  # Excel stores a typed 2019.10 as 2019.1
            year = text[:4]
            raise ValueError(f"年月有歧义（{year}年1月还是10月？），请写成 {year}-01 或 {year}-10")
        return _date_from_text(text)
    return _date_from_serial(number)


def _date_from_serial(serial: int | float) -> date:
    # Excel's 1900 date system counts 1900-02-29, a day that never was (serial 60).
    days = int(serial)
    if days < 1 or days == 60:
        raise ValueError(NOT_A_DATE)
    epoch = date(1899, 12, 30) if days > 60 else date(1899, 12, 31)
    try:
        return epoch + timedelta(days=days)
    except OverflowError:
        raise ValueError(NOT_A_DATE) from None
