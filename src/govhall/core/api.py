"""API plumbing shared by every context: strict pagination, the error format, coded-value labels.

Every error is JSON ``{"code": "<machine code>", "message": "<中文说明>", "detail": ...}`` so API
clients can branch on ``code`` and show ``message`` to people. ``detail`` holds the per-field
messages of a 400 (``{"page": ["页码应为正整数"]}``) and is ``null`` otherwise. A bad query
parameter is always a 400, never a 500 and never silently "corrected".

This module holds no business rule and imports no context.
"""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator as DjangoPaginator
from django.db import models
from django.http import Http404
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def page_number_from(request: Request) -> int:
    """The ``page`` query parameter as a positive integer (default 1); a 400 otherwise."""
    return _positive_int(request, "page", default=1, maximum=None, message="页码应为正整数")


def page_size_from(
    request: Request, *, default: int = DEFAULT_PAGE_SIZE, maximum: int = MAX_PAGE_SIZE
) -> int:
    """The ``page_size`` query parameter within 1..``maximum``; a 400 otherwise (never clamped silently)."""
    return _positive_int(
        request, "page_size", default=default, maximum=maximum, message=f"每页条数应为 1 至 {maximum} 的整数"
    )


def _positive_int(request: Request, name: str, *, default: int, maximum: int | None, message: str) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        raise exceptions.ValidationError({name: [message]})
    value = int(raw)
    if value < 1 or (maximum is not None and value > maximum):
        raise exceptions.ValidationError({name: [message]})
    return value


class Pagination(PageNumberPagination):
    """Page-number pagination: ``{"count", "next", "previous", "results"}``; bad or out-of-range pages are 400s."""

    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_query_description = "页码，从 1 开始。"
    page_size_query_description = f"每页条数，1 至 {MAX_PAGE_SIZE}，默认 {DEFAULT_PAGE_SIZE}。"

    def get_page_size(self, request: Request) -> int:
        return page_size_from(request, default=self.page_size, maximum=self.max_page_size)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> list[Any]:
        page_size = self.get_page_size(request)
        number = page_number_from(request)
        paginator = DjangoPaginator(queryset, page_size)
        if number > paginator.num_pages:
            raise exceptions.ValidationError({"page": [f"页码超出范围：共 {paginator.num_pages} 页"]})
        self.page = paginator.page(number)
        self.request = request
        return list(self.page)

    def response_for(
        self,
        *,
        request: Request,
        count: int,
        page: int,
        num_pages: int,
        results: Any,
        extra: dict[str, Any] | None = None,
    ) -> Response:
        """A paginated response for results that did not come from a queryset (e.g. a search backend)."""
        url = request.build_absolute_uri()
        next_link = replace_query_param(url, self.page_query_param, page + 1) if page < num_pages else None
        previous_link = None
        if page > 1:
            previous_link = (
                remove_query_param(url, self.page_query_param)
                if page == 2
                else replace_query_param(url, self.page_query_param, page - 1)
            )
        data = {"count": count, "next": next_link, "previous": previous_link, "results": results}
        return Response(data | (extra or {}))


class QuerySerializer(serializers.Serializer):
    """Validates query parameters; an empty parameter (``?region=``) counts as absent."""

    def to_internal_value(self, data: Any) -> Any:
        return super().to_internal_value({key: value for key, value in data.items() if value != ""})


def query_params(serializer_class: type[QuerySerializer], request: Request) -> dict[str, Any]:
    """The validated query parameters of ``request``; a 400 listing every bad parameter otherwise."""
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class NamedChoiceField(serializers.ChoiceField):
    """A read-only coded value whose schema enum is named after its choices class (``LimitUnit`` →
    ``LimitUnitEnum``), for choice sets used under several field names (no duplicate enum names)."""

    def __init__(self, choices: type[models.Choices], **kwargs: Any) -> None:
        self.choices_class = choices
        kwargs.setdefault("read_only", True)
        super().__init__(choices=choices.choices, **kwargs)


class NamedChoiceFieldExtension(OpenApiSerializerFieldExtension):
    target_class = NamedChoiceField

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> Any:
        choices = self.target.choices_class
        name = f"{choices.__name__}Enum"
        component = ResolvedComponent(
            name=name,
            type=ResolvedComponent.SCHEMA,
            object=name,
            schema={
                "type": "string" if issubclass(choices, str) else "integer",
                "enum": list(choices.values),
                "description": "\n".join(f"* `{value}` - {label}" for value, label in choices.choices),
            },
        )
        auto_schema.registry.register_on_missing(component)
        return component.ref


