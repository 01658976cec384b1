"""申报草稿 — saved as the applicant types; materials attached one by one; nothing validated harshly yet.

A draft belongs to the account that opened it and to the enterprise it acted for then. It is
pinned to the guide version that was live when it was opened; if a new version is published
before submission, ``submit`` re-checks against the new one (and says what changed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from govhall.catalog.models import ImplementationVersion, Material
from govhall.catalog.selectors import implementation_for_case
from govhall.licences.services import licence_usable_as_material

from ..models import Delivery, Draft, DraftMaterial, MaterialSource
from ..uploads import upload_clean
from .applicants import Applicant

MAX_FORM_BYTES = 200_000


def draft_open(*, applicant: Applicant, implementation_code: str) -> Draft:
    """The applicant's unsubmitted draft for the item, or a new one on the live guide version."""
    implementation = implementation_for_case(code=implementation_code)
    existing = (
        Draft.objects.filter(
            owner=applicant.user,
            enterprise=applicant.enterprise,
            implementation_code=implementation.code,
            bundle_code="",
            case__isnull=True,
        )
        .order_by("-updated_at")
        .first()
    )
    if existing is not None:
        return existing
    assert implementation.published_version_id is not None
    return Draft.objects.create(
        owner=applicant.user,
        enterprise=applicant.enterprise,
        implementation_code=implementation.code,
        version_id=implementation.published_version_id,
    )


def draft_for(applicant: Applicant, draft_id: Any) -> Draft:
    """The applicant's own draft (submitted or not); anybody else's is "not found"."""
    try:
        return Draft.objects.get(pk=draft_id, owner=applicant.user, enterprise=applicant.enterprise)
    except (Draft.DoesNotExist, ValidationError, ValueError) as exc:
        raise Draft.DoesNotExist("草稿不存在") from exc


def _editable(draft: Draft) -> None:
    if draft.case_id is not None:
        raise ValidationError("该申请已提交，不能再修改草稿", code="submitted")


def draft_save(
    *,
    draft: Draft,
    scenario_answers: dict[str, Any] | None = None,
    form_data: dict[str, Any] | None = None,
    delivery: str | None = None,
    delivery_address: str | None = None,
) -> Draft:
    """Save what was typed (partial data allowed); only shapes and sizes are checked here."""
    _editable(draft)
    fields = ["updated_at"]
    if scenario_answers is not None:
        if not isinstance(scenario_answers, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in scenario_answers.items()
        ):
            raise ValidationError({"scenario_answers": ["情形选择格式不正确"]})
        draft.scenario_answers = scenario_answers
        fields.append("scenario_answers")
    if form_data is not None:
        if not isinstance(form_data, dict):
            raise ValidationError({"form_data": ["表单内容应为对象"]})
        if len(str(form_data).encode()) > MAX_FORM_BYTES:
            raise ValidationError({"form_data": ["表单内容过长"]})
        draft.form_data = form_data
        fields.append("form_data")
    if delivery is not None:
        if delivery not in Delivery.values:
            raise ValidationError({"delivery": ["请选择送达方式：窗口领取、网上下载或邮寄"]})
        draft.delivery = delivery
        fields.append("delivery")
    if delivery_address is not None:
        draft.delivery_address = delivery_address.strip()[:300]
        fields.append("delivery_address")
    draft.save(update_fields=fields)
    return draft


def _material(draft: Draft, position: int) -> Material:
    if draft.bundle_code:  # 一件事: the lead's and the members' materials (``bundles.py``)
        from .bundles import bundle_draft_material_get

        return bundle_draft_material_get(draft, position)
    material = Material.objects.filter(version_id=draft.version_id, position=position).first()
    if material is None:
        raise ValidationError({"material": [f"第 {position} 项材料不存在"]})
    return material


@transaction.atomic
def draft_material_upload(*, draft: Draft, position: int, content: bytes, filename: str) -> DraftMaterial:
    """Attach an uploaded file (checked and normalised) to material ``position``; several files allowed."""
    _editable(draft)
    _material(draft, position)
    clean = upload_clean(content)
    base = (filename or "材料").rsplit(".", 1)[0][:150]
    row = DraftMaterial(
        draft=draft,
        material_position=position,
        source=MaterialSource.UPLOAD,
        original_name=f"{base}.{clean.extension}",
        content_type=clean.content_type,
        size=clean.size,
        sha256=clean.sha256,
    )
    row.file.save(f"{clean.sha256[:16]}.{clean.extension}", ContentFile(clean.content), save=False)
    row.save()
    draft.save(update_fields=["updated_at"])
    return row


@transaction.atomic
def draft_material_licence(
    *, draft: Draft, applicant: Applicant, position: int, identifier: str
) -> DraftMaterial:
    """Use an electronic licence from the applicant's wallet for material ``position``."""
    _editable(draft)
    material = _material(draft, position)
    licence = licence_usable_as_material(
        identifier=identifier.strip(), person=applicant.person, enterprise=applicant.enterprise
    )
    if material.licence_types and licence.licence_type.code not in material.licence_types:
        raise ValidationError({"material": [f"“{licence.licence_type.name}”不能作为“{material.name}”使用"]})
    draft.materials.filter(material_position=position, source=MaterialSource.LICENCE).delete()
    row = DraftMaterial.objects.create(
        draft=draft,
        material_position=position,
        source=MaterialSource.LICENCE,
        original_name=licence.licence_type.name,
        licence_identifier=licence.identifier,
    )
    draft.save(update_fields=["updated_at"])
    return row


def draft_material_remove(*, draft: Draft, material_id: int) -> None:
    _editable(draft)
    row = draft.materials.filter(pk=material_id).first()
    if row is None:
        raise PermissionDenied("材料不存在")
    row.delete()


@dataclass(frozen=True)
class MaterialSlot:
    """One applicable material of a draft or case with what was provided for it."""

    material: Material
    provided: list[DraftMaterial]
    exempt: bool  # 免提交: the platform holds it (issued by a government department and shared)

    @property
    def required(self) -> bool:
        return self.material.requirement == "required"

    @property
    def satisfied(self) -> bool:
        return self.exempt or bool(self.provided)


def material_is_exempt(material: Material) -> bool:
    """免提交: issued by a government department and obtained through sharing, so never asked for (R-SHR.2).

    A government-issued material that names licence types is instead chosen from the wallet (with the
    holder's recorded consent), because which licence to use is the applicant's choice.
    """
    return material.source == "government" and not material.licence_types


def draft_slots(draft: Draft, version: ImplementationVersion, answers: dict[str, str]) -> list[MaterialSlot]:
    from govhall.catalog.application_forms import scenario_materials

    provided: dict[int, list[DraftMaterial]] = {}
    for row in draft.materials.all():
        provided.setdefault(row.material_position, []).append(row)
    if draft.bundle_code:  # 一件事: the lead's and the members' materials, shared ones once (``bundles.py``)
        from .bundles import bundle_draft_materials

        materials = bundle_draft_materials(draft, version, answers)
    else:
        materials = scenario_materials(list(version.materials.all()), answers)
    return [
        MaterialSlot(material=m, provided=provided.get(m.position, []), exempt=material_is_exempt(m))
        for m in materials
    ]
