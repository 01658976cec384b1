"""电子证照 pages: the public verification page (扫码验证) and the holder's wallet (我的证照).

Thin: reads come from ``licences.selectors`` (the wallet holds only the logged-in person's own
licences, or the enterprise's while acting for it), downloads and signature checks go through
``licences.services`` (a download is audited as a read of personal data). The verification page
shows the holder masked, never the full number.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.decorators import ratelimit

from govhall.core.personal_data import mask_name
from govhall.identity.models import Enterprise, Person
from govhall.identity.selectors_enterprises import enterprise_of_user, person_of_user
from govhall.identity.session import session_identity
from govhall.licences.documents import data_rows
from govhall.licences.models import EXPIRED, Licence, LicenceStatus
from govhall.licences.selectors import licence_get_for_holder, licence_get_public, licences_for_holder
from govhall.licences.services import licence_pdf_check, licence_pdf_read

MAX_PDF_BYTES = 10 * 1024 * 1024
VERIFY_RATE = "30/m"


def _public_holder(licence: Licence) -> str:
    """An enterprise's name is public; a person's is masked (张**)."""
    return licence.holder_name if licence.holder_enterprise_id else mask_name(licence.holder_name)


def _uploaded_pdf(request: HttpRequest) -> tuple[bytes | None, str]:
    upload = request.FILES.get("pdf")
    if upload is None:
        return None, "请选择要核验的 PDF 文件"
    if upload.size is None or upload.size > MAX_PDF_BYTES:
        return None, "文件不能超过 10 MB"
    content = upload.read()
    if not content.startswith(b"%PDF-"):
        return None, "所选文件不是 PDF 文件"
    return content, ""


@ratelimit(key="ip", rate=VERIFY_RATE, method="POST", block=True)
@require_http_methods(["GET", "POST"])
def licence_verify(request: HttpRequest, identifier: str) -> HttpResponse:
    """证照核验 — what the QR code on a licence opens: status, holder (masked), type, issuer, dates."""
    licence = licence_get_public(identifier)
    if licence is None:
        return render(request, "portal/licences/verify.html", {"identifier": identifier}, status=404)
    check = error = None
    if request.method == "POST":
        content, error = _uploaded_pdf(request)
        if content is not None:
            check = licence_pdf_check(licence=licence, pdf=content)
    state = licence.state()
    context: dict[str, Any] = {
        "identifier": licence.identifier,
        "licence": licence,
        "state": state,
        "state_label": licence.state_label(),
        "is_valid": state == LicenceStatus.VALID,
        "is_expired": state == EXPIRED,
        "holder": _public_holder(licence),
        "check": check,
        "upload_error": error,
    }
    return render(request, "portal/licences/verify.html", context, status=400 if error else 200)


def _wallet_holder(request: HttpRequest) -> tuple[Person | None, Enterprise | None]:
    """The person logged in, and the enterprise whose licences to show (acting for it, or its own account)."""
    identity = session_identity(request)
    acting = (
        Enterprise.objects.filter(pk=identity.enterprise_id).first()
        if identity is not None and identity.enterprise_id
        else None
    )
    return person_of_user(request.user), acting or enterprise_of_user(request.user)


def _entries(licences: list[Licence]) -> list[dict[str, Any]]:
    return [
        {
            "licence": licence,
            "state": licence.state(),
            "state_label": licence.state_label(),
            "rows": data_rows(licence.licence_type.metadata_schema or {}, licence.data)[:3],
        }
        for licence in licences
    ]


@login_required
@require_GET
def licence_wallet(request: HttpRequest) -> HttpResponse:
    """我的证照 — the holder's licences (and the enterprise's while acting for it), status, expiry, download."""
    person, enterprise = _wallet_holder(request)
    licences = list(licences_for_holder(person=person, enterprise=enterprise))
    own = [licence for licence in licences if person is not None and licence.holder_person_id == person.pk]
    theirs = [
        licence
        for licence in licences
        if enterprise is not None and licence.holder_enterprise_id == enterprise.pk
    ]
    return render(
        request,
        "portal/licences/wallet.html",
        {"own": _entries(own), "theirs": _entries(theirs), "person": person, "enterprise": enterprise},
    )


@login_required
@require_GET
def licence_download(request: HttpRequest, identifier: str) -> HttpResponse:
    """The sealed PDF of one of the holder's licences (audited)."""
    person, enterprise = _wallet_holder(request)
    try:
        licence = licence_get_for_holder(identifier=identifier, person=person, enterprise=enterprise)
    except Licence.DoesNotExist:
        raise Http404("未找到该证照") from None
    if not licence.pdf:
        raise Http404("该证照没有电子文件")
    response = HttpResponse(
        licence_pdf_read(licence=licence, actor=request.user), content_type="application/pdf"
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{licence.licence_type.name}-{licence.holder_name}.pdf"
    )
    return response