class ReadOnlyModelSerializer(serializers.ModelSerializer):
    """Output only: every field is read-only (and so required in the response schema)."""

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        for field in fields.values():
            field.read_only = True
        return fields


class ChoiceLabelField(serializers.CharField):
    """The Chinese label of a coded value (``"01"`` → ``"行政许可"``), shown next to the code."""

    def __init__(self, choices: type[models.Choices], **kwargs: Any) -> None:
        self.choices_class = choices
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str:
        return str(self.choices_class(value).label) if value not in (None, "") else ""


class ChoiceLabelListField(serializers.ListField):
    """The Chinese labels of a list of coded values, in the same order."""

    def __init__(self, choices: type[models.Choices], **kwargs: Any) -> None:
        self.choices_class = choices
        kwargs.setdefault("read_only", True)
        super().__init__(child=serializers.CharField(), **kwargs)

    def to_representation(self, data: Any) -> list[str]:
        return [str(self.choices_class(value).label) for value in data or []]


class ErrorSerializer(serializers.Serializer):
    """The error body (for the OpenAPI schema)."""

    code = serializers.CharField(help_text="机器可读的错误代码：invalid、not_found、method_not_allowed …")
    message = serializers.CharField(help_text="给人看的中文说明")
    detail = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        allow_null=True,
        help_text="400 时为各参数的错误信息 {参数名: [中文说明]}，其余情况为 null",
    )


_ERROR_DESCRIPTIONS = {
    400: "请求参数有误（code = invalid），detail 列出每个参数的问题",
    404: "未找到（code = not_found）",
}


def error_responses(*status_codes: int) -> dict[int, OpenApiResponse]:
    """Schema entries for the error statuses an endpoint can answer with."""
    return {
        code: OpenApiResponse(ErrorSerializer, description=_ERROR_DESCRIPTIONS[code]) for code in status_codes
    }


_MESSAGES = {
    "not_found": "未找到请求的资源",
    "invalid": "请求参数有误",
    "parse_error": "请求内容无法解析",
    "not_authenticated": "请先登录",
    "authentication_failed": "身份认证失败",
    "permission_denied": "没有权限执行此操作",
    "method_not_allowed": "不支持该请求方法",
    "not_acceptable": "无法提供请求的响应格式",
    "unsupported_media_type": "不支持请求内容的格式",
    "throttled": "请求过于频繁，请稍后再试",
}


# Errors whose DRF text is built from the request (method, media type …): we answer with our own message.
_FORMATTED_BY_DRF = (
    exceptions.MethodNotAllowed,
    exceptions.NotAcceptable,
    exceptions.UnsupportedMediaType,
    exceptions.Throttled,
)


def _django_validation_detail(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {field: list(messages) for field, messages in exc.message_dict.items()}
    return {"non_field_errors": list(exc.messages)}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, reshaped into ``{"code", "message", "detail"}`` with Chinese messages."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=_django_validation_detail(exc))
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        detail = _plain(response.data)
        if not isinstance(detail, dict):
            detail = {"non_field_errors": detail if isinstance(detail, list) else [detail]}
        response.data = {"code": "invalid", "message": _MESSAGES["invalid"], "detail": detail}
        return response
    code = "error"
    message = ""
    if isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else exc.default_code
        own_words = not isinstance(exc, _FORMATTED_BY_DRF) and str(exc.detail) != str(exc.default_detail)
        if isinstance(exc.detail, str) and own_words:
            message = str(exc.detail)  # a specific message given where the error was raised
    response.data = {"code": code, "message": message or _MESSAGES.get(code, "请求失败"), "detail": None}
    return response


def _plain(detail: Any) -> Any:
    """ErrorDetail trees → plain str/list/dict (what the JSON renderer writes anyway)."""
    if isinstance(detail, dict):
        return {str(key): _plain(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_plain(value) for value in detail]
    return str(detail)


class NotFoundView(APIView):
    """Any path under an API prefix that matches no endpoint: a JSON 404 rather than an HTML page."""

    authentication_classes: list[Any] = []
    permission_classes: list[Any] = []
    schema = None  # not an endpoint

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        raise exceptions.NotFound("没有这个接口地址")
