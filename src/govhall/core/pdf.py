"""PDF generation with an embedded CJK font — shared by the one-time notice, licences and result documents.

Owns: finding and registering the CJK TrueType font (``settings.GOVHALL["PDF_FONT_PATH"]``,
else WenQuanYi Micro Hei shipped by the ``paperang-p2-fonts-cjk`` package), paragraph styles
that wrap Chinese text, a table helper and ``pdf_render`` that lays out flowables on A4 with a
running footer. reportlab embeds a subset of the font (``FontFile2``) in every document, so
the PDFs print the same on any machine. Knows nothing of items or cases: callers build the
flowables.
"""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle
from reportlab.platypus.doctemplate import LayoutError

FONT_NAME = "GovhallCJK"
PAGE_MARGIN = 18 * mm
TEXT_COLOUR = colors.HexColor("#1a1a1a")
RULE_COLOUR = colors.HexColor("#8c8c8c")
HEADER_FILL = colors.HexColor("#e8eef6")


def cjk_font_path() -> Path:
    """The configured CJK font file, or the WenQuanYi Micro Hei collection shipped as a dependency."""
    configured = settings.GOVHALL.get("PDF_FONT_PATH") or ""
    if configured:
        path = Path(configured)
        if not path.is_file():
            raise ImproperlyConfigured(f"GOVHALL_PDF_FONT_PATH 指向的字体文件不存在：{path}")
        return path
    return Path(str(resources.files("paperang_p2_fonts_cjk") / "fonts" / "wqy-microhei.ttc"))


@cache
def _register(path: str) -> str:
    """Register the font at ``path`` under a name of its own (a changed setting never swaps fonts under a name)."""
    name = f"{FONT_NAME}-{hashlib.sha256(path.encode()).hexdigest()[:8]}"
    subfont = {"subfontIndex": 0} if path.lower().endswith(".ttc") else {}
    pdfmetrics.registerFont(TTFont(name, path, **subfont))
    return name


def cjk_font_register() -> str:
    """Register the CJK font with reportlab once per process and return its name."""
    return _register(str(cjk_font_path()))


@dataclass(frozen=True)
class PdfStyles:
    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle


def pdf_styles() -> PdfStyles:
    """Paragraph styles in the CJK font; ``wordWrap="CJK"`` breaks lines between any two characters."""
    font = cjk_font_register()

    def style(name: str, size: float, leading: float, **extra: object) -> ParagraphStyle:
        options: dict[str, object] = {"textColor": TEXT_COLOUR} | extra
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, wordWrap="CJK", **options)

    return PdfStyles(
        title=style("title", 18, 24, alignment=TA_CENTER, spaceAfter=4 * mm),
        heading=style("heading", 12.5, 17, spaceBefore=4 * mm, spaceAfter=1.5 * mm),
        body=style("body", 10.5, 15.5, spaceAfter=1 * mm),
        small=style("small", 8.5, 12, textColor=colors.HexColor("#4d4d4d")),
        cell=style("cell", 9, 12.5),
        cell_head=style("cell_head", 9, 12.5),
    )


def pdf_text(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped; line breaks kept)."""
    escaped = (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Paragraph(escaped.replace("\n", "<br/>"), style)


def pdf_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], *, widths: Sequence[float], styles: PdfStyles
) -> Table:
    """A ruled table whose cells wrap Chinese text; the header row repeats on every page."""
    data = [[pdf_text(text, styles.cell_head) for text in header]]
    data += [[pdf_text(str(text), styles.cell) for text in row] for row in rows]
    table = Table(data, colWidths=list(widths), repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, RULE_COLOUR),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def pdf_render(flowables: Sequence[Flowable], *, title: str, author: str, footer: str) -> bytes:
    """Lay out ``flowables`` on A4 pages; every page shows ``footer`` and ``第 n 页``."""
    font = cjk_font_register()
    buffer = BytesIO()

    def decorate(canvas: Canvas, document: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.setFillColor(colors.HexColor("#4d4d4d"))
        canvas.drawString(PAGE_MARGIN, 10 * mm, footer)
        canvas.drawRightString(A4[0] - PAGE_MARGIN, 10 * mm, f"第 {document.page} 页")
        canvas.restoreState()

    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author=author,
        creator="govhall",
        leftMargin=PAGE_MARGIN,
        rightMargin=PAGE_MARGIN,
        topMargin=PAGE_MARGIN,
        bottomMargin=PAGE_MARGIN + 4 * mm,
        lang="zh-CN",
    )
    try:
        document.build(list(flowables), onFirstPage=decorate, onLaterPages=decorate)
    except LayoutError as exc:  # a single cell taller than a page: a data problem, say so plainly
        raise ValueError(f"PDF 排版失败：{exc}") from exc
    return buffer.getvalue()


def content_width() -> float:
    """The usable width of an A4 page between the margins (points)."""
    return A4[0] - 2 * PAGE_MARGIN
