"""Public read-only REST endpoints of the catalog: /api/v1/items/ (实施清单) and /api/v1/basic-items/ (基本目录).

Only live implementations are served, and of their history only published and superseded
versions: drafts, pending and rejected versions never leave the workbench. Search goes through
``search.query.item_search``; every other read through the selectors. Nothing here writes.
"""

from pathlib import PurePosixPath
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.files.storage import default_storage
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from govhall.core.api import Pagination, error_responses, page_number_from, query_params
from govhall.directory.api import PublicReadViewSet

from .api_filters import BasicItemQuerySerializer, ItemSearchQuerySerializer
from .models import CatalogItem, ItemImplementation
from .search.query import item_search
from .selectors import catalog_item_list, implementation_get_live, implementations_live_for_basic_code
from .selectors_api import (
    catalog_item_get_with_tree,
    implementation_get_live_identity,
    published_history,
    published_material_get,
    published_version_get,
)
from .serializers import (
    BasicItemDetailSerializer,
    BasicItemSerializer,
    ItemGuideSerializer,
    ItemHitSerializer,
    VersionDetailSerializer,
    VersionSummarySerializer,
)

IMPLEMENTATION_CODE = OpenApiParameter(
    "code",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="实施编码（基本编码 + 12 位区划代码 + 统一社会信用代码 [+ 办理项序号]）",
)
VERSION_NUMBER = OpenApiParameter("number", OpenApiTypes.INT, OpenApiParameter.PATH, description="版本号")
MATERIAL_FILE_KINDS = {"template": ("template_file", "空白表格"), "sample": ("sample_file", "示例样表")}
BASIC_CODE = OpenApiParameter("code", OpenApiTypes.STR, OpenApiParameter.PATH, description="12 位基本编码")


class ItemSearchPagination(Pagination):
    """The usual page plus what the search understood: ``query_terms`` and a ``suggestion``."""

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["query_terms"] = {
            "type": "array",
            "items": {"type": "string"},
            "description": "检索实际使用的词（分词、拼音转换后）",
        }
        paginated["properties"]["suggestion"] = {
            "type": "string",
            "nullable": True,
            "description": "没有结果时建议改用的关键词；没有则为 null",
        }
        paginated["properties"]["count_exact"] = {
            "type": "boolean",
            "description": "count 是否为精确数；为 false 时表示结果超过 count 条（如“10000 条以上”）",
        }
        paginated["required"] = [*paginated.get("required", []), "query_terms", "suggestion", "count_exact"]
        return paginated


def _live_or_404(code: str, *, with_guide: bool) -> ItemImplementation:
    try:
        if with_guide:
            return implementation_get_live(code=code)
        return implementation_get_live_identity(code=code)
    except ObjectDoesNotExist as exc:
        raise exceptions.NotFound(f"没有实施编码为“{code}”的在用事项") from exc


