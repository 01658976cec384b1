"""/api/v1/ endpoints of the interaction context: 12345 hotline intake.

A hotline platform calls with ``Authorization: Bearer <token>`` (a ``HotlineClient`` created with
``govhall hotline_client_create``; only the token's SHA-256 is stored). ``POST hotline/tickets/``
turns a ticket into a consultation or a complaint — the same ticket id again returns the same record
(200 instead of 201) — and ``GET hotline/tickets/{ticket_id}/`` reports its status, answer or reply and
dates back. A client sees only its own tickets. Errors use the house format (``core.api``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.urls import path
from django.utils.cache import add_never_cache_headers
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from govhall.core.api import ErrorSerializer
from govhall.directory.models import Department

from .models import Complaint, Consultation, HotlineClient, HotlineTicket
from .selectors import hotline_ticket_get
from .services.hotline import hotline_client_for_token, hotline_ticket_receive, ticket_record

TICKET_ID = r"^[A-Za-z0-9_.:-]{1,64}$"


class HotlineTokenAuthentication(BaseAuthentication):
    """``Authorization: Bearer hl_…`` → the hotline client (401 with a Bearer challenge otherwise)."""

    def authenticate(self, request: Request) -> tuple[HotlineClient, str] | None:
        header = get_authorization_header(request).decode("latin-1", errors="replace").split()
        if not header or header[0].lower() != "bearer":
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Authorization 头格式应为 “Bearer <令牌>”")
        client = hotline_client_for_token(header[1])
        if client is None:
            raise exceptions.AuthenticationFailed("令牌无效或接入方已停用")
        return client, header[1]

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="govhall-hotline"'


class HotlineTokenScheme(OpenApiAuthenticationExtension):
    target_class = "govhall.interaction.api.HotlineTokenAuthentication"
    name = "hotlineToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {"type": "http", "scheme": "bearer", "description": "12345 热线接入方令牌（hl_…）"}


class IsHotlineClient(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return isinstance(request.user, HotlineClient)


class TicketInSerializer(serializers.Serializer):
    ticket_id = serializers.RegexField(TICKET_ID, help_text="热线工单编号（同一接入方内唯一，用于去重）")
    kind = serializers.ChoiceField(
        choices=[("consultation", "咨询"), ("complaint", "投诉"), ("report", "举报")], help_text="工单类型"
    )
    title = serializers.CharField(max_length=100)
    content = serializers.CharField(max_length=5000)
    contact_name = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    contact_phone = serializers.CharField(
        max_length=20, required=False, allow_blank=True, default="", help_text="来电号码（加密保存）"
    )
    implementation_code = serializers.CharField(
        max_length=48,
        required=False,
        allow_blank=True,
        default="",
        help_text="涉及事项的实施编码：由该事项的实施部门办理",
    )
    department = serializers.RegexField(
        r"^[0-9A-Z]{18}$", required=False, allow_blank=True, default="", help_text="承办部门统一社会信用代码"
    )
    case_number = serializers.CharField(
        max_length=32, required=False, allow_blank=True, default="", help_text="被投诉的办件编号"
    )
    anonymous = serializers.BooleanField(
        required=False, default=False, help_text="匿名举报（仅 kind=report）"
    )


class TicketOutSerializer(serializers.Serializer):
    ticket_id = serializers.CharField()
    kind = serializers.CharField(help_text="consultation、complaint 或 report")
    record_id = serializers.IntegerField(help_text="平台内的咨询或投诉举报编号")
    status = serializers.CharField(
        help_text="咨询：pending / answered；投诉举报：submitted / accepted / replied / closed / rejected"
    )
    status_label = serializers.CharField()
    department = serializers.CharField(help_text="当前承办部门")
    department_credit_code = serializers.CharField()
    received_on = serializers.DateField()
    due_on = serializers.DateField()
    answer = serializers.CharField(help_text="答复内容（未答复时为空）")
    answered_at = serializers.DateTimeField(allow_null=True)
    closed_on = serializers.DateField(allow_null=True)


def _ticket_data(ticket: HotlineTicket) -> dict[str, Any]:
    record = ticket_record(ticket)
    if isinstance(record, Consultation):
        kind, answer, answered_at, closed_on = (
            "consultation",
            record.answer,
            record.answered_at,
            record.answered_on,
        )
    else:
        assert isinstance(record, Complaint)
        kind, answer, answered_at, closed_on = record.kind, record.reply, record.replied_at, record.closed_on
    return {
        "ticket_id": ticket.ticket_id,
        "kind": kind,
        "record_id": record.pk,
        "status": record.status,
        "status_label": record.get_status_display(),
        "department": record.department.name,
        "department_credit_code": record.department.credit_code,
        "received_on": record.received_on,
        "due_on": record.due_on,
        "answer": answer,
        "answered_at": answered_at,
        "closed_on": closed_on,
    }


def _errors(*codes: int) -> dict[int, OpenApiResponse]:
    text = {
        400: "请求有误（code = invalid），detail 按字段列出每个问题",
        401: "缺少或无效的令牌（code = not_authenticated / authentication_failed）",
        404: "本接入方没有该工单（code = not_found）",
    }
    return {code: OpenApiResponse(ErrorSerializer, description=text[code]) for code in codes}


class HotlineAPIView(APIView):
    authentication_classes = [HotlineTokenAuthentication]
    permission_classes = [IsHotlineClient]
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        add_never_cache_headers(response)
        return response


class TicketListView(HotlineAPIView):
    """POST /api/v1/hotline/tickets/ — create a consultation or complaint from a hotline ticket."""

    @extend_schema(
        summary="接收 12345 热线工单",
        tags=["12345热线"],
        request=TicketInSerializer,
        description="把热线工单转为咨询或投诉举报：给出实施编码的由该事项的实施部门办理，否则由指定部门或接入方所在区划的"
        "默认受理部门首问负责。同一工单编号重复提交返回首次创建的记录（200），不会重复创建。",
        responses={201: TicketOutSerializer, 200: TicketOutSerializer, **_errors(400, 401)},
    )
    def post(self, request: Request) -> Response:
        serializer = TicketInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        department = None
        if data["department"]:
            department = (
                Department.objects.select_related("region").filter(credit_code=data["department"]).first()
            )
            if department is None:
                raise exceptions.ValidationError({"department": ["没有该统一社会信用代码的部门"]})
        intake = hotline_ticket_receive(client=request.user, **(data | {"department": department}))
        return Response(
            TicketOutSerializer(_ticket_data(intake.ticket)).data,
            status=status.HTTP_201_CREATED if intake.created else status.HTTP_200_OK,
        )


class TicketDetailView(HotlineAPIView):
    """GET /api/v1/hotline/tickets/{ticket_id}/ — the status of a ticket, with the answer once given."""

    @extend_schema(
        summary="查询热线工单办理情况",
        tags=["12345热线"],
        parameters=[
            OpenApiParameter("ticket_id", OpenApiTypes.STR, OpenApiParameter.PATH, description="热线工单编号")
        ],
        responses={200: TicketOutSerializer, **_errors(401, 404)},
    )
    def get(self, request: Request, ticket_id: str) -> Response:
        try:
            ticket = hotline_ticket_get(client=request.user, ticket_id=ticket_id)
        except ObjectDoesNotExist as exc:
            raise exceptions.NotFound("没有该工单") from exc
        return Response(TicketOutSerializer(_ticket_data(ticket)).data)


urlpatterns = [
    path("hotline/tickets/", TicketListView.as_view(), name="api-hotline-tickets"),
    path("hotline/tickets/<str:ticket_id>/", TicketDetailView.as_view(), name="api-hotline-ticket"),
]
