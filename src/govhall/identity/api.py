"""/api/v1/me/: the logged-in account as JSON — who, at which level, and for which enterprise they act.

Session authentication only (the portal's and the workbench's login): a browser page calling the
API sees the account it is logged in with. Anonymous callers get a 401 with the usual error body
``{"code": "not_authenticated", "message": ..., "detail": null}``.

Personal data leaves here masked only (``id_number_masked``, ``phone_masked``): never the full ID
number or phone, which only ``identity.services.reveal`` may unseal, audited. Reads only; nothing
here writes, and answers are marked ``Cache-Control: no-store``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.cache import add_never_cache_headers
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from govhall.core.api import ChoiceLabelField, ErrorSerializer, NamedChoiceField

from .models import AgentMandate, AssuranceLevel, AuthMethod, Enterprise
from .selectors import person_for_user, staff_profile_for
from .selectors_enterprises import enterprise_of_user, mandate_is_active
from .session import session_identity


class AccountKind(models.TextChoices):
    """账号类型 of /api/v1/me/."""

    PERSON = "person", "个人"
    ENTERPRISE = "enterprise", "法人（企业证书账号）"
    STAFF = "staff", "工作人员"
    OTHER = "other", "其他账号"


class ActingRole(models.TextChoices):
    """The capacity in which a person acts for an enterprise."""

    REPRESENTATIVE = "representative", "法定代表人"
    AGENT = "agent", "经办人"


class SessionAuthenticationWithChallenge(SessionAuthentication):
    """Session authentication that answers an anonymous caller with 401 (not DRF's default 403)."""

    def authenticate_header(self, request: Request) -> str:
        return 'Session realm="govhall"'


class SessionAuthenticationWithChallengeScheme(SessionScheme):
    """The OpenAPI security scheme of ``SessionAuthenticationWithChallenge``: the session cookie."""

    target_class = "govhall.identity.api.SessionAuthenticationWithChallenge"


@dataclass(frozen=True)
class ActingFor:
    credit_code: str
    name: str
    role: str  # ActingRole
    valid_until: date | None  # the agent's mandate; None for the representative
    active: bool


@dataclass(frozen=True)
class Me:
    kind: str  # AccountKind
    name: str
    credit_code: str | None
    id_number_masked: str | None
    phone_masked: str | None
    level: str | None
    level_method: str | None
    session_level: str | None
    session_method: str | None
    acting_for: ActingFor | None


def _acting_for(enterprise_id: int | None, mandate_id: int | None, person: Any) -> ActingFor | None:
    """The enterprise the session acts for, and whether the right to do so still holds today."""
    if enterprise_id is None:
        return None
    enterprise = Enterprise.objects.filter(pk=enterprise_id).first()
    if enterprise is None:
        return None
    if mandate_id is None:
        active = person is not None and enterprise.representative_id == person.pk
        return ActingFor(enterprise.credit_code, enterprise.name, ActingRole.REPRESENTATIVE, None, active)
    mandate = AgentMandate.objects.filter(pk=mandate_id, enterprise=enterprise).first()
    if mandate is None:
        return ActingFor(enterprise.credit_code, enterprise.name, ActingRole.AGENT, None, False)
    active = person is not None and mandate.agent_id == person.pk and mandate_is_active(mandate)
    return ActingFor(enterprise.credit_code, enterprise.name, ActingRole.AGENT, mandate.valid_until, active)


def me_for_request(request: HttpRequest) -> Me:
    """The logged-in account of ``request`` (authenticated), masked."""
    user: Any = request.user
    identity = session_identity(request)
    # A session written by an older release may hold a value no longer coded: report it as unknown.
    session_level = identity.level if identity and identity.level in AssuranceLevel.values else None
    session_method = identity.method if identity and identity.method in AuthMethod.values else None
    person = person_for_user(user)
    if person is not None:
        acting = _acting_for(identity.enterprise_id, identity.mandate_id, person) if identity else None
        return Me(
            kind=AccountKind.PERSON,
            name=person.name,
            credit_code=None,
            id_number_masked=person.id_number_masked,
            phone_masked=person.phone_masked or None,
            level=person.level,
            level_method=person.level_method or None,
            session_level=session_level,
            session_method=session_method,
            acting_for=acting,
        )
    enterprise = enterprise_of_user(user)
    if enterprise is not None:
        return Me(
            kind=AccountKind.ENTERPRISE,
            name=enterprise.name,
            credit_code=enterprise.credit_code,
            id_number_masked=None,
            phone_masked=None,
            level=enterprise.level,
            level_method=enterprise.level_method or None,
            session_level=session_level,
            session_method=session_method,
            acting_for=None,
        )
    profile = staff_profile_for(user)
    return Me(
        kind=AccountKind.STAFF if profile is not None else AccountKind.OTHER,
        name=profile.display_name if profile is not None else (user.get_full_name() or user.get_username()),
        credit_code=None,
        id_number_masked=None,
        phone_masked=None,
        level=None,
        level_method=None,
        session_level=session_level,
        session_method=session_method,
        acting_for=None,
    )


class ActingForSerializer(serializers.Serializer):
    """以企业身份办事 — the enterprise this session acts for."""

    credit_code = serializers.CharField(read_only=True, help_text="统一社会信用代码")
    name = serializers.CharField(read_only=True, help_text="企业名称")
    role = NamedChoiceField(ActingRole, help_text="身份")
    role_label = ChoiceLabelField(ActingRole, source="role", help_text="身份（中文）")
    valid_until = serializers.DateField(read_only=True, allow_null=True, help_text="经办人授权的截止日期")
    active = serializers.BooleanField(
        read_only=True, help_text="今天是否仍有权代表该企业（授权未撤销、在有效期内；法定代表人未变更）"
    )


class MeSerializer(serializers.Serializer):
    """当前账号 — the logged-in account; personal data masked."""

    kind = NamedChoiceField(AccountKind, help_text="账号类型")
    kind_label = ChoiceLabelField(AccountKind, source="kind", help_text="账号类型（中文）")
    name = serializers.CharField(read_only=True, help_text="姓名，或企业名称，或工作人员姓名")
    credit_code = serializers.CharField(
        read_only=True, allow_null=True, help_text="企业证书账号的统一社会信用代码；其他账号为 null"
    )
    id_number_masked = serializers.CharField(
        read_only=True, allow_null=True, help_text="身份证号码（脱敏，如 3508**********1234）；非个人为 null"
    )
    phone_masked = serializers.CharField(
        read_only=True, allow_null=True, help_text="手机号码（脱敏，如 138****8000）；未绑定或非个人为 null"
    )
    level = NamedChoiceField(AssuranceLevel, allow_null=True, help_text="账号的认证等级；工作人员为 null")
    level_label = ChoiceLabelField(
        AssuranceLevel,
        source="level",
        allow_null=True,
        help_text="账号认证等级（中文）；等级为 null 时为 null",
    )
    level_method = NamedChoiceField(AuthMethod, allow_null=True, help_text="达到该等级的认证方式")
    level_method_label = ChoiceLabelField(
        AuthMethod, source="level_method", allow_null=True, help_text="认证方式（中文）"
    )
    session_level = NamedChoiceField(AssuranceLevel, allow_null=True, help_text="本次登录的认证等级")
    session_level_label = ChoiceLabelField(
        AssuranceLevel, source="session_level", allow_null=True, help_text="本次登录的认证等级（中文）"
    )
    session_method = NamedChoiceField(AuthMethod, allow_null=True, help_text="本次登录的方式")
    session_method_label = ChoiceLabelField(
        AuthMethod, source="session_method", allow_null=True, help_text="本次登录的方式（中文）"
    )
    acting_for = ActingForSerializer(
        read_only=True, allow_null=True, help_text="正在代表的企业；未代表企业为 null"
    )


class MeView(APIView):
    """GET /api/v1/me/ — the logged-in account."""

    authentication_classes = [SessionAuthenticationWithChallenge]
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="当前登录账号",
        description="以会话（门户或工作台登录）认证。返回账号类型、姓名、脱敏的身份证号码与手机号码、"
        "账号认证等级与方式、本次登录的等级与方式，以及正在代表的企业。从不返回完整身份证号码。",
        tags=["账号"],
        responses={
            200: MeSerializer,
            401: OpenApiResponse(ErrorSerializer, description="未登录（code = not_authenticated）"),
        },
    )
    def get(self, request: Request) -> Response:
        response = Response(MeSerializer(me_for_request(request)).data)
        add_never_cache_headers(response)
        return response
