"""/api/v1/ endpoints of the ``cases`` context: applying (forms, drafts, submit), my cases, progress, staff handling.

Applicants use their portal session (person, or acting for an enterprise as chosen in the portal);
staff use a workbench session — password and TOTP verified, like every workbench page — and see
only cases in their scope (``selectors.cases_for_staff``): anything else is a 404, exactly as if it
did not exist. Unsafe methods need the session's CSRF token (``X-CSRFToken``), as for any session API.

Views are thin: parse, load-and-check through a selector, call one service, shape the answer.
Service errors become the usual JSON body (``core.api``): ``ValidationError`` → 400 with ``detail``
keyed by field path, ``PermissionDenied`` → 403 with the service's Chinese message, a missing or
foreign object → 404, a reused ``Idempotency-Key`` → 409.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import QuerySet
from django.urls import path
from django.utils.cache import add_never_cache_headers
from django_ratelimit.core import is_ratelimited
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from govhall.catalog.application_forms import form_fields, scenario_answers_clean, scenario_materials
from govhall.catalog.models import ImplementationVersion
from govhall.catalog.selectors import implementation_get_live
from govhall.core.api import ErrorSerializer, Pagination, query_params
from govhall.core.client_address import client_address
from govhall.directory.models import Region
from govhall.identity.api import SessionAuthenticationWithChallenge
from govhall.identity.scope import StaffScope, staff_scope_of
from govhall.identity.selectors import staff_profile_for
from govhall.identity.session import STAFF_KEY, session_identity

from . import selectors
from . import serializers as s
from .models import Case, CaseTask, Draft, Extension, SpecialProcedure
from .services import drafts, handling
from .services.applicants import Applicant, applicant_from_session
from .services.drafts import material_is_exempt
from .services.submit import IdempotencyConflict, case_submit

IDEMPOTENCY_HEADER = "Idempotency-Key"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "idempotency_conflict"
    default_detail = "该 Idempotency-Key 已用于另一份申请"


_ERRORS = {
    400: "请求有误（code = invalid），detail 按字段路径列出每个问题",
    401: "未登录（code = not_authenticated）",
    403: "无权操作（code = permission_denied），message 说明原因",
    404: "未找到，或不在您的权限范围内（code = not_found）",
    409: "Idempotency-Key 已用于另一份申请（code = idempotency_conflict）",
    429: "查询过于频繁（code = throttled）",
}


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    return {code: OpenApiResponse(ErrorSerializer, description=_ERRORS[code]) for code in codes}


def _chinese(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def _api_error(exc: Exception) -> Exception:
    """Service exceptions → DRF exceptions carrying their Chinese message."""
    if isinstance(exc, IdempotencyConflict):
        return Conflict()
    if isinstance(exc, DjangoPermissionDenied):
        message = str(exc)
        return exceptions.PermissionDenied(message) if _chinese(message) else exceptions.PermissionDenied()
    if isinstance(exc, ObjectDoesNotExist):
        message = str(exc)
        return exceptions.NotFound(message) if _chinese(message) else exceptions.NotFound()
    return exc


class SessionAPIView(APIView):
    """A session-authenticated endpoint (401 for anonymous callers); answers are never cached."""

    authentication_classes = [SessionAuthenticationWithChallenge]
    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    def handle_exception(self, exc: Exception) -> Response:
        return super().handle_exception(_api_error(exc))

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        add_never_cache_headers(response)
        return response


def _valid(serializer_class: type[serializers.Serializer], request: Request, **kwargs: Any) -> dict[str, Any]:
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


# --- applicants ----------------------------------------------------------------------------------


def applicant_of(request: Request) -> Applicant:
    """The applicant the session speaks for; staff and other accounts without a person get a 403."""
    identity = session_identity(request._request)
    return applicant_from_session(
        request.user,
        level=identity.level if identity else "",
        enterprise_id=identity.enterprise_id if identity else None,
        mandate_id=identity.mandate_id if identity else None,
    )


def _answers_param(request: Request) -> dict[str, str] | None:
    raw = request.query_params.get("answers")
    if raw in (None, ""):
        return None
    try:
        answers = json.loads(raw)
    except ValueError:
        answers = None
    if not isinstance(answers, dict) or not all(isinstance(v, str) for v in answers.values()):
        raise exceptions.ValidationError({"answers": ['情形回答应为 JSON 对象，如 {"apply_kind": "first"}']})
    return answers


def _form_material(material: Any) -> dict[str, Any]:
    return {
        "position": material.position,
        "name": material.name,
        "requirement": material.requirement,
        "required": material.requirement == "required",
        "exempt": material_is_exempt(material),
        "licence_types": list(material.licence_types or []),
        "applies_when": dict(material.applies_when or {}),
        "condition_note": material.condition_note,
    }


class ApplicationFormView(APIView):
    """GET /api/v1/items/{code}/form/ — the application form of a live item (public)."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    @extend_schema(
        summary="申请表单、情形引导与适用材料",
        tags=["申请"],
        parameters=[
            OpenApiParameter("code", OpenApiTypes.STR, OpenApiParameter.PATH, description="实施编码"),
            OpenApiParameter(
                "answers",
                OpenApiTypes.STR,
                description='情形回答（JSON 对象，如 {"apply_kind": "renewal"}）：给出时只列适用的字段和材料，'
                "须回答全部问题；不给时列出全部材料及其适用情形",
            ),
        ],
        description="在用指南版本的申请表单（JSON Schema 及按顺序排列的字段）、情形引导问题和申请材料。"
        "资料项字段（x-profile）由实名账号带出，只读。",
        responses={200: s.ApplicationFormSerializer, **errors(400, 404)},
    )
    def get(self, request: Request, code: str) -> Response:
        try:
            implementation = implementation_get_live(code=code)
        except ObjectDoesNotExist as exc:
            raise exceptions.NotFound(f"没有实施编码为“{code}”的在用事项") from exc
        version = implementation.published_version
        assert version is not None
        answers = _answers_param(request)
        if answers is not None:
            try:
                answers = scenario_answers_clean(version.scenario, answers)
            except Exception as exc:  # ValidationError keyed by question
                raise exceptions.ValidationError(
                    {
                        f"answers.{k}": v
                        for k, v in getattr(exc, "message_dict", {"answers": exc.messages}).items()
                    }
                ) from exc
        materials = list(version.materials.all())
        if answers is not None:
            materials = scenario_materials(materials, answers)
        data = {
            "implementation_code": implementation.code,
            "item_name": implementation.name,
            "version_number": version.number,
            "required_level": version.required_level,
            "scenario": (version.scenario or {}).get("questions", []),
            "answers": answers,
            "form_schema": version.form_schema or {},
            "fields": [_field(f) for f in form_fields(version.form_schema or {}, answers or {})],
            "materials": [_form_material(m) for m in materials],
        }
        return Response(s.ApplicationFormSerializer(data).data)


