"""Password rules, said in Chinese wherever a password is set (change password, the city's reset, first run,
`keyprojects createsuperuser` / `changepassword`).

Django's own validators are kept for what they check; only their words are ours. Django 5.2 rewrote the
"too short" message (`%d` instead of `%(min_length)d`) and its zh_Hans catalogue has no translation of the
new text, so that one message reached users in English; the others are Django's wording ("你的密码…"), which
reads as a translation. Saying every message here makes them consistent and independent of the catalogue.
"""

from django.contrib.auth import password_validation as django_rules
from django.core.exceptions import ValidationError

MIN_LENGTH = 8
# The personal fields a password must not resemble: Django's defaults plus the platform's 姓名 and 手机号.
PERSONAL_ATTRIBUTES = ("username", "name", "phone", "email")


class MinimumLengthValidator(django_rules.MinimumLengthValidator):
    def __init__(self, min_length: int = MIN_LENGTH):
        super().__init__(min_length=min_length)

    def get_error_message(self) -> str:
        return f"密码太短，至少要 {self.min_length} 个字符。"

    def get_help_text(self) -> str:
        return f"至少 {self.min_length} 个字符。"


class UserAttributeSimilarityValidator(django_rules.UserAttributeSimilarityValidator):
    def __init__(self, user_attributes=PERSONAL_ATTRIBUTES, max_similarity: float = 0.7):
        super().__init__(user_attributes=user_attributes, max_similarity=max_similarity)

    def get_error_message(self) -> str:
        return "密码与%(verbose_name)s太相似，请换一个。"

    def get_help_text(self) -> str:
        return "不能与账号、姓名或手机号相似。"


class CommonPasswordValidator(django_rules.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return "这个密码太常见，容易被猜中，请换一个。"

    def get_help_text(self) -> str:
        return "不能是常见密码（如 12345678、11111111）。"


class NumericPasswordValidator(django_rules.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return "密码不能全是数字，请加上字母或符号。"

    def get_help_text(self) -> str:
        return "不能全是数字。"


# A password typed by walking along these is guessed early: the alphabet, the digits and the keyboard rows, read
# left to right across the rows (qwertyuiopas goes on from one row to the next), and each of them backwards.
_WALKS = ("abcdefghijklmnopqrstuvwxyz", "01234567890", "1234567890qwertyuiopasdfghjklzxcvbnm")
MIN_KINDS = 2
KINDS_MESSAGE = "密码至少要包含字母、数字、符号中的两种，请加上数字或符号。"
WALK_MESSAGE = "密码不能是同一个字符的重复、连续的字母或数字、键盘上连着的一排键（如 aaaaaaaa、abcdefgh、qwertyui）。"


def _kind(character: str) -> str:
    if character.isdigit():
        return "digit"
    return "letter" if character.isalpha() else "symbol"


def _is_walk(password: str) -> bool:
    text = password.lower()
    if len(set(text)) == 1:
        return True
    return any(text in walk or text in walk[::-1] for walk in _WALKS)


class CharacterVarietyValidator:
    """At least two kinds of characters (letters, digits, symbols), and not one key held down or a row of keys:
    aaaaaaaaaaaa, abcdefghijkl and qwertyuiopas pass the length and common-password rules but fall at once."""

    def validate(self, password: str, user=None) -> None:
        errors = []
        if len({_kind(character) for character in password}) < MIN_KINDS:
            errors.append(ValidationError(KINDS_MESSAGE, code="password_too_uniform"))
        if _is_walk(password):
            errors.append(ValidationError(WALK_MESSAGE, code="password_keyboard_walk"))
        if errors:
            raise ValidationError(errors)

    def get_help_text(self) -> str:
        return "至少包含字母、数字、符号中的两种，不能是连续或重复的字符。"
