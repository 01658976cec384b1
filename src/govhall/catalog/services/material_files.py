"""Files attached to a draft's materials: the blank form template (空白表格) and filled sample (示例样表).

Owns the upload rules (PDF, DOC, DOCX, XLS, XLSX; at most 10 MB; the content must match the
extension — it is sniffed, the browser's content type is not trusted) and the write of the
file onto a material of a *draft* version. Never touches published versions: their files are
immutable like the rest of the guide.

The sniffing is hand-written on purpose: the five formats are told apart exactly by their
signatures (``%PDF-``, the OLE2 compound-file header for DOC/XLS) and, for the Office Open
XML formats, by the part that must exist inside the ZIP (``word/document.xml``,
``xl/workbook.xml``), which byte-signature libraries do not check.
"""

import zipfile
from pathlib import PurePath
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.crypto import get_random_string

from govhall.core.audit import audit_record

from ..models import ImplementationVersion, Material, VersionState
from .implementations import implementation_audit_target, version_draft_save

MAX_FILE_SIZE = 10 * 1024 * 1024
KINDS = {"template": "template_file", "sample": "sample_file"}
KIND_LABELS = {"template": "空白表格", "sample": "示例样表"}
ALLOWED_EXTENSIONS = ("pdf", "doc", "docx", "xls", "xlsx")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OOXML_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


def _content_matches(upload: UploadedFile, extension: str) -> bool:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension in ("doc", "xls"):
        return head == _OLE2
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return False
    finally:
        upload.seek(0)
    return "[Content_Types].xml" in names and _OOXML_PART[extension] in names


def material_file_validate(upload: UploadedFile) -> str:
    """Check an uploaded material file; return its lower-case extension or raise ``ValidationError``."""
    name = PurePath(upload.name or "").name
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError("仅支持 PDF、DOC、DOCX、XLS、XLSX 格式的文件", code="file_type")
    if upload.size is None or upload.size == 0:
        raise ValidationError("文件是空的", code="file_empty")
    if upload.size > MAX_FILE_SIZE:
        raise ValidationError("文件不能超过 10 MB", code="file_size")
    if not _content_matches(upload, extension):
        raise ValidationError(
            f"文件内容与扩展名 .{extension} 不符，请上传真实的 {extension.upper()} 文件", code="file_content"
        )
    return extension


@transaction.atomic
def material_files_attach(
    *, version: ImplementationVersion, user: User, position: int, kind: str, upload: UploadedFile
) -> Material:
    """Store ``upload`` as the template or sample of the material at ``position`` of a draft."""
    if kind not in KINDS:
        raise ValidationError(f"未知的文件类别：{kind}")
    locked = ImplementationVersion.objects.select_for_update().get(pk=version.pk)
    if locked.state != VersionState.DRAFT:
        raise ValidationError("只有草稿可以上传材料文件", code="wrong_state")
    try:
        material = locked.materials.get(position=position)
    except Material.DoesNotExist as exc:
        raise ValidationError({"materials": f"第 {position} 项材料不存在"}) from exc
    extension = material_file_validate(upload)
    field = getattr(material, KINDS[kind])
    stem = f"{locked.implementation_id}-v{locked.number}-{position}-{kind}-{get_random_string(8).lower()}"
    field.save(f"{stem}.{extension}", upload, save=False)
    material.save(update_fields=[KINDS[kind]])
    audit_record(
        actor=user,
        action="catalog.implementation.material_file_attached",
        target=implementation_audit_target(locked.implementation),
        summary={"version": locked.number, "material": material.name, "kind": kind, "file": field.name},
    )
    return material


@transaction.atomic
def version_draft_save_with_files(
    *,
    version: ImplementationVersion,
    user: User,
    elements: dict[str, Any],
    uploads: dict[int, dict[str, UploadedFile]] | None = None,
    origins: dict[int, int] | None = None,
) -> ImplementationVersion:
    """Save a draft's elements and attach uploaded files in one transaction.

    ``uploads`` maps a material's index in ``elements["materials"]`` to ``{"template"|"sample": file}``.
    ``origins`` maps an index to the position that row had in the saved draft, so a renamed
    material keeps its files (the element save matches files by material name).
    """
    previous = {m.position: (m.template_file.name, m.sample_file.name) for m in version.materials.all()}
    errors: dict[str, list[str]] = {}
    for index, files in (uploads or {}).items():
        for kind, upload in files.items():
            try:
                material_file_validate(upload)
            except ValidationError as exc:
                errors[f"materials.{index}.{kind}_file"] = exc.messages
    if errors:
        raise ValidationError(errors)
    saved = version_draft_save(version=version, user=user, elements=elements)
    for index, position in (origins or {}).items():
        if position not in previous:
            continue
        material = saved.materials.filter(position=index + 1).first()
        if material is None:
            continue
        template, sample = previous[position]
        updates = []
        if template and not material.template_file:
            material.template_file.name = template
            updates.append("template_file")
        if sample and not material.sample_file:
            material.sample_file.name = sample
            updates.append("sample_file")
        if updates:
            material.save(update_fields=updates)
    for index, files in sorted((uploads or {}).items()):
        for kind, upload in files.items():
            material_files_attach(version=saved, user=user, position=index + 1, kind=kind, upload=upload)
    return saved
