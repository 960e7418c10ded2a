"""Password rules, said in Chinese wherever a password is set (change password, the city's reset, first run,
`keyprojects createsuperuser` / `changepassword`).

Django's own validators are kept for what they check; only their words are ours. Django 5.2 rewrote the
"too short" message (`%d` instead of `%(min_length)d`) and its zh_Hans catalogue has no translation of the
new text, so that one message reached users in English; the others are Django's wording ("你的密码…"), which
reads as a translation. Saying every message here makes them consistent and independent of the catalogue.
"""

from django.contrib.auth import password_validation as django_rules

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
