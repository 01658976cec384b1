"""一件事 — applying for a bundle of items once and getting one combined result.

A bundle case is *one* case on the bundle's lead item (its department accepts, reviews and decides;
its form is the one filled in) with the bundle recorded (``Case.bundle_code``, ``bundle_items``).
The members' departments are the case's co-departments: the standard process's multi-instance
countersign runs for each of them in parallel. Materials are shared: the lead's and every member's
applicable materials, a material with the same name asked for once. On the lead's decision one
sealed 一件事办理结果通知书 lists every item with its result, and each approved item whose item code
has a licence type gets its licence, issued by the item's own department.

Material positions of a bundle draft: the lead's materials keep their positions; the k-th member
(by implementation code) numbers its materials ``k * 1000 + position``. Never imports portal code.
"""

from __future__ import annotations

import copy
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from govhall.catalog.application_forms import scenario_materials
from govhall.catalog.models import Bundle, ImplementationVersion, ItemImplementation, Material
from govhall.catalog.selectors_bundles import bundle_get_live, bundle_members
from govhall.catalog.services.bundles import bundle_co_department_ids
from govhall.directory.models import Department
from govhall.licences.selectors import licence_types_for_item
from govhall.licences.services import licence_issue, result_document_sign

from ..models import Case, CaseTask, Channel, Delivery, Draft, EventKind, TaskStatus
from .applicants import Applicant, applicant_check

MEMBER_STRIDE = 1000
RESULT_TITLE = "一件事办理结果通知书"


def _name_key(name: str) -> str:
    return "".join(name.split())


def bundle_materials(
    bundle: Bundle | None, lead_version: ImplementationVersion, answers: dict[str, str] | None
) -> list[Material]:
    """The bundle's applicable materials, shared ones once (``answers=None``: regardless of the scenario).

    Returned rows are unsaved copies carrying the bundle position and ``bundle_item_names`` (the items
    that ask for it); a material required by any item is required.
    """
    groups: list[tuple[int, str, list[Material]]] = [
        (0, lead_version.implementation.name, list(lead_version.materials.all()))
    ]
    if bundle is not None:
        for k, member in enumerate(bundle_members(bundle), 1):
            assert member.published_version is not None
            groups.append((k, member.name, list(member.published_version.materials.all())))
    by_name: dict[str, Material] = {}
    rows: list[Material] = []
    for k, item_name, materials in groups:
        for material in materials if answers is None else scenario_materials(materials, answers):
            shared = by_name.get(_name_key(material.name))
            if shared is not None:
                if material.requirement == "required":
                    shared.requirement = "required"
                if item_name not in shared.bundle_item_names:  # type: ignore[attr-defined]
                    shared.bundle_item_names.append(item_name)  # type: ignore[attr-defined]
                continue
            row: Material = copy.copy(material)
            row.position = material.position + k * MEMBER_STRIDE
            row.bundle_item_names = [item_name]  # type: ignore[attr-defined]
            by_name[_name_key(material.name)] = row
            rows.append(row)
    return rows


def _bundle_or_none(code: str) -> Bundle | None:
    try:
        return bundle_get_live(code=code)
    except Bundle.DoesNotExist:
        return None  # suspended meanwhile: the draft shows the lead's materials; submitting says why


def bundle_draft_materials(
    draft: Draft, version: ImplementationVersion, answers: dict[str, str] | None
) -> list[Material]:
    """``drafts.draft_slots`` for a bundle draft."""
    return bundle_materials(_bundle_or_none(draft.bundle_code), version, answers)


def bundle_draft_material_get(draft: Draft, position: int) -> Material:
    """Material ``position`` of a bundle draft (any scenario), or ``ValidationError``."""
    version = ImplementationVersion.objects.select_related("implementation").get(pk=draft.version_id)
    found = next((m for m in bundle_draft_materials(draft, version, None) if m.position == position), None)
    if found is None:
        raise ValidationError({"material": [f"第 {position} 项材料不存在"]})
    return found


def _items(bundle: Bundle) -> list[ItemImplementation]:
    return [bundle.lead, *bundle_members(bundle)]


def _check_applicant(applicant: Applicant, bundle: Bundle) -> None:
    for item in _items(bundle):
        assert item.published_version is not None
        applicant_check(
            applicant, required_level=item.published_version.required_level, item_code=item.catalog_item.code
        )


def bundle_get_for_applying(code: str) -> Bundle:
    """The live bundle, or ``ValidationError`` in words for the applicant."""
    try:
        return bundle_get_live(code=code)
    except Bundle.DoesNotExist:
        raise ValidationError("该一件事不存在或已暂停办理", code="bundle_unavailable") from None


def bundle_draft_open(*, applicant: Applicant, bundle_code: str) -> Draft:
    """The applicant's unsubmitted draft for the bundle, or a new one on the lead's live guide."""
    bundle = bundle_get_for_applying(bundle_code)
    _check_applicant(applicant, bundle)
    existing = (
        Draft.objects.filter(
            owner=applicant.user, enterprise=applicant.enterprise, bundle_code=bundle.code, case__isnull=True
        )
        .order_by("-updated_at")
        .first()
    )
    if existing is not None:
        return existing
    assert bundle.lead.published_version_id is not None
    return Draft.objects.create(
        owner=applicant.user,
        enterprise=applicant.enterprise,
        implementation_code=bundle.lead.code,
        version_id=bundle.lead.published_version_id,
        bundle_code=bundle.code,
    )