def _field(field: Any) -> dict[str, Any]:
    return {
        "key": field.key,
        "path": field.path,
        "title": field.title,
        "widget": field.widget,
        "type": field.type,
        "required": field.required,
        "choices": list(field.choices),
        "profile": field.profile,
        "readonly": field.readonly,
        "help": field.help,
        "max_length": field.max_length,
        "min_items": field.min_items,
        "max_items": field.max_items,
        "children": [_field(child) for child in field.children],
    }


def _draft_response(draft: Draft, *, status_code: int = 200) -> Response:
    version = ImplementationVersion.objects.filter(pk=draft.version_id).first()
    slots = drafts.draft_slots(draft, version, draft.scenario_answers) if version is not None else []
    return Response(s.DraftSerializer(draft, context={"slots": slots}).data, status=status_code)


DRAFT_ID = OpenApiParameter("draft_id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="草稿 id")
CASE_NUMBER = OpenApiParameter("number", OpenApiTypes.STR, OpenApiParameter.PATH, description="办件编号")


class DraftListView(SessionAPIView):
    """GET/POST /api/v1/drafts/ — my unsubmitted drafts; open one for an item."""

    @extend_schema(
        summary="我的草稿",
        tags=["申请"],
        description="当前身份（个人，或正在代表的企业）尚未提交的草稿，最近修改的在前。",
        responses={200: s.DraftSerializer(many=True), **errors(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        paginator = Pagination()
        page = paginator.paginate_queryset(
            selectors.drafts_of_applicant(applicant_of(request)).prefetch_related("materials"), request, self
        )
        return paginator.get_paginated_response(
            s.DraftSerializer(page, many=True, context={"slots": []}).data
        )

    @extend_schema(
        summary="开始申请（打开草稿）",
        tags=["申请"],
        description="为在用事项打开草稿；已有未提交的草稿时返回该草稿（200），否则新建（201）。",
        request=s.DraftOpenSerializer,
        responses={201: s.DraftSerializer, 200: s.DraftSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request) -> Response:
        applicant = applicant_of(request)
        code = _valid(s.DraftOpenSerializer, request)["implementation_code"].strip()
        existed = selectors.drafts_of_applicant(applicant).filter(implementation_code=code).exists()
        try:
            draft = drafts.draft_open(applicant=applicant, implementation_code=code)
        except ObjectDoesNotExist as exc:
            raise exceptions.NotFound(f"没有实施编码为“{code}”的在用事项") from exc
        return _draft_response(draft, status_code=200 if existed else 201)


class DraftDetailView(SessionAPIView):
    """GET/PATCH /api/v1/drafts/{id}/."""

    @extend_schema(
        summary="草稿详情",
        tags=["申请"],
        parameters=[DRAFT_ID],
        description="草稿内容、已提供的材料，以及按当前情形适用的材料是否齐全。",
        responses={200: s.DraftSerializer, **errors(401, 403, 404)},
    )
    def get(self, request: Request, draft_id: Any) -> Response:
        return _draft_response(drafts.draft_for(applicant_of(request), draft_id))

    @extend_schema(
        summary="保存草稿",
        tags=["申请"],
        parameters=[DRAFT_ID],
        description="边填边存：给出的字段替换已保存的内容，未给出的保持不变。提交时才严格校验表单。",
        request=s.DraftUpdateSerializer,
        responses={200: s.DraftSerializer, **errors(400, 401, 403, 404)},
    )
    def patch(self, request: Request, draft_id: Any) -> Response:
        draft = drafts.draft_for(applicant_of(request), draft_id)
        data = _valid(s.DraftUpdateSerializer, request)
        drafts.draft_save(draft=draft, **data)
        return _draft_response(draft)


class DraftMaterialsView(SessionAPIView):
    """POST /api/v1/drafts/{id}/materials/ — an upload (multipart) or a licence from the wallet."""

    @extend_schema(
        summary="上传材料或选用电子证照",
        tags=["申请"],
        parameters=[DRAFT_ID],
        description="multipart/form-data：position（材料序号）加 file（PDF/JPG/PNG，按内容识别，手机照片自动转正、压缩），"
        "或 licence_identifier（证照夹中本人/本单位有效的电子证照，选用即同意用作本次申请材料，提交时记录）。",
        request={"multipart/form-data": s.DraftMaterialAddSerializer},
        responses={201: s.DraftMaterialSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request, draft_id: Any) -> Response:
        applicant = applicant_of(request)
        draft = drafts.draft_for(applicant, draft_id)
        data = _valid(s.DraftMaterialAddSerializer, request)
        if data.get("file"):
            upload = data["file"]
            row = drafts.draft_material_upload(
                draft=draft, position=data["position"], content=upload.read(), filename=upload.name or ""
            )
        else:
            row = drafts.draft_material_licence(
                draft=draft,
                applicant=applicant,
                position=data["position"],
                identifier=data["licence_identifier"],
            )
        return Response(s.DraftMaterialSerializer(row).data, status=status.HTTP_201_CREATED)


class DraftMaterialView(SessionAPIView):
    """DELETE /api/v1/drafts/{id}/materials/{material_id}/."""

    @extend_schema(
        summary="删除已上传的材料",
        tags=["申请"],
        parameters=[
            DRAFT_ID,
            OpenApiParameter(
                "material_id", OpenApiTypes.INT, OpenApiParameter.PATH, description="草稿材料 id"
            ),
        ],
        responses={204: None, **errors(400, 401, 403, 404)},
    )
    def delete(self, request: Request, draft_id: Any, material_id: int) -> Response:
        draft = drafts.draft_for(applicant_of(request), draft_id)
        if not draft.materials.filter(pk=material_id).exists():
            raise exceptions.NotFound("草稿中没有该材料")
        drafts.draft_material_remove(draft=draft, material_id=material_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class DraftSubmitView(SessionAPIView):
    """POST /api/v1/drafts/{id}/submit/ — idempotent with ``Idempotency-Key``."""

    @extend_schema(
        summary="提交申请",
        tags=["申请"],
        parameters=[
            DRAFT_ID,
            OpenApiParameter(
                IDEMPOTENCY_HEADER,
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                required=True,
                description="幂等键（1–100 个字符，如 UUID）：重试时带同一个键，得到同一个办件，不会重复申报",
            ),
        ],
        description="校验表单、情形和必要材料后生成办件（首次 201）。用同一 Idempotency-Key 重试返回同一办件（200）；"
        "同一个键用于另一份草稿为 409。校验不通过为 400，detail 按路径列出问题（scenario.<问题>、form.<字段路径>、materials）。",
        request=s.DraftSubmitSerializer,
        responses={201: s.CaseSerializer, 200: s.CaseSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, draft_id: Any) -> Response:
        applicant = applicant_of(request)
        key = (request.headers.get(IDEMPOTENCY_HEADER) or "").strip()
        if not key:
            raise exceptions.ValidationError(
                {
                    IDEMPOTENCY_HEADER: [
                        "请在请求头 Idempotency-Key 中提供幂等键（如 UUID），重试时使用同一个键"
                    ]
                }
            )
        draft = drafts.draft_for(applicant, draft_id)
        data = _valid(s.DraftSubmitSerializer, request)
        region = None
        if data.get("preliminary_region"):
            region = (
                Region.objects.filter(code__startswith=data["preliminary_region"].strip())
                .order_by("code")
                .first()
            )
            if region is None:
                raise exceptions.ValidationError({"preliminary_region": ["没有该行政区划"]})
        case = case_submit(draft=draft, applicant=applicant, idempotency_key=key, preliminary_region=region)
        created = getattr(case, "submitted_now", False)
        return _case_response(case, status_code=201 if created else 200)


def _case_response(case: Case, *, status_code: int = 200) -> Response:
    context = {
        "timeline": selectors.timeline(case, public_only=True),
        "materials": selectors.current_materials(case),
        "open_correction": selectors.open_correction(case),
    }
    return Response(s.CaseSerializer(case, context=context).data, status=status_code)


class CaseListView(SessionAPIView):
    """GET /api/v1/cases/ — 我的办件."""

    @extend_schema(
        summary="我的办件",
        tags=["我的办件"],
        description="个人的申请；代表企业时为该企业的全部办件。最新申报的在前。",
        responses={200: s.CaseSummarySerializer(many=True), **errors(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        cases: QuerySet[Case] = selectors.cases_of_applicant(applicant_of(request)).select_related(
            "department"
        )
        paginator = Pagination()
        page = paginator.paginate_queryset(cases.order_by("-submitted_at", "-id"), request, self)
        return paginator.get_paginated_response(s.CaseSummarySerializer(page, many=True).data)


class CaseDetailView(SessionAPIView):
    """GET /api/v1/cases/{number}/."""

    @extend_schema(
        summary="办件详情",
        tags=["我的办件"],
        parameters=[CASE_NUMBER],
        description="状态、时限、办理进度（公开环节）、现行材料和待补正的告知。他人的办件一律 404。",
        responses={200: s.CaseSerializer, **errors(401, 403, 404)},
    )
    def get(self, request: Request, number: str) -> Response:
        return _case_response(selectors.case_of_applicant(applicant_of(request), number))


class CaseCorrectionView(SessionAPIView):
    """POST /api/v1/cases/{number}/correction/ — the single answer to a correction notice."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        summary="提交补正材料",
        tags=["我的办件"],
        parameters=[CASE_NUMBER],
        description="multipart/form-data，一次补齐告知的全部材料：file_<材料序号> 上传文件（可多个），"
        "或 licence_<材料序号> 选用电子证照标识；note 为补正说明。缺任何一项为 400。",
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {"note": {"type": "string", "description": "补正说明"}},
                "additionalProperties": {"type": "string", "format": "binary"},
            }
        },
        responses={200: s.CaseSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request, number: str) -> Response:
        applicant = applicant_of(request)
        case = selectors.case_of_applicant(applicant, number)
        note = _valid(s.CorrectionAnswerSerializer, request).get("note", "")
        uploads: dict[int, list[tuple[str, bytes]]] = {}
        for name in request.FILES:
            position = _suffix_number(name, "file_")
            uploads.setdefault(position, []).extend(
                (f.name or "", f.read()) for f in request.FILES.getlist(name)
            )
        licences = {
            _suffix_number(name, "licence_"): str(value).strip()
            for name, value in request.data.items()
            if name.startswith("licence_") and str(value).strip()
        }
        handling.case_correction_answer(
            applicant=applicant, case=case, uploads=uploads, licences=licences, note=note
        )
        return _case_response(selectors.case_of_applicant(applicant, number))


def _suffix_number(name: str, prefix: str) -> int:
    tail = name[len(prefix) :] if name.startswith(prefix) else ""
    if not tail.isdigit() or len(tail) > 3:
        raise exceptions.ValidationError({name: [f"字段名应为 {prefix}<材料序号>"]})
    return int(tail)


class CaseWithdrawView(SessionAPIView):
    """POST /api/v1/cases/{number}/withdraw/."""

    @extend_schema(
        summary="撤回申请",
        tags=["我的办件"],
        parameters=[CASE_NUMBER],
        description="作出决定前可撤回，须说明原因。",
        request=s.WithdrawSerializer,
        responses={200: s.CaseSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request, number: str) -> Response:
        applicant = applicant_of(request)
        case = selectors.case_of_applicant(applicant, number)
        reason = _valid(s.WithdrawSerializer, request)["reason"]
        return _case_response(handling.case_withdraw(applicant=applicant, case=case, reason=reason))


class ProgressView(APIView):
    """GET /api/v1/progress/ — the public progress query (anonymous, rate-limited per address)."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    @extend_schema(
        summary="办件进度查询",
        tags=["我的办件"],
        parameters=[s.ProgressQuerySerializer],
        description="凭办件编号和申请人证件号码（或统一社会信用代码）后 6 位查询，无需登录；按来源地址限制频率。"
        "编号或后 6 位不符一律 404，不提示哪一项不对。",
        responses={200: s.ProgressSerializer, **errors(400, 404, 429)},
    )
    def get(self, request: Request) -> Response:
        rate = settings.GOVHALL.get("PROGRESS_RATE", "10/m")
        if is_ratelimited(request._request, group="cases.progress", key=_address, rate=rate, increment=True):
            raise exceptions.Throttled()
        params = query_params(_ProgressQuery, request)
        case = selectors.case_public_progress(params["number"], params["tail"])
        if case is None:
            raise exceptions.NotFound("未查到该办件，请核对办件编号和证件号码后 6 位")
        data = s.ProgressSerializer(
            case, context={"timeline": selectors.timeline(case, public_only=True)}
        ).data
        response = Response(data)
        add_never_cache_headers(response)
        return response


def _address(group: str, request: Any) -> str:
    """The client's address (behind the trusted proxy); requests without one share a single budget."""
    return client_address(request) or "unknown"


class _ProgressQuery(s.ProgressQuerySerializer):
    def to_internal_value(self, data: Any) -> Any:
        return super().to_internal_value({k: v for k, v in data.items() if v != ""})


# --- staff ---------------------------------------------------------------------------------------


class VerifiedStaffSession(BasePermission):
    """A workbench session (password + TOTP) of staff who handle cases; the scope goes on the request."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False  # → 401
        profile = staff_profile_for(request.user)
        if profile is None:
            raise exceptions.PermissionDenied("仅工作人员可以使用该接口")
        is_verified = getattr(request.user, "is_verified", None)
        if not (request.session.get(STAFF_KEY) and callable(is_verified) and is_verified()):
            raise exceptions.PermissionDenied("请通过工作台登录（密码和动态口令）后再使用该接口")
        if profile.must_change_password:
            raise exceptions.PermissionDenied("请先在工作台修改初始密码")
        scope = staff_scope_of(profile)
        if not scope.has_role(*selectors.CASE_ROLES):
            raise exceptions.PermissionDenied("您的角色不办理办件")
        request.staff_scope = scope  # type: ignore[attr-defined]
        return True


class StaffAPIView(SessionAPIView):
    permission_classes = [VerifiedStaffSession]

    def scope(self, request: Request) -> StaffScope:
        return request.staff_scope  # type: ignore[attr-defined,no-any-return]


def _staff_case_response(scope: StaffScope, number: str, *, status_code: int = 200) -> Response:
    case = selectors.case_for_staff(scope, number)
    case = (
        Case.objects.prefetch_related("extensions", "corrections", "special_procedures")
        .select_related("department", "applicant", "enterprise")
        .get(pk=case.pk)
    )
    context = {
        "timeline": selectors.timeline(case, public_only=False),
        "materials": selectors.current_materials(case),
        "open_correction": selectors.open_correction(case),
        "tasks": selectors.open_tasks(case),
        "user_id": scope.user_id,
    }
    return Response(s.StaffCaseSerializer(case, context=context).data, status=status_code)


class InboxView(StaffAPIView):
    """GET /api/v1/staff/inbox/ — 待办."""

    @extend_schema(
        summary="待办",
        tags=["办件办理"],
        parameters=[s.InboxQuerySerializer],
        description="本部门、本人角色的待办，期限最近的在前；due_colour 为期限颜色。仅限工作台登录的办件办理人员。",
        responses={200: s.TaskSerializer(many=True), **errors(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        params = query_params(_InboxQuery, request)
        tasks = selectors.inbox(self.scope(request), selectors.InboxFilter(**params))
        paginator = Pagination()
        page = paginator.paginate_queryset(tasks, request, self)
        data = s.TaskSerializer(page, many=True, context={"user_id": self.scope(request).user_id}).data
        return paginator.get_paginated_response(data)


class _InboxQuery(s.InboxQuerySerializer):
    def to_internal_value(self, data: Any) -> Any:
        return super().to_internal_value({k: v for k, v in data.items() if v != ""})


TASK_ID = OpenApiParameter("task_id", OpenApiTypes.INT, OpenApiParameter.PATH, description="待办 id")


class TaskClaimView(StaffAPIView):
    @extend_schema(
        summary="签收待办",
        tags=["办件办理"],
        parameters=[TASK_ID],
        description="签收后他人不能办理，直到办结或退回。不在本人待办中的为 404。",
        request=None,
        responses={200: s.TaskSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request, task_id: int) -> Response:
        scope = self.scope(request)
        task = handling.task_claim(actor=request.user, task=selectors.task_for_staff(scope, task_id))
        return Response(s.TaskSerializer(_task(task), context={"user_id": scope.user_id}).data)


class TaskReleaseView(StaffAPIView):
    @extend_schema(
        summary="退回待办",
        tags=["办件办理"],
        parameters=[TASK_ID],
        description="签收人或部门负责人把已签收的待办退回本部门待办池。",
        request=s.TaskReleaseSerializer,
        responses={200: s.TaskSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request, task_id: int) -> Response:
        scope = self.scope(request)
        reason = _valid(s.TaskReleaseSerializer, request).get("reason", "")
        task = handling.task_release(
            actor=request.user, task=selectors.task_for_staff(scope, task_id), reason=reason
        )
        return Response(s.TaskSerializer(_task(task), context={"user_id": scope.user_id}).data)


def _task(task: CaseTask) -> CaseTask:
    return CaseTask.objects.select_related("case", "claimed_by").get(pk=task.pk)


class StaffCaseView(StaffAPIView):
    @extend_schema(
        summary="办件（工作人员视图）",
        tags=["办件办理"],
        parameters=[CASE_NUMBER],
        description="申请人（脱敏）、表单、材料、当前待办、延期、特别程序和全过程留痕。不在本人数据权限内的办件为 404。",
        responses={200: s.StaffCaseSerializer, **errors(401, 403, 404)},
    )
    def get(self, request: Request, number: str) -> Response:
        return _staff_case_response(self.scope(request), number)


class StaffCaseActionView(StaffAPIView):
    """A POST on a case in the caller's scope: validate the body, call one service, answer with the case."""

    input_serializer: type[serializers.Serializer]
    created = False

    def perform(self, request: Request, case: Case, data: dict[str, Any]) -> None:
        """Each action subclass calls its one service here (the base class is never routed)."""
        raise NotImplementedError(f"{type(self).__name__} must define perform()")

    def post(self, request: Request, number: str, **kwargs: Any) -> Response:
        scope = self.scope(request)
        case = selectors.case_for_staff(scope, number)
        data = _valid(self.input_serializer, request)
        self.perform(request, case, {**data, **kwargs})
        return _staff_case_response(scope, number, status_code=201 if self.created else 200)


def _action_schema(
    summary: str, description: str, request: Any, *extra: OpenApiParameter, created: bool = False
):
    ok = 201 if created else 200
    return extend_schema(
        summary=summary,
        tags=["办件办理"],
        parameters=[CASE_NUMBER, *extra],
        description=description,
        request=request,
        responses={ok: s.StaffCaseSerializer, **errors(400, 401, 403, 404)},
    )


class CaseAcceptView(StaffCaseActionView):
    input_serializer = s.OpinionTextSerializer

    @_action_schema(
        "受理", "受理环节的窗口人员受理办件，承诺时限和法定时限自今日起算。", s.OpinionTextSerializer
    )
    def post(self, request: Request, number: str, **kwargs: Any) -> Response:
        return super().post(request, number, **kwargs)

    def perform(self, request: Request, case: Case, data: dict[str, Any]) -> None:
        handling.case_accept(actor=request.user, case=case, opinion=data.get("opinion", ""))


class CaseRefuseView(StaffCaseActionView):
    input_serializer = s.RefuseSerializer

    @_action_schema(
        "不予受理", "写明理由，生成加盖部门电子印章的不予受理通知书并告知申请人。", s.RefuseSerializer
    )
    def post(self, request: Request, number: str, **kwargs: Any) -> Response:
        return super().post(request, number, **kwargs)

    def perform(self, request: Request, case: Case, data: dict[str, Any]) -> None:
        handling.case_refuse(actor=request.user, case=case, reason=data["reason"])


class CaseCorrectionRequestView(StaffCaseActionView):
    input_serializer = s.CorrectionRequestSerializer
    created = True

    @_action_schema(
        "一次性告知补正",
        "一次列出全部需要补正的材料（每项写明问题），生成补正告知书；申请人一次补正。",
        s.CorrectionRequestSerializer,
        created=True,
    )
    def post(self, request: Request, number: str, **kwargs: Any) -> Response:
        return super().post(request, number, **kwargs)

    def perform(self, request: Request, case: Case, data: dict[str, Any]) -> None:
        items = [dict(item) for item in data["items"]]
        handling.case_correction_request(
            actor=request.user, case=case, items=items, note=data.get("note", "")
        )


class CaseOpinionView(StaffCaseActionView):
    input_serializer = s.OpinionSerializer

    @_action_schema(
        "出具意见",
        "审查、并联审批（协办）或下级初审环节出具意见，完成该待办，流程继续。",
        s.OpinionSerializer,
    )
    def post(self, request: Request, number: str, **kwargs: Any) -> Response:
        return super().post(request, number, **kwargs)

    def perform(self, request: Request, case: Case, data: dict[str, Any]) -> None:
        task = case.tasks.filter(pk=data["task"]).first()
        if task is None:
            raise exceptions.ValidationError({"task": ["该办件没有这个待办"]})
        handling.case_opinion(
            actor=request.user, case=case, task=task, opinion=data["opinion"], agree=data["agree"]
        )


class CaseDecideView(StaffCaseActionView):
    input_serializer = s.DecideSerializer

    @_action_schema(
        "作出决定",
        "决定环节的部门负责人准予或不予许可；准予时签发电子证照（或决定书），不予许可须写明理由。",
        s.DecideSerializer,
    )
    def post(self, request: Request, number: str, **kwargs: Any) -> Response:
        return super().post(request, number, **kwargs)

    def perform(self, request: Request, case: Case, data: dict[str, Any]) -> None:
        handling.case_decide(
            actor=request.user, case=case, approve=data["approve"], opinion=data.get("opinion", "")
        )


class ExtensionRequestView(StaffCaseActionView):
    input_serializer = s.ExtensionRequestSerializer
    created = True

    @_action_schema(
        "申请延期",
        "牵头部门为审查中的办件申请延期，由部门负责人（非申请人本人）批准。",
        s.ExtensionRequestSerializer,
        created=True,
    )
    def post(self, request: Request, number: str, **kwargs: Any) -> Response:
        return super().post(request, number, **kwargs)

    def perform(self, request: Request, case: Case, data: dict[str, Any]) -> None:
        handling.extension_request(actor=request.user, case=case, days=data["days"], reason=data["reason"])


EXTENSION_ID = OpenApiParameter(
    "extension_id", OpenApiTypes.INT, OpenApiParameter.PATH, description="延期申请 id"
)
PROCEDURE_ID = OpenApiParameter(
    "procedure_id", OpenApiTypes.INT, OpenApiParameter.PATH, description="特别程序 id"
)


class ExtensionDecideView(StaffCaseActionView):
    input_serializer = s.ExtensionDecideSerializer

    @_action_schema(
        "审批延期",
        "牵头部门负责人批准或不批准延期；批准后重新计算办结期限并告知申请人。",
        s.ExtensionDecideSerializer,
        EXTENSION_ID,
    )
    def post(self, request: Request, number: str, **kwargs: Any) -> Response:
        return super().post(request, number, **kwargs)

    def perform(self, request: Request, case: Case, data: dict[str, Any]) -> None:
        extension = Extension.objects.filter(pk=data["extension_id"], case=case).first()
        if extension is None:
            raise exceptions.NotFound("该办件没有这个延期申请")
        handling.extension_decide(
            actor=request.user, extension=extension, approve=data["approve"], opinion=data.get("opinion", "")
        )


class SpecialStartView(StaffCaseActionView):
    input_serializer = s.SpecialStartSerializer
    created = True

    @_action_schema(
        "启动特别程序",
        "听证、检验、检测、鉴定、专家评审、现场勘查等：暂停计时并告知申请人。",
        s.SpecialStartSerializer,
        created=True,
    )
    def post(self, request: Request, number: str, **kwargs: Any) -> Response:
        return super().post(request, number, **kwargs)

    def perform(self, request: Request, case: Case, data: dict[str, Any]) -> None:
        handling.special_start(
            actor=request.user,
            case=case,
            kind=data["kind"],
            reason=data["reason"],
            expected_days=data.get("expected_days"),
        )


class SpecialEndView(StaffCaseActionView):
    input_serializer = s.SpecialEndSerializer

    @_action_schema(
        "结束特别程序", "写明结果，恢复计时并重新计算办结期限。", s.SpecialEndSerializer, PROCEDURE_ID
    )
    def post(self, request: Request, number: str, **kwargs: Any) -> Response:
        return super().post(request, number, **kwargs)

    def perform(self, request: Request, case: Case, data: dict[str, Any]) -> None:
        procedure = SpecialProcedure.objects.filter(pk=data["procedure_id"], case=case).first()
        if procedure is None:
            raise exceptions.NotFound("该办件没有这个特别程序")
        handling.special_end(actor=request.user, procedure=procedure, outcome=data["outcome"])


_CASE = "staff/cases/<str:number>/"
urlpatterns = [
    path("items/<str:code>/form/", ApplicationFormView.as_view(), name="api-item-form"),
    path("drafts/", DraftListView.as_view(), name="api-draft-list"),
    path("drafts/<uuid:draft_id>/", DraftDetailView.as_view(), name="api-draft-detail"),
    path("drafts/<uuid:draft_id>/materials/", DraftMaterialsView.as_view(), name="api-draft-materials"),
    path(
        "drafts/<uuid:draft_id>/materials/<int:material_id>/",
        DraftMaterialView.as_view(),
        name="api-draft-material",
    ),
    path("drafts/<uuid:draft_id>/submit/", DraftSubmitView.as_view(), name="api-draft-submit"),
    path("cases/", CaseListView.as_view(), name="api-case-list"),
    path("cases/<str:number>/", CaseDetailView.as_view(), name="api-case-detail"),
    path("cases/<str:number>/correction/", CaseCorrectionView.as_view(), name="api-case-correction"),
    path("cases/<str:number>/withdraw/", CaseWithdrawView.as_view(), name="api-case-withdraw"),
    path("progress/", ProgressView.as_view(), name="api-progress"),
    path("staff/inbox/", InboxView.as_view(), name="api-staff-inbox"),
    path("staff/tasks/<int:task_id>/claim/", TaskClaimView.as_view(), name="api-staff-task-claim"),
    path("staff/tasks/<int:task_id>/release/", TaskReleaseView.as_view(), name="api-staff-task-release"),
    path(_CASE, StaffCaseView.as_view(), name="api-staff-case"),
    path(_CASE + "accept/", CaseAcceptView.as_view(), name="api-staff-case-accept"),
    path(_CASE + "refuse/", CaseRefuseView.as_view(), name="api-staff-case-refuse"),
    path(_CASE + "correction/", CaseCorrectionRequestView.as_view(), name="api-staff-case-correction"),
    path(_CASE + "opinion/", CaseOpinionView.as_view(), name="api-staff-case-opinion"),
    path(_CASE + "decide/", CaseDecideView.as_view(), name="api-staff-case-decide"),
    path(_CASE + "extensions/", ExtensionRequestView.as_view(), name="api-staff-case-extensions"),
    path(
        _CASE + "extensions/<int:extension_id>/decide/",
        ExtensionDecideView.as_view(),
        name="api-staff-case-extension-decide",
    ),
    path(_CASE + "special-procedures/", SpecialStartView.as_view(), name="api-staff-case-special-start"),
    path(
        _CASE + "special-procedures/<int:procedure_id>/end/",
        SpecialEndView.as_view(),
        name="api-staff-case-special-end",
    ),
]
