"""The API's OpenAPI schema documents every answer an endpoint can give, errors included.

Which errors an operation can answer follows from what it is, so they are added here once rather
than declared on every view: every call needs a login (401); a call that is validated can be
refused as 400 (a request body, or query parameters); a detail path, or a page number past the
last page, is 404; a call that changes data, or that needs a permission beyond logging in, can be
refused as 403; every POST of this API is a workflow step (or a save the workflow checks), refused
in the object's current state with 409. A view may still declare any of these itself.
"""

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS, IsAuthenticated


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="中文说明")


# A rejected field names itself: {"amount": ["请填写合法的数字。"]}; a refusal of the whole request is {"detail": …}.
VALIDATION_ERROR_BODY = {
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "整个请求的问题（中文）"}},
    "additionalProperties": {"type": "array", "items": {"type": "string"}, "description": "该字段的问题（中文）"},
}

BAD_REQUEST = OpenApiResponse(VALIDATION_ERROR_BODY, description="请求有误：按字段列出问题")
UNAUTHENTICATED = OpenApiResponse(ErrorSerializer, description="未登录，或令牌无效")
FORBIDDEN = OpenApiResponse(ErrorSerializer, description="没有这项功能的权限")
NOT_FOUND = OpenApiResponse(ErrorSerializer, description="不存在，或不在您的权限范围内（页码超出范围亦同）")
CONFLICT = OpenApiResponse(ErrorSerializer, description="对象当前的状态不允许这一步（如月份已锁定、月报已确认）")

PAGE = "page"


class AutoSchema(SpectacularAutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code, response in self._error_responses().items():
            responses.setdefault(code, self._get_response_for_code(response, code, direction=direction))
        return responses

    def _error_responses(self) -> dict:
        errors = {"401": UNAUTHENTICATED}
        if self._is_validated():
            errors["400"] = BAD_REQUEST
        if self._needs_permission():
            errors["403"] = FORBIDDEN
        if "{" in self.path or (self._is_list_view() and self._get_paginator()):
            errors["404"] = NOT_FOUND
        if self.method == "POST":
            errors["409"] = CONFLICT
        return errors

    def _is_validated(self) -> bool:
        if self.method not in SAFE_METHODS and self.get_request_serializer() is not None:
            return True
        return any(p["in"] == "query" and p["name"] != PAGE for p in self._get_parameters())

    def _needs_permission(self) -> bool:
        if self.method not in SAFE_METHODS:
            return True
        return any(not isinstance(p, IsAuthenticated) for p in self.view.get_permissions())
