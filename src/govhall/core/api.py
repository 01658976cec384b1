"""API plumbing shared by every context: pagination and the error format.

Every error is JSON ``{"code": "<machine code>", "message": "<中文说明>", "detail": ...}`` so API
clients can branch on ``code`` and show ``message`` to people.
"""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class Pagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


_MESSAGES = {
    "not_found": "未找到请求的资源",
    "invalid": "请求参数有误",
    "parse_error": "请求内容无法解析",
    "not_authenticated": "请先登录",
    "authentication_failed": "身份认证失败",
    "permission_denied": "没有权限执行此操作",
    "method_not_allowed": "不支持该请求方法",
    "throttled": "请求过于频繁，请稍后再试",
}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            detail=exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    code = getattr(exc, "default_code", "error")
    if isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        if isinstance(codes, str):
            code = codes
    if response.status_code == status.HTTP_400_BAD_REQUEST:
        code = "invalid"
    message = _MESSAGES.get(code, "请求失败")
    response.data = {"code": code, "message": message, "detail": response.data}
    return response
