"""Licence and result-document PDFs: laid out with the embedded CJK font, then sealed (PAdES).

``licence_pdf`` draws a licence — title (the type's name), holder, masked number, the type's data
fields, issuer, dates, identifier, a QR code to the public verification page and the issuer's
seal; ``result_pdf`` draws a decision notice (准予/不予许可决定书, 不予受理通知书). Both go through
``pdf_seal``: a PAdES baseline (B-B) signature by the issuing department's seal certificate.
Layout and font come from ``core.pdf``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime
from io import BytesIO
from typing import Any

import segno
from django.conf import settings
from django.utils import timezone
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from govhall.core.pdf import cjk_font_register, content_width, pdf_render, pdf_styles, pdf_table, pdf_text
from govhall.directory.models import Department

from .seals import seal_signer_for

SEAL_RED = colors.HexColor("#c8102e")
SIGNATURE_FIELD = "GovhallSeal"


class QrCode(Flowable):
    """A QR code drawn as vector squares (prints sharp at any size)."""

    def __init__(self, text: str, size: float) -> None:
        super().__init__()
        self.matrix = segno.make(text, error="m").matrix
        self.size = size
        self.width = self.height = size

    def draw(self) -> None:
        count = len(self.matrix) + 8  # 4-module quiet zone each side
        module = self.size / count
        canvas = self.canv
        canvas.setFillColor(colors.black)
        for row_index, row in enumerate(self.matrix):
            for column_index, dark in enumerate(row):
                if dark:
                    x = (column_index + 4) * module
                    y = self.size - (row_index + 5) * module
                    canvas.rect(x, y, module, module, stroke=0, fill=1)


class SealMark(Flowable):
    """The visible seal: a red ring, a star and the department's name (the signature is what counts)."""

    def __init__(self, name: str, size: float = 38 * mm) -> None:
        super().__init__()
        self.name = name
        self.width = self.height = size

    def draw(self) -> None:
        canvas, radius = self.canv, self.width / 2
        font = cjk_font_register()
        canvas.saveState()
        canvas.setStrokeColor(SEAL_RED)
        canvas.setFillColor(SEAL_RED)
        canvas.setLineWidth(2.2)
        canvas.circle(radius, radius, radius - 2, stroke=1, fill=0)
        star = [
            (
                radius + (radius * 0.28 if i % 2 == 0 else radius * 0.11) * math.sin(i * math.pi / 5),
                radius + (radius * 0.28 if i % 2 == 0 else radius * 0.11) * math.cos(i * math.pi / 5),
            )
            for i in range(10)
        ]
        path = canvas.beginPath()
        path.moveTo(*star[0])
        for point in star[1:]:
            path.lineTo(*point)
        path.close()
        canvas.drawPath(path, stroke=0, fill=1)
        # The name along the upper arc, one character at a time.
        text = self.name[:20]
        size = 9 if len(text) <= 14 else 7.5
        canvas.setFont(font, size)
        span = math.radians(min(240, 17 * len(text)))
        for index, character in enumerate(text):
            angle = math.pi / 2 + span / 2 - (span * (index + 0.5) / len(text))
            canvas.saveState()
            canvas.translate(
                radius + (radius - 12) * math.cos(angle), radius + (radius - 12) * math.sin(angle)
            )
            canvas.rotate(math.degrees(angle) - 90)
            canvas.drawCentredString(0, -size / 3, character)
            canvas.restoreState()
        canvas.setFont(font, 7.5)
        canvas.drawCentredString(radius, radius * 0.45, "电子印章")
        canvas.restoreState()


def verification_url(identifier: str, base_url: str = "") -> str:
    """The absolute address of the public verification page of ``identifier``."""
    base = (settings.GOVHALL.get("SITE_URL") or base_url or "").rstrip("/")
    return f"{base}/licences/verify/{identifier}/"


def _text(value: Any) -> str:
    if isinstance(value, list):
        return "；".join(_text(v) for v in value)
    if isinstance(value, dict):
        return "，".join(f"{k}：{_text(v)}" for k, v in value.items())
    if isinstance(value, bool):
        return "是" if value else "否"
    return "" if value is None else str(value)


