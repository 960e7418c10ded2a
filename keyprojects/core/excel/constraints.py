"""A row's values checked against the model fields they will be written to.

Without this a 300-character name slips into a 200-character column on SQLite, and PostgreSQL stops
the whole import with a database error instead of naming the row. The rules are read from the fields
themselves (max_length, choices, max_digits and decimal places, validators), so a column an importer
adds under a field's name is checked without new code.
"""

from django.core.exceptions import ValidationError

from .errors import CellError

SHOWN_CHARACTERS = 50  # of a long value, in the message: enough to find the cell
# Django's own wording of these is translated awkwardly ("确保该变量包含…"); ours says what to do.
REASONS = {
    "max_length": "不能超过 {limit_value} 个字（现有 {show_value} 个）",
    "max_digits": "数值过大：连同小数最多 {max} 位数字",
    "max_whole_digits": "数值过大：整数部分最多 {max} 位",
    "max_decimal_places": "小数最多 {max} 位",
    "min_value": "不能小于 {limit_value}",
    "max_value": "不能大于 {limit_value}",
    "invalid_choice": "不是可选的值",
}


def fields_for(model, columns, **extra) -> dict:
    """Column key → the model field its values go to: every column named after a concrete, non-relational
    field of `model`, plus `extra` (key → field) for columns written to another model."""
    names = {field.name: field for field in model._meta.concrete_fields if not field.is_relation}
    found = {column.key: names[column.key] for column in columns if column.key in names}
    return found | extra


def field_errors(row_number: int, values: dict, fields: dict, labels: dict) -> list[CellError]:
    """Every value that its field would refuse, as row errors; blanks are left to the required check."""
    errors = []
    for key, field in fields.items():
        for value in _each(values.get(key)):
            try:
                field.clean(value, None)
            except ValidationError as error:
                errors.append(CellError(row_number, labels[key], _shown(value), _reason(error)))
    return errors


def _reason(error: ValidationError) -> str:
    reasons = []
    for item in error.error_list:
        template = REASONS.get(item.code)
        reasons.append(template.format(**(item.params or {})) if template else "".join(item.messages))
    return "；".join(reasons)


def _shown(value) -> str:
    text = str(value)
    return text if len(text) <= SHOWN_CHARACTERS else f"{text[:SHOWN_CHARACTERS]}…"


def _each(value) -> list:
    # A column may hold several names (分包领导: 张三、李四); each goes into its own row of the field's table.
    values = value if isinstance(value, list | tuple) else [value]
    return [item for item in values if item is not None and item != ""]
