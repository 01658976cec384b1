"""Reads for the applicant's pages (portal): a draft with its guide, problems before submission, reuse.

Everything here is about one applicant and checks it in the same call (a draft or case of someone
else is "not found"). ``previous_answers`` offers what the applicant typed last time for the same
item; the pages show it as an offer ("上次填写"), never fill it in by themselves. Never writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError

from govhall.catalog.application_forms import (
    form_answers_clean,
    form_reusable_keys,
    scenario_answers_clean,
)
from govhall.catalog.models import ImplementationVersion, ItemImplementation, Material
from govhall.catalog.selectors import implementation_get_live
from govhall.directory.models import Region
from govhall.licences.selectors import licences_usable_for

from .models import Case, Draft
from .selectors import cases_of_applicant, drafts_of_applicant
from .services.applicants import Applicant, applicant_profile
from .services.drafts import MaterialSlot, draft_slots


@dataclass(frozen=True)
class DraftContext:
    """A draft with the live guide it is filled against (what ``case_submit`` will check it with)."""

    draft: Draft
    implementation: ItemImplementation
    version: ImplementationVersion

    @property
    def has_scenario(self) -> bool:
        return bool((self.version.scenario or {}).get("questions"))

    @property
    def has_form(self) -> bool:
        return bool((self.version.form_schema or {}).get("properties"))


def draft_unsubmitted(applicant: Applicant, implementation_code: str) -> Draft | None:
    """The applicant's draft for the item still being filled in, if any (no draft is created)."""
    return (
        drafts_of_applicant(applicant).filter(implementation_code=implementation_code, bundle_code="").first()
    )


def bundle_draft_unsubmitted(applicant: Applicant, bundle_code: str) -> Draft | None:
    """The applicant's 一件事 draft still being filled in, if any (no draft is created)."""
    return drafts_of_applicant(applicant).filter(bundle_code=bundle_code).first()


def draft_context(draft: Draft) -> DraftContext:
    """The draft with its live implementation; ``ItemImplementation.DoesNotExist`` if no longer live."""
    implementation = implementation_get_live(code=draft.implementation_code)
    version = implementation.published_version
    assert version is not None
    return DraftContext(draft=draft, implementation=implementation, version=version)


def scenario_answers_valid(version: ImplementationVersion, answers: dict[str, Any]) -> dict[str, str]:
    """The answers if every question is answered correctly, else ``{}`` (nothing is selected yet)."""
    try:
        return scenario_answers_clean(version.scenario, answers)
    except ValidationError:
        return {}


def draft_material_slots(context: DraftContext) -> list[MaterialSlot]:
    answers = scenario_answers_valid(context.version, context.draft.scenario_answers)
    return draft_slots(context.draft, context.version, answers)


def draft_problems(context: DraftContext, applicant: Applicant) -> dict[str, list[str]]:
    """What ``case_submit`` would refuse, keyed like its errors (``scenario.<key>``, ``form.<path>``, ``materials``)."""
    draft, version = context.draft, context.version
    problems: dict[str, list[str]] = {}
    answers: dict[str, str] = {}
    try:
        answers = scenario_answers_clean(version.scenario, draft.scenario_answers)
    except ValidationError as exc:
        problems |= {f"scenario.{k}": list(v) for k, v in exc.message_dict.items()}
    try:
        form_answers_clean(version.form_schema, draft.form_data, answers, applicant_profile(applicant))
    except ValidationError as exc:
        problems |= {f"form.{k}": list(v) for k, v in exc.message_dict.items()}
    missing = [
        s.material.name for s in draft_slots(draft, version, answers) if s.required and not s.satisfied
    ]
    if missing:
        problems["materials"] = [f"缺少必要材料：{'、'.join(missing)}"]
    if draft.delivery == "mail" and not draft.delivery_address:
        problems["delivery_address"] = ["选择邮寄送达时请填写邮寄地址"]
    return problems


def previous_answers(
    applicant: Applicant, implementation_code: str, schema: dict[str, Any]
) -> dict[str, Any]:
    """Reusable answers (non-profile simple fields) of the applicant's latest case of the same item."""
    keys = form_reusable_keys(schema or {})
    if not keys:
        return {}
    latest = (
        cases_of_applicant(applicant)
        .filter(implementation_code=implementation_code)
        .order_by("-submitted_at", "-id")
        .values_list("form_data", flat=True)
        .first()
    )
    if not isinstance(latest, dict):
        return {}
    return {key: latest[key] for key in keys if latest.get(key) not in (None, "")}


def preliminary_regions(version: ImplementationVersion) -> list[Region]:
    """办理地 choices of an item with a lower-level preliminary review: regions of that level below the item's."""
    if not version.preliminary_level:
        return []
    region = version.implementation.region
    return list(
        Region.objects.filter(level=version.preliminary_level, path__startswith=region.path).order_by("code")
    )


def preliminary_region_get(version: ImplementationVersion, code: str) -> Region | None:
    code = (code or "").strip()
    return next((r for r in preliminary_regions(version) if code and r.code == code), None)


def usable_licences(applicant: Applicant, type_codes: list[str]) -> list[Any]:
    """Valid licences of the applicant (or the enterprise they act for) of one of ``type_codes``."""
    if not type_codes:
        return []
    return licences_usable_for(
        person=applicant.person, enterprise=applicant.enterprise, type_codes=type_codes
    )


def item_names(codes: set[str]) -> dict[str, str]:
    """Implementation code → its name (for the draft list)."""
    rows = ItemImplementation.objects.filter(code__in=codes).values_list(
        "code", "catalog_item__name", "handling_item__name"
    )
    return {code: f"{name}（{handling}）" if handling else name for code, name, handling in rows}


def case_version_materials(case: Case) -> dict[int, Material]:
    """Material position → the material of the guide version the case was submitted under."""
    return {m.position: m for m in Material.objects.filter(version_id=case.version_id)}


def draft_material_get(applicant: Applicant, draft_id: Any, material_id: Any) -> Any:
    """An uploaded file of the applicant's own draft (``DraftMaterial.DoesNotExist`` otherwise)."""
    from .models import DraftMaterial

    return DraftMaterial.objects.get(
        pk=material_id, draft_id=draft_id, draft__owner=applicant.user, draft__enterprise=applicant.enterprise
    )