def data_rows(schema: dict[str, Any], data: dict[str, Any]) -> list[tuple[str, str]]:
    """(title, text) of the licence's data fields, in the schema's order, then any extra keys."""
    properties = schema.get("properties") or {}
    order = list(schema.get("x-order") or properties.keys())
    order += [key for key in properties if key not in order]
    order += [key for key in data if key not in order]
    rows = []
    for key in order:
        if key in data and data[key] not in (None, "", []):
            title = str((properties.get(key) or {}).get("title") or key)
            rows.append((title, _text(data[key])))
    return rows


def _day(value: date | None) -> str:
    return f"{value.year}年{value.month:02d}月{value.day:02d}日" if value else "长期"


def licence_pdf(
    *,
    type_name: str,
    identifier: str,
    holder_label: str,
    holder_name: str,
    holder_number_masked: str,
    rows: Sequence[tuple[str, str]],
    issuer: Department,
    issued_at: datetime,
    valid_from: date,
    valid_until: date | None,
    base_url: str = "",
) -> bytes:
    """The licence PDF, sealed by ``issuer``."""
    styles = pdf_styles()
    width = content_width()
    fields_table = pdf_table(
        ["项目", "内容"],
        [
            [holder_label, holder_name],
            ["证件号码", holder_number_masked],
            *[[title, text] for title, text in rows],
            ["发证机关", issuer.name],
            ["发证日期", _day(timezone.localtime(issued_at).date())],
            ["有效期", f"{_day(valid_from)} 至 {_day(valid_until)}"],
            ["证照标识", identifier],
        ],
        widths=[width * 0.28, width * 0.72],
        styles=styles,
    )
    url = verification_url(identifier, base_url)
    footer_table = Table(
        [
            [
                QrCode(url, 34 * mm),
                pdf_text(f"扫描二维码或访问以下地址核验本证照：\n{url}", styles.small),
                SealMark(issuer.name),
            ]
        ],
        colWidths=[40 * mm, width - 84 * mm, 44 * mm],
    )
    footer_table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    flowables: list[Flowable] = [
        pdf_text(type_name, styles.title),
        pdf_text("（电子证照）", styles.body),
        Spacer(1, 4 * mm),
        fields_table,
        Spacer(1, 8 * mm),
        footer_table,
        Spacer(1, 4 * mm),
        pdf_text(
            "本电子证照由发证机关加盖电子印章（数字签名），与纸质证照具有同等法律效力。"
            "文件被修改后签章将验证失败。",
            styles.small,
        ),
    ]
    pdf = pdf_render(
        flowables,
        title=f"{type_name} {identifier}",
        author=issuer.name,
        footer=f"{settings.GOVHALL['SITE_NAME']} · 证照标识 {identifier}",
    )
    return pdf_seal(pdf, issuer=issuer, reason=f"签发{type_name}")


def result_pdf(*, issuer: Department, title: str, body: Sequence[str], reference: str) -> bytes:
    """A decision notice (决定书 / 通知书): title, reference number, paragraphs, issuer and date; sealed."""
    styles = pdf_styles()
    today = timezone.localdate()
    flowables: list[Flowable] = [
        pdf_text(issuer.name, styles.title),
        pdf_text(title, styles.title),
        pdf_text(reference, styles.body),
        Spacer(1, 4 * mm),
        *[pdf_text(paragraph, styles.body) for paragraph in body],
        Spacer(1, 10 * mm),
        Table(
            [["", SealMark(issuer.name)], ["", pdf_text(f"{issuer.name}\n{_day(today)}", styles.body)]],
            colWidths=[content_width() - 60 * mm, 60 * mm],
        ),
    ]
    pdf = pdf_render(
        flowables,
        title=f"{title} {reference}",
        author=issuer.name,
        footer=f"{settings.GOVHALL['SITE_NAME']} · {reference}",
    )
    return pdf_seal(pdf, issuer=issuer, reason=title)


def pdf_seal(pdf: bytes, *, issuer: Department, reason: str) -> bytes:
    """``pdf`` with a PAdES B-B signature by ``issuer``'s seal certificate."""
    built = seal_signer_for(issuer)
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    metadata = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=issuer.name,
        name=issuer.name,
    )
    output = signers.sign_pdf(writer, metadata, signer=built.signer)
    return output.getvalue()