def _bundle_items(bundle: Bundle) -> list[dict[str, Any]]:
    return [
        {
            "implementation_code": item.code,
            "item_code": item.catalog_item.code,
            "item_name": item.name,
            "department_id": item.department_id,
            "department_name": item.department.name,
            "lead": item.pk == bundle.lead.pk,
        }
        for item in _items(bundle)
    ]


def bundle_case_submit(*, draft: Draft, applicant: Applicant, preliminary_region: Any = None) -> Case:
    """Submit a bundle draft: one case on the lead item, co-departments = the members' departments.

    Idempotent like ``case_submit``: the draft row is locked and, once submitted, points at its case.
    """
    from .submit import Submission, _draft_link, _draft_materials, _validated, case_create

    with transaction.atomic():
        locked = Draft.objects.select_for_update().get(pk=draft.pk)
        if locked.case_id is not None:
            return Case.objects.get(pk=locked.case_id)
        bundle = bundle_get_for_applying(locked.bundle_code)
        version = bundle.lead.published_version
        assert version is not None
        if version.pk != locked.version_id:
            locked.version_id = version.pk  # the lead's guide changed since the draft was opened
            locked.save(update_fields=["version_id"])
        _check_applicant(applicant, bundle)
        answers, form = _validated(locked, applicant, version)
        materials = _draft_materials(locked, version, answers, applicant.user)
        if locked.delivery == Delivery.MAIL and not locked.delivery_address.strip():
            raise ValidationError({"delivery_address": ["选择邮寄送达时请填写邮寄地址"]})
        case = case_create(
            Submission(
                applicant=applicant,
                implementation=bundle.lead,
                version=version,
                scenario_answers=answers,
                form_data=form,
                delivery=locked.delivery,
                delivery_address=locked.delivery_address,
                channel=Channel.ONLINE,
                submitted_by=applicant.user,
                materials=materials,
                preliminary_region=preliminary_region,
                co_departments=bundle_co_department_ids(bundle),
                bundle_code=bundle.code,
                bundle_items=_bundle_items(bundle),
            ),
            before_numbering=lambda case: _draft_link(locked, case, applicant=applicant, key=""),
        )
        case.submitted_now = True  # type: ignore[attr-defined]
        return case


# --- the combined result ----------------------------------------------------------------------


def _countersign_refusals(case: Case) -> dict[int, str]:
    """Department id → "disagree" for co-departments whose countersign opinion was against."""
    rows = CaseTask.objects.filter(case=case, kind="countersign", status=TaskStatus.DONE, outcome="disagree")
    return {department_id: "disagree" for department_id in rows.values_list("department_id", flat=True)}


def bundle_result_issue(case: Case, actor: Any, *, approve: bool, opinion: str) -> None:
    """The lead's decision on a bundle case: a licence per approved item with a licence type, one sealed notice.

    A member whose department's countersign was against is not approved even when the lead approves.
    Licences are issued by each item's own department; ``case.licence_identifier`` is the lead's (or
    the first one issued). ``case.bundle_items`` gains each item's ``result`` and ``licence``.
    """
    from .handling import _event, _licence_data
    from .notify import applicant_notify

    refused = _countersign_refusals(case) if approve else {}
    lines = [
        f"{case.applicant_name}：",
        f"你（单位）于{case.received_on:%Y年%m月%d日}申请办理的“{_bundle_name(case)}”一件事（办件编号 {case.number}），"
        "经各部门并联审批，结果如下：",
    ]
    items: list[dict[str, Any]] = []
    for index, item in enumerate(case.bundle_items, 1):
        item = dict(item)
        item_approved = approve and (item.get("lead") or item.get("department_id") not in refused)
        item["result"] = "approved" if item_approved else "denied"
        item["licence"] = ""
        line = f"{index}. {item['item_name']}（{item.get('department_name', '')}）："
        types = licence_types_for_item(item["item_code"]) if item_approved else []
        if types:
            licence = licence_issue(
                actor=actor,
                type_code=types[0].code,
                holder_person=None if case.enterprise_id else case.applicant,
                holder_enterprise=case.enterprise,
                issuer=Department.objects.get(pk=item["department_id"]),
                data=_licence_data(case, types[0].metadata_schema or {}),
                valid_until=None,
                source_case=case.number,
            )
            item["licence"] = licence.identifier
            if item.get("lead") or not case.licence_identifier:
                case.licence_identifier = licence.identifier
            _event(
                case,
                EventKind.LICENCE_ISSUED,
                actor,
                data={"licence": licence.identifier, "type": types[0].name},
            )
            line += f"准予许可，电子证照“{types[0].name}”标识 {licence.identifier}"
        elif item_approved:
            line += "准予许可"
        else:
            line += "不予许可" + (f"，理由：{opinion}" if not approve else "，协办部门审查意见为不同意")
        lines.append(line)
        items.append(item)
    case.bundle_items = items
    if not approve:
        lines.append(
            "如不服本决定，可以自收到本通知书之日起六十日内依法申请行政复议，或者六个月内依法提起行政诉讼。"
        )
    pdf = result_document_sign(issuer=case.department, title=RESULT_TITLE, body=lines, reference=case.number)
    case.result_document.save(f"{case.number}-bundle-result.pdf", ContentFile(pdf), save=False)
    if approve:
        applicant_notify(case, "case_result_ready", document=RESULT_TITLE)


def _bundle_name(case: Case) -> str:
    return (
        Bundle.objects.filter(code=case.bundle_code).values_list("name", flat=True).first() or case.item_name
    )