@extend_schema_view(
    list=extend_schema(
        summary="检索事项（实施清单）",
        tags=["事项"],
        parameters=[ItemSearchQuerySerializer],
        description="只返回在用事项。关键词支持中文、拼音和拼音首字母；没有关键词时按热度排序。",
        responses={200: ItemHitSerializer(many=True), **error_responses(400)},
    ),
    retrieve=extend_schema(
        summary="办事指南（在用版本的全部要素）",
        tags=["事项"],
        parameters=[IMPLEMENTATION_CODE],
        description="只提供在用事项（已发布且未暂停、未取消）的在用版本；名称、基本编码、事项类型和设定依据继承自基本目录。",
        responses={200: ItemGuideSerializer, **error_responses(404)},
    ),
    versions=extend_schema(
        summary="发布历史",
        tags=["事项"],
        parameters=[IMPLEMENTATION_CODE],
        description="已发布和已被替代的版本，新版本在前；草稿、待审核和已退回的版本不公开。",
        responses={200: VersionSummarySerializer(many=True), **error_responses(400, 404)},
    ),
    material_file=extend_schema(
        summary="下载材料的空白表格或示例样表",
        tags=["事项"],
        parameters=[
            IMPLEMENTATION_CODE,
            VERSION_NUMBER,
            OpenApiParameter("position", OpenApiTypes.INT, OpenApiParameter.PATH, description="材料序号"),
            OpenApiParameter(
                "kind",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=list(MATERIAL_FILE_KINDS),
                description="template 空白表格，sample 示例样表",
            ),
        ],
        description="只提供已发布或已被替代版本的文件。地址见办事指南中材料的 template_url、sample_url。",
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, **error_responses(404)},
    ),
    version=extend_schema(
        summary="某一发布版本的完整内容",
        tags=["事项"],
        parameters=[IMPLEMENTATION_CODE, VERSION_NUMBER],
        description="只提供已发布或已被替代的版本；草稿、待审核和已退回的版本一律 404。",
        responses={200: VersionDetailSerializer, **error_responses(404)},
    ),
)
class ItemViewSet(PublicReadViewSet):
    """实施清单: live implementations, their guides and their published history."""

    lookup_field = "code"
    queryset = ItemImplementation.objects.none()  # tells the schema generator the model; reads use selectors
    serializer_class = ItemGuideSerializer

    @property
    def pagination_class(self) -> type[Pagination]:  # type: ignore[override]
        """Search pages carry ``query_terms`` and ``suggestion`` (also in the schema)."""
        return ItemSearchPagination if getattr(self, "action", None) == "list" else Pagination

    def list(self, request: Request) -> Response:
        params = query_params(ItemSearchQuerySerializer, request)
        paginator = ItemSearchPagination()
        page_number, page_size = page_number_from(request), paginator.get_page_size(request)
        region, department = params.get("region"), params.get("department")
        result = item_search(
            q=params.get("q", ""),
            region_code=region.code if region else None,
            department_code=department.credit_code if department else None,
            audience=params.get("audience"),
            item_type=params.get("type"),
            min_depth=params.get("depth"),
            theme=params.get("theme"),
            page=page_number,
            page_size=page_size,
        )
        if page_number > result.num_pages:
            raise exceptions.ValidationError({"page": [f"页码超出范围：共 {result.num_pages} 页"]})
        hits = ItemHitSerializer(result.hits, many=True, context=self.get_serializer_context()).data
        return paginator.response_for(
            request=request,
            count=result.total,
            page=result.page,
            num_pages=result.num_pages,
            results=hits,
            extra={
                "query_terms": list(result.query_terms),
                "suggestion": result.suggestion,
                "count_exact": result.total_exact,
            },
        )

    def retrieve(self, request: Request, code: str) -> Response:
        implementation = _live_or_404(code, with_guide=True)
        assert implementation.published_version is not None  # live implies published
        context = self._version_context(implementation.code, implementation.published_version.number)
        return Response(ItemGuideSerializer(implementation, context=context).data)

    @action(detail=True, methods=["get"], url_path="versions", url_name="versions")
    def versions(self, request: Request, code: str) -> Response:
        implementation = _live_or_404(code, with_guide=False)
        page = self.paginate_queryset(published_history(implementation=implementation))
        data = VersionSummarySerializer(page, many=True, context=self.get_serializer_context()).data
        return self.get_paginated_response(data)

    @action(detail=True, methods=["get"], url_path=r"versions/(?P<number>[^/]+)", url_name="version")
    def version(self, request: Request, code: str, number: str) -> Response:
        implementation = _live_or_404(code, with_guide=False)
        try:
            version = published_version_get(implementation=implementation, number=int(number))
        except (ValueError, ObjectDoesNotExist) as exc:
            raise exceptions.NotFound(f"事项“{code}”没有已发布的第 {number} 版") from exc
        context = self._version_context(implementation.code, version.number)
        return Response(VersionDetailSerializer(version, context=context).data)

    @action(
        detail=True,
        methods=["get"],
        url_name="material-file",
        url_path=r"versions/(?P<number>[^/]+)/materials/(?P<position>[^/]+)/(?P<kind>[^/]+)",
    )
    def material_file(
        self, request: Request, code: str, number: str, position: str, kind: str
    ) -> FileResponse:
        implementation = _live_or_404(code, with_guide=False)
        not_found = exceptions.NotFound("未找到该文件")
        if kind not in MATERIAL_FILE_KINDS or not number.isdigit() or not position.isdigit():
            raise not_found
        try:
            material = published_material_get(
                implementation=implementation, number=int(number), position=int(position)
            )
        except ObjectDoesNotExist as exc:
            raise not_found from exc
        field_name, label = MATERIAL_FILE_KINDS[kind]
        stored = getattr(material, field_name)
        if not stored or not default_storage.exists(stored.name):
            raise not_found
        return FileResponse(
            default_storage.open(stored.name, "rb"),
            as_attachment=True,
            filename=f"{material.name}-{label}{PurePosixPath(stored.name).suffix}",
        )

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # A file download answers whatever the client accepts; errors still render as JSON.
        return super().perform_content_negotiation(request, force=force or self.action == "material_file")

    def _version_context(self, code: str, number: int) -> dict[str, Any]:
        return {**self.get_serializer_context(), "implementation_code": code, "version_number": number}


@extend_schema_view(
    list=extend_schema(
        summary="基本目录事项列表",
        tags=["基本目录"],
        parameters=[BasicItemQuerySerializer],
        description="按基本编码排序。可按名称（或基本编码开头）和事项类型筛选。",
        responses={200: BasicItemSerializer(many=True), **error_responses(400)},
    ),
    retrieve=extend_schema(
        summary="基本目录事项详情（按基本编码，含子项、业务办理项和各地在用实施清单）",
        tags=["基本目录"],
        parameters=[BASIC_CODE],
        responses={200: BasicItemDetailSerializer, **error_responses(404)},
        description="按基本编码查询，列出各地各部门在用的实施清单。",
    ),
)
class BasicItemViewSet(PublicReadViewSet):
    """基本目录: items defined once and inherited by every implementation."""

    lookup_field = "code"
    queryset = CatalogItem.objects.none()  # tells the schema generator the model; reads use selectors
    serializer_class = BasicItemSerializer

    def list(self, request: Request) -> Response:
        params = query_params(BasicItemQuerySerializer, request)
        items = catalog_item_list(q=params.get("q", ""), item_type=params.get("type", ""))
        page = self.paginate_queryset(items)
        return self.get_paginated_response(
            BasicItemSerializer(page, many=True, context=self.get_serializer_context()).data
        )

    def retrieve(self, request: Request, code: str) -> Response:
        try:
            item = catalog_item_get_with_tree(code=code.strip().upper())
        except ObjectDoesNotExist as exc:
            raise exceptions.NotFound(f"没有基本编码为“{code}”的基本目录事项") from exc
        context = {
            **self.get_serializer_context(),
            "implementations": list(implementations_live_for_basic_code(basic_code=item.code)),
        }
        return Response(BasicItemDetailSerializer(item, context=context).data)
