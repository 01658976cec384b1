"""一件事 pages: the bundles of the visitor's region, a bundle's items and shared materials, applying once.

``bundle_apply`` is the bundle's 在线办理: the same level gate as an item (the highest requirement
among its items), then the same steps as an item's application (``applications.draft_page``) on a
bundle draft — the lead's form, the bundle's shared materials — submitted through ``case_submit``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods

from govhall.cases.selectors_portal import bundle_draft_unsubmitted, draft_context
from govhall.cases.services.bundles import bundle_draft_open, bundle_materials
from govhall.catalog.selectors_bundles import bundle_get_live, bundle_members, bundles_live
from govhall.identity.models import AssuranceLevel, level_at_least
from govhall.identity.session import session_identity

from ..site import render_page, site_for_request
from .applications import _steps, draft_page, request_applicant
from .apply import HOW_TO_REACH, _applicant, _label

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _bundle_or_404(code: str) -> Any:
    try:
        return bundle_get_live(code=code)
    except ObjectDoesNotExist as exc:
        raise Http404("未找到该一件事，或其已暂停办理") from exc


def _required_level(bundle: Any) -> str:
    """The highest 认证等级需求 among the bundle's items."""
    levels = [item.published_version.required_level for item in [bundle.lead, *bundle_members(bundle)]]
    return max(levels, key=lambda level: sum(level_at_least(level, other) for other in levels))


@require_GET
def bundle_list(request: HttpRequest) -> HttpResponse:
    site = site_for_request(request)
    return render_page(
        request, "portal/bundles/list.html", {"bundles": bundles_live(region=site.region)}, site=site
    )


@require_GET
def bundle_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One 一件事: its items (lead first), the materials asked for once, and the 在线办理 button."""
    bundle = _bundle_or_404(code)
    lead_version = bundle.lead.published_version
    materials = bundle_materials(bundle, lead_version, None)
    return render_page(
        request,
        "portal/bundles/detail.html",
        {
            "bundle": bundle,
            "members": bundle_members(bundle),
            "materials": materials,
            "shared_count": sum(1 for m in materials if len(m.bundle_item_names) > 1),
            "required_label": _label(_required_level(bundle)),
        },
        site=site_for_request(request),
    )


@require_http_methods(["GET", "POST"])
def bundle_apply(request: HttpRequest, code: str) -> HttpResponse:
    """在线办理 a bundle: the level gate, then start (POST) or continue (GET) the bundle draft."""
    bundle = _bundle_or_404(code)
    identity = session_identity(request)
    if identity is None:
        return redirect_to_login(request.get_full_path(), reverse("portal:login"))
    required = _required_level(bundle)
    site = site_for_request(request)
    gate = {
        "implementation": bundle.lead,
        "bundle": bundle,
        "required_label": _label(required),
        "session_label": _label(identity.level),
    }
    if not level_at_least(identity.level, required):
        needs_certificate = required == AssuranceLevel.L3
        where = "portal:certificate_login" if needs_certificate else "portal:account_upgrade"
        gate |= {
            "how_to_reach": HOW_TO_REACH[AssuranceLevel(required)],
            "needs_certificate": needs_certificate,
            "next_url": f"{reverse(where)}?{urlencode({'next': request.get_full_path()})}",
        }
        return render_page(request, "portal/apply/level_required.html", gate, site=site, status=403)
    applicant = request_applicant(request)
    if request.method == "POST":
        try:
            draft = bundle_draft_open(applicant=applicant, bundle_code=bundle.code)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
            return redirect("portal:bundle", bundle.code)
        context = draft_context(draft)
        return redirect(f"{reverse('portal:bundle_apply', args=[bundle.code])}?step={_steps(context)[0][0]}")
    draft = bundle_draft_unsubmitted(applicant, bundle.code)
    if draft is None:
        return redirect("portal:bundle", bundle.code)
    display = _applicant(cast("User", request.user), identity)
    return draft_page(request, applicant, draft_context(draft), display, gate, site)
