"""Uploaded materials: what we accept, how we check it, and how phone photos are normalised.

Accepted: PDF, JPEG and PNG, recognised by their content, never by the name or the browser's
content type. PDFs must open (pyHanko's reader parses the cross-reference table and trailer).
Images are opened with Pillow (decompression-bomb limit on), turned upright from the camera's
EXIF orientation, reduced to at most 3000 px on the long side, and re-encoded — JPEG at quality
85 without EXIF (a phone photo's GPS position is personal data we have no use for), PNG as PNG.
HEIC and other formats are refused with a message saying what to do instead.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 20 * 1024 * 1024
MAX_SIDE = 3000
Image.MAX_IMAGE_PIXELS = 60_000_000  # a 60-megapixel camera is fine; more is refused as a bomb


@dataclass(frozen=True)
class CleanFile:
    content: bytes
    content_type: str
    extension: str
    sha256: str

    @property
    def size(self) -> int:
        return len(self.content)


def _finish(content: bytes, content_type: str, extension: str) -> CleanFile:
    return CleanFile(content, content_type, extension, hashlib.sha256(content).hexdigest())


def _pdf(content: bytes) -> CleanFile:
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        pages = int(reader.root["/Pages"]["/Count"])
    except (PdfError, KeyError, ValueError, TypeError, AttributeError, IndexError) as exc:
        raise ValidationError("PDF 文件已损坏或无法打开，请重新导出后上传", code="bad_pdf") from exc
    if pages < 1:
        raise ValidationError("PDF 文件没有页面", code="bad_pdf")
    if reader.encrypted:
        raise ValidationError("PDF 文件设置了密码，请去除密码后上传", code="encrypted_pdf")
    return _finish(content, "application/pdf", "pdf")


def _image(content: bytes) -> CleanFile:
    try:
        with Image.open(io.BytesIO(content)) as opened:
            kind = opened.format
            if kind not in {"JPEG", "PNG", "MPO"}:
                raise ValidationError(
                    f"不支持 {kind} 格式的图片，请上传 JPG、PNG 或 PDF 文件", code="bad_type"
                )
            image = ImageOps.exif_transpose(opened)
            image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError("图片无法识别或已损坏，请重新拍摄或选择其他文件", code="bad_image") from exc
    if max(image.size) > MAX_SIDE:
        image.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    if kind == "PNG":
        image.save(out, "PNG", optimize=True)
        return _finish(out.getvalue(), "image/png", "png")
    if image.mode not in {"RGB", "L"}:
        image = image.convert("RGB")
    image.save(out, "JPEG", quality=85, optimize=True)  # no exif= argument: metadata is dropped
    return _finish(out.getvalue(), "image/jpeg", "jpg")


def upload_clean(content: bytes) -> CleanFile:
    """The accepted, normalised form of an uploaded file, or ``ValidationError`` in Chinese."""
    if not content:
        raise ValidationError("文件为空，请重新选择", code="empty")
    if len(content) > MAX_BYTES:
        raise ValidationError(
            f"文件超过 {MAX_BYTES // (1024 * 1024)} MB，请压缩或分页扫描后上传", code="too_large"
        )
    if content[:1024].lstrip().startswith(b"%PDF-"):
        return _pdf(content)
    if content.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")):
        return _image(content)
    raise ValidationError("只接受 PDF、JPG、PNG 格式的文件", code="bad_type")
