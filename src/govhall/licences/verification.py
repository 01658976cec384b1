"""Checking a sealed PDF (验章): is the signature intact, does it cover the whole file, is it trusted?

``pdf_signature_check`` reads the PDF with pyHanko, validates every embedded signature against
the platform seal CA (and the roots of loaded seal certificates) as trust anchors, with no network
fetching, and says in Chinese what passed or what failed. A changed byte in the signed range makes
the signature not intact; bytes appended after signing make it not cover the whole file; a
certificate from any other CA is untrusted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from .seals import trust_roots


@dataclass(frozen=True)
class SignatureCheck:
    ok: bool
    message: str  # Chinese, for the page
    intact: bool = False
    trusted: bool = False
    whole_file: bool = False
    signer: str = ""
    signed_at: datetime | None = None


def _signer_name(status: object) -> str:
    certificate = getattr(status, "signing_cert", None)
    if certificate is None:
        return ""
    try:
        return str(certificate.subject.native.get("common_name", ""))
    except (AttributeError, ValueError):
        return ""


def pdf_signature_check(pdf: bytes) -> SignatureCheck:
    """Validate the signature(s) of ``pdf``; ``ok`` only if one exists and every one passes."""
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except (PdfError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return SignatureCheck(False, "文件已损坏或不是有效的 PDF 文件")
    if not signatures:
        return SignatureCheck(False, "文件中没有电子签章")
    context = ValidationContext(trust_roots=trust_roots(), allow_fetching=False)
    result: SignatureCheck | None = None
    for embedded in signatures:
        try:
            status = validate_pdf_signature(embedded, signer_validation_context=context)
        except Exception:  # noqa: BLE001 - a malformed signature is a failed check, never a 500
            return SignatureCheck(False, "电子签章数据格式错误，无法验证")
        intact = bool(status.intact and status.valid)
        trusted = bool(status.trusted)
        whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        signer = _signer_name(status)
        signed_at = status.signer_reported_dt
        if not intact:
            return SignatureCheck(
                False, "签章验证失败：文件内容在签章后被篡改", False, trusted, whole, signer, signed_at
            )
        if not trusted:
            return SignatureCheck(
                False,
                "签章验证失败：签章证书不是由本平台信任的证书机构签发",
                True,
                False,
                whole,
                signer,
                signed_at,
            )
        if not whole:
            return SignatureCheck(
                False, "签章验证失败：签章后文件被追加修改", True, True, False, signer, signed_at
            )
        result = SignatureCheck(
            True, f"签章有效：文件完整，签章人为{signer}", True, True, True, signer, signed_at
        )
    assert result is not None
    return result
