"""Public read-only REST endpoints for regions (行政区划) and departments (部门): /api/v1/regions/, /departments/.

Anonymous access; reads go through ``directory.selectors``; nothing here writes.
"""

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from govhall.core.api import Pagination, error_responses, query_params

from .models import Department, Region
from .selectors import department_get, department_list, region_ancestors, region_get, region_list
from .serializers import (
    DepartmentQuerySerializer,
    DepartmentSerializer,
    RegionDetailSerializer,
    RegionQuerySerializer,
    RegionSerializer,
)
from .services import region_code_normalise

REGION_CODE = OpenApiParameter(
    "code",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="区划代码：6 位（县级及以上）、9 位（乡镇）或 12 位",
)
CREDIT_CODE = OpenApiParameter(
    "credit_code", OpenApiTypes.STR, OpenApiParameter.PATH, description="部门的 18 位统一社会信用代码"
)


class PublicReadViewSet(viewsets.GenericViewSet):
    """Base of every public endpoint (directory and catalog): anonymous, read-only, paginated."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    pagination_class = Pagination
    lookup_value_regex = r"[^/]+"


def _region_or_404(code: str) -> Region:
    try:
        return region_get(code=region_code_normalise(code))
    except (DjangoValidationError, ObjectDoesNotExist) as exc:
        raise exceptions.NotFound(f"没有区划代码为“{code}”的行政区划") from exc


@extend_schema_view(
    list=extend_schema(
        summary="行政区划列表",
        tags=["行政区划"],
        parameters=[RegionQuerySerializer],
        description="按代码排序。可按上级区划、层级和名称筛选。",
        responses={200: RegionSerializer(many=True), **error_responses(400)},
    ),
    retrieve=extend_schema(
        summary="行政区划详情（含上级链与直接下级）",
        tags=["行政区划"],
        parameters=[REGION_CODE],
        description="代码可用 6、9 或 12 位形式。",
        responses={200: RegionDetailSerializer, **error_responses(404)},
    ),
)
class RegionViewSet(PublicReadViewSet):
    """行政区划 (GB/T 2260): the five levels from province to village."""

    lookup_field = "code"
    queryset = Region.objects.none()  # tells the schema generator the model; reads use selectors
    serializer_class = RegionSerializer

    def list(self, request: Request) -> Response:
        params = query_params(RegionQuerySerializer, request)
        parent = params.get("parent")
        regions = region_list(
            parent_code=parent.code if parent else None, level=params.get("level"), q=params.get("q", "")
        )
        page = self.paginate_queryset(regions)
        return self.get_paginated_response(RegionSerializer(page, many=True).data)

    def retrieve(self, request: Request, code: str) -> Response:
        region = _region_or_404(code)
        context = {
            "ancestors": region_ancestors(region=region)[:-1],
            "children": list(region_list(parent_code=region.code)),
        }
        return Response(RegionDetailSerializer(region, context=context).data)


@extend_schema_view(
    list=extend_schema(
        summary="部门列表",
        tags=["部门"],
        parameters=[DepartmentQuerySerializer],
        description="启用中的部门，按区划代码和名称排序。",
        responses={200: DepartmentSerializer(many=True), **error_responses(400)},
    ),
    retrieve=extend_schema(
        summary="部门详情",
        tags=["部门"],
        parameters=[CREDIT_CODE],
        description="按统一社会信用代码查询部门及其联系方式。",
        responses={200: DepartmentSerializer, **error_responses(404)},
    ),
)
class DepartmentViewSet(PublicReadViewSet):
    """部门: implementing bodies with their contact details."""

    lookup_field = "credit_code"
    queryset = Department.objects.none()  # tells the schema generator the model; reads use selectors
    serializer_class = DepartmentSerializer

    def list(self, request: Request) -> Response:
        params = query_params(DepartmentQuerySerializer, request)
        region = params.get("region")
        departments = department_list(region_code=region.code if region else None, q=params.get("q", ""))
        page = self.paginate_queryset(departments.select_related("parent"))
        return self.get_paginated_response(DepartmentSerializer(page, many=True).data)

    def retrieve(self, request: Request, credit_code: str) -> Response:
        try:
            department = department_get(credit_code=credit_code.strip().upper())
        except ObjectDoesNotExist as exc:
            raise exceptions.NotFound(f"没有统一社会信用代码为“{credit_code}”的部门") from exc
        return Response(DepartmentSerializer(department).data)
