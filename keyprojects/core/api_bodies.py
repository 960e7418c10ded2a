"""What every API request body is checked against before an action reads it: a JSON object, each field of
its declared type and length. A list, a number or `null` where an object belongs, or a number or a list
where a text belongs, is a 400 that names the field in Chinese, never a 500 from `request.data.get`."""

from collections.abc import Mapping

from rest_framework import serializers
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser as DRFJSONParser
from rest_framework.settings import api_settings

NOT_AN_OBJECT = '请求内容应为 JSON 对象，如 {"reason": "……"}。'
NOT_A_TEXT = "应填写文字。"
TOO_LONG = "不能超过 {max_length} 个字。"


class JSONParser(DRFJSONParser):
    """DRF's JSON parser, refusing a body nested too deeply for Python's parser (100,000 `[`) as unparsable
    rather than letting the RecursionError become a 500. The exception handler words every ParseError."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError() from None


class BodySerializer(serializers.Serializer):
    """A request body: refused as a whole, in Chinese, when it is not a JSON object (DRF's own words are
    "No data provided" for `null` and "期待为字典类型，得到的是 list" for a list)."""

    def run_validation(self, data=serializers.empty):
        if not isinstance(data, Mapping):
            raise serializers.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: [NOT_AN_OBJECT]}, code="invalid")
        return super().run_validation(data)


class TextField(serializers.CharField):
    """A text of at most `max_length` characters; a number, a true/false, a list or an object is refused
    (DRF's CharField would turn 123 and true into "123" and "True")."""

    def __init__(self, *, max_length: int, **kwargs):
        messages = {"invalid": NOT_A_TEXT, "max_length": TOO_LONG, **kwargs.pop("error_messages", {})}
        super().__init__(max_length=max_length, error_messages=messages, **kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)
