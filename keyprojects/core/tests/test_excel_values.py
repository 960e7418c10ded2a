from datetime import date, datetime
from decimal import Decimal

import pytest

from keyprojects.core.excel.values import (
    clean_text,
    normalize_header,
    normalize_text,
    parse_amount,
    parse_date,
    parse_decimal,
    parse_int,
)


def test_full_width_letters_digits_and_spaces_become_half_width():
    assert normalize_text("ＡＢＣ\u3000１２３－４５") == "ABC 123-45"


def test_runs_of_spaces_and_line_breaks_become_one_space():
    assert normalize_text("  新建厂房\n\n 5万平方米\t 配套道路  ") == "新建厂房 5万平方米 配套道路"


def test_an_empty_cell_is_empty_text():
    assert normalize_text(None) == ""


def test_text_kept_for_display_keeps_chinese_punctuation():
    assert clean_text(" 许昌市（东城区）供水工程：一期，３～５层\n") == "许昌市（东城区）供水工程：一期，3～5层"
    assert normalize_text("许昌市（东城区）") == "许昌市(东城区)"


@pytest.mark.parametrize(
    "value, amount",
    [
        (12345.67, "12345.67"),
        (1000, "1000.00"),
        ("1,234.5", "1234.50"),
        ("１２，３４５．６７", "12345.67"),
        ("  35,834.6 万元 ", "35834.60"),
        ("200万", "200.00"),
        ("-15.5", "-15.50"),
        (Decimal("3.333"), "3.33"),
    ],
)
def test_amounts_are_read_from_numbers_and_from_text(value, amount):
    assert parse_amount(value) == Decimal(amount)


def test_a_float_amount_carries_no_binary_noise():
    assert parse_amount(1.1) == Decimal("1.10")
    assert parse_amount(0.1 + 0.2) == Decimal("0.30")
    assert parse_decimal(1.1) == Decimal("1.1")


def test_amounts_are_rounded_half_up_to_cents():
    assert parse_amount("1.005") == Decimal("1.01")
    assert parse_amount(2.675) == Decimal("2.68")  # the float is 2.67499…; Excel shows 2.675


@pytest.mark.parametrize("value", [None, "", "   ", "\u3000"])
def test_a_blank_amount_is_none(value):
    assert parse_amount(value) is None


@pytest.mark.parametrize("value", ["abc", "1.2.3", "一百", "1e5", "12元", "-", True, date(2024, 1, 1), "9" * 40])
def test_anything_else_is_not_an_amount(value):
    with pytest.raises(ValueError, match="不是有效的金额"):
        parse_amount(value)


@pytest.mark.parametrize(
    "value",
    [
        "2019-03-01",
        "2019/3/1",
        "2019.3.1",
        "2019.3",
        "2019年3月1日",
        "2019年3月",
        "2019-3",
        "20190301",
        "２０１９年３月１日",
        " 2019 - 03 - 01 ",
        date(2019, 3, 1),
        datetime(2019, 3, 1, 10, 30),
        43525,  # Excel serial number
        43525.75,
        20190301,  # typed into a number cell
        2019.3,  # typed into a General cell
        2019.03,
    ],
)
def test_every_date_form_means_the_first_of_march_2019(value):
    assert parse_date(value) == date(2019, 3, 1)


def test_a_month_written_as_a_number_with_two_digits_is_read():
    assert parse_date(2019.12) == date(2019, 12, 1)
    assert parse_date(2019.11) == date(2019, 11, 1)


def test_a_month_that_excel_may_have_shortened_from_10_to_1_is_refused():
    with pytest.raises(ValueError, match="2019-01 或 2019-10"):
        parse_date(2019.1)


def test_excel_serial_numbers_follow_the_1900_date_system():
    assert parse_date(1) == date(1900, 1, 1)
    assert parse_date(59) == date(1900, 2, 28)
    assert parse_date(61) == date(1900, 3, 1)


@pytest.mark.parametrize("value", ["", "  ", None])
def test_a_blank_date_is_none(value):
    assert parse_date(value) is None


@pytest.mark.parametrize(
    "value",
    ["2019-02-30", "2019-13", "2019年2月30日", "20190230", "2019", "明年三月", "2019-03-01-02", 60, 0, -5, True],
)
def test_an_impossible_date_is_refused(value):
    with pytest.raises(ValueError, match="不是有效的日期"):
        parse_date(value)


def test_plain_decimals_and_integers_are_read():
    assert parse_decimal("１１３．８５２３６１") == Decimal("113.852361")
    assert parse_decimal(" ") is None
    assert parse_int("１２") == 12
    assert parse_int(12.0) == 12
    assert parse_int("3.0") == 3


def test_a_fraction_is_not_an_integer():
    with pytest.raises(ValueError, match="不是有效的整数"):
        parse_int(1.5)
    with pytest.raises(ValueError, match="不是有效的数字"):
        parse_decimal("东经113度")


@pytest.mark.parametrize(
    "header",
    [
        "总投资",
        "总投资(万元)",
        "总投资（万元）",
        "总投资【万元】",
        "总投资[万元]",
        "总投资［万元］",
        "总投资*",
        "总投资＊",
        "总投资（万元）*",
        "*总投资",
        "总 投 资",
        "总投资\n（万元）",
    ],
)
def test_a_header_loses_its_unit_its_star_and_its_spaces(header):
    assert normalize_header(header) == "总投资"
