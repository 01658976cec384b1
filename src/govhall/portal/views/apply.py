"""在线办理 entry: who may apply online for an item, at which assurance level (认证等级需求).

Every live item declares the lowest assurance level an applicant's *session* must have
(``required_level`` of its published version: L1 registered, L2 real-name verified, L3 digital
certificate). Anonymous visitors are sent to log in; a session below the requirement gets a page
saying which level is needed and how to reach it; a sufficient session sees that it is eligible
and the identity — the person, or the enterprise they act for — an application would be made
under, and continues into the application itself (``applications.apply_page``: a POST starts the
draft, a GET shows the intro or the draft being filled in).
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from govhall.identity.models import AssuranceLevel, Enterprise, level_at_least
from govhall.identity.selectors import person_for_user
from govhall.identity.session import SessionIdentity, session_identity

from ..site import render_page, site_for_request
from .applications import apply_page
from .guide import _live_or_404 as live_implementation_or_404

if TYPE_CHECKING:
    from django.contrib.auth.models import User

HOW_TO_REACH = {
    AssuranceLevel.L1: "注册账号并登录即可。",
    AssuranceLevel.L2: "完成实名核验：在“账号升级”页面通过人口库在线核验姓名和身份证号码，"
    "或携带居民身份证到政务服务大厅窗口由工作人员核验。",
    AssuranceLevel.L3: "使用数字证书登录：持本人（或企业）的数字证书，通过“数字证书登录”重新登录。",
}


@dataclass(frozen=True)
class Applicant:
    """Whom an application would be made under: a person, possibly acting for an enterprise."""

    person_name: str
    person_id_masked: str
    enterprise_name: str = ""
    enterprise_credit_code: str = ""

    @property
    def for_enterprise(self) -> bool:
        return bool(self.enterprise_credit_code)


def _applicant(user: "User", identity: SessionIdentity) -> Applicant:
    person = person_for_user(user)
    own_enterprise = Enterprise.objects.filter(user=user).first()  # enterprise-certificate login
    enterprise = (
        Enterprise.objects.filter(pk=identity.enterprise_id).first() if identity.enterprise_id else None
    ) or own_enterprise
    return Applicant(
        person_name=person.name if person else (user.get_full_name() or user.get_username()),
        person_id_masked=person.id_number_masked if person else "",
        enterprise_name=enterprise.name if enterprise else "",
        enterprise_credit_code=enterprise.credit_code if enterprise else "",
    )


def _label(level: str) -> str:
    return str(AssuranceLevel(level).label) if level in AssuranceLevel.values else "未认证"


@require_http_methods(["GET", "POST"])
def item_apply(request: HttpRequest, code: str) -> HttpResponse:
    implementation = live_implementation_or_404(code)
    identity = session_identity(request)
    if identity is None:
        return redirect_to_login(request.get_full_path(), reverse("portal:login"))
    version = implementation.published_version
    assert version is not None  # live implementations always have one
    required = version.required_level
    context = {
        "implementation": implementation,
        "required_label": _label(required),
        "session_label": _label(identity.level),
    }
    site = site_for_request(request)
    if not level_at_least(identity.level, required):
        needs_certificate = required == AssuranceLevel.L3
        where = "portal:certificate_login" if needs_certificate else "portal:account_upgrade"
        context |= {
            "how_to_reach": HOW_TO_REACH[AssuranceLevel(required)],
            "needs_certificate": needs_certificate,
            "next_url": f"{reverse(where)}?{urlencode({'next': request.get_full_path()})}",
        }
        return render_page(request, "portal/apply/level_required.html", context, site=site, status=403)
    return apply_page(request, implementation, _applicant(cast("User", request.user), identity), context)
