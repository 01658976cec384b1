"""提交申请 — a draft (or a window intake) becomes a case, exactly once.

Everything happens in one transaction: re-validate against the live guide, allocate the case
number, copy the materials, start the process, open the first task, write the timeline, audit,
and mark the draft submitted. The draft row is locked first, so a double click or two concurrent
requests for the same draft serialise: the second finds ``draft.case`` set and gets the same case.
An API client's ``Idempotency-Key`` maps to the case it created; the same key with a different
request is refused rather than silently ignored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from govhall.catalog.models import ImplementationVersion, ItemImplementation, LimitUnit
from govhall.catalog.selectors import implementation_for_case
from govhall.core.audit import AuditTarget, audit_record
from govhall.core.personal_data import lookup_hash
from govhall.core.workdays import workdays_add
from govhall.directory.models import Department
from govhall.licences.services import licence_usable_as_material, licence_use_record

from ..models import (
    Case,
    CaseEvent,
    CaseMaterial,
    Channel,
    Delivery,
    Draft,
    EventKind,
    IdempotencyKey,
    MaterialSource,
)
from ..numbers import case_number_allocate
from .applicants import Applicant, applicant_check, applicant_profile
from .drafts import draft_slots
from .flow import flow_start, flow_sync_tasks
from .notify import applicant_notify

ACCEPT_DAYS = 5  # 行政许可法 Art. 32: decide on acceptance within five working days of receipt


class IdempotencyConflict(ValidationError):
    """The key was used before for a different request."""


def query_digest(number: str, tail: str) -> str:
    """What the public progress query compares: case number + last 6 characters of the ID/credit code."""
    return lookup_hash(f"{number}:{tail.strip().upper()[-6:]}", purpose="case_query")


def _limit_days(version: ImplementationVersion, which: str) -> int | None:
    days = getattr(version, f"{which}_limit")
    if days is None:
        return None
    if getattr(version, f"{which}_limit_unit") == LimitUnit.NATURAL_DAYS:
        return max(1, round(days * 5 / 7))  # stored in working days; natural days converted conservatively
    return int(days)


@dataclass
class Submission:
    """What becomes a case, whichever channel it came through."""

    applicant: Applicant
    implementation: ItemImplementation
    version: ImplementationVersion
    scenario_answers: dict[str, str]
    form_data: dict[str, Any]
    delivery: str
    delivery_address: str
    channel: str
    submitted_by: Any
    materials: list[dict[str, Any]] = field(default_factory=list)  # CaseMaterial kwargs (no case)
    preliminary_region: Any = None
    back_entry_on: dt.date | None = None
    co_departments: list[int] | None = None  # None: the guide version's (一件事: the members' departments)
    bundle_code: str = ""
    bundle_items: list[dict[str, Any]] = field(default_factory=list)


def _validated(draft_or_data: Any, applicant: Applicant, version: ImplementationVersion) -> tuple[dict, dict]:
    from govhall.catalog.application_forms import form_answers_clean, scenario_answers_clean

    errors: dict[str, list[str]] = {}
    answers: dict[str, str] = {}
    try:
        answers = scenario_answers_clean(version.scenario, draft_or_data.scenario_answers)
    except ValidationError as exc:
        errors |= {f"scenario.{k}": v for k, v in exc.message_dict.items()}
    form: dict[str, Any] = {}
    try:
        form = form_answers_clean(
            version.form_schema,
            draft_or_data.form_data,
            answers=answers,
            profile=applicant_profile(applicant),
        )
    except ValidationError as exc:
        errors |= {f"form.{k}": v for k, v in exc.message_dict.items()}
    if errors:
        raise ValidationError(errors)
    return answers, form


def _preliminary_department(version: ImplementationVersion, region: Any) -> Department | None:
    """The lower-level department that gives the preliminary opinion: same kind of department, chosen region."""
    if not version.preliminary_level:
        return None
    if region is None:
        raise ValidationError({"preliminary_region": ["该事项需要下级初审，请选择办理地（市、县）"]})
    lead = version.implementation.department
    suffix = lead.name.split(lead.region.name)[-1] if lead.region.name in lead.name else lead.name[-8:]
    department = (
        Department.objects.filter(region=region, is_active=True, name__endswith=suffix).order_by("id").first()
    )
    if department is None:
        raise ValidationError({"preliminary_region": [f"所选地区没有承担初审的“{suffix}”"]})
    return department


def case_create(submission: Submission, *, before_numbering: Any = None) -> Case:
    """Write the case, its materials, process, first task, timeline and audit entry (inside a transaction).

    The two rows every submission of a county and day contends for — the case-number serial and the
    audit chain's head — are locked last, so concurrent submissions overlap for everything else and
    queue only for the short tail before commit. Until then the case carries a provisional number.
    ``before_numbering(case)`` runs in between (the draft and idempotency-key rows of an online submit).
    """
    case = _case_write(submission)
    if before_numbering is not None:
        before_numbering(case)
    _case_number_and_record(case, submission)
    return case


def _case_write(submission: Submission) -> Case:
    version, implementation, applicant = submission.version, submission.implementation, submission.applicant
    now = timezone.now()
    today = timezone.localdate()
    preliminary = _preliminary_department(version, submission.preliminary_region)
    case = Case.objects.create(
        number=f"~{uuid.uuid4().hex[:30]}",  # provisional, replaced before commit
        channel=submission.channel,
        implementation_code=implementation.code,
        item_code=implementation.catalog_item.code,
        item_name=implementation.name,
        version_id=version.pk,
        region=implementation.region,
        department=implementation.department,
        applicant=applicant.person,
        enterprise=applicant.enterprise,
        applicant_name=applicant.name,
        applicant_number_masked=applicant.number_masked,
        query_digest="",
        submitted_by=submission.submitted_by,
        scenario_answers=submission.scenario_answers,
        form_data=submission.form_data,
        delivery=submission.delivery,
        delivery_address=submission.delivery_address,
        submitted_at=now,
        received_on=today,
        accept_due=workdays_add(today, ACCEPT_DAYS),
        promised_days=_limit_days(version, "promised"),
        statutory_days=_limit_days(version, "statutory"),
        back_entry=submission.back_entry_on is not None,
        handled_on=submission.back_entry_on,
        preliminary_department=preliminary,
        preliminary_limit=version.preliminary_limit if preliminary else None,
        process_key=version.process_key or "standard",
        bundle_code=submission.bundle_code,
        bundle_items=submission.bundle_items,
    )
    co = submission.co_departments
    if co is None:
        co = list(version.co_departments.values_list("pk", flat=True))
    if co:
        case.co_departments.set(co)
    CaseMaterial.objects.bulk_create(CaseMaterial(case=case, **m) for m in submission.materials)
    run = flow_start(case, co_departments=co, needs_preliminary=preliminary is not None)
    flow_sync_tasks(case, run)
    case.save(update_fields=["workflow_state", "workflow_serializer_version", "timer_due"])
    actor_label = getattr(submission.submitted_by, "get_username", lambda: "")()
    CaseEvent.objects.create(
        case=case,
        kind=EventKind.SUBMITTED,
        at=now,
        actor=submission.submitted_by,
        actor_label=applicant.person.name if submission.channel == Channel.ONLINE else actor_label,
        data={"channel": submission.channel, "materials": len(submission.materials)},
    )
    return case


def _case_number_and_record(case: Case, submission: Submission) -> None:
    applicant = submission.applicant
    tail = applicant.enterprise.credit_code if applicant.enterprise else _id_tail(applicant)
    number = case_number_allocate(submission.implementation.department.region.code, case.received_on)
    case.number, case.query_digest = number, query_digest(number, tail)
    Case.objects.filter(pk=case.pk).update(number=number, query_digest=case.query_digest)
    # Online, the applicant is looking at the confirmation page: an in-site message, no SMS.
    applicant_notify(case, "case_submitted", sms=submission.channel != Channel.ONLINE)
    for material in submission.materials:
        if material["source"] == MaterialSource.LICENCE:
            licence = licence_usable_as_material(
                identifier=material["licence_identifier"],
                person=applicant.person,
                enterprise=applicant.enterprise,
            )
            licence_use_record(licence=licence, actor=submission.submitted_by, case_number=number)
    audit_record(
        actor=submission.submitted_by,
        action="case.submitted",
        target=AuditTarget.of(case, f"{number} {case.item_name}"),
        summary={
            "channel": submission.channel,
            "applicant": applicant.name,
            "enterprise": applicant.enterprise.credit_code if applicant.enterprise else "",
            "agent": applicant.person.name if applicant.enterprise else "",
            "materials": len(submission.materials),
            "back_entry": case.back_entry,
            # the ID number's last six characters were used to derive the progress-query check
            "personal_data_use": "" if applicant.enterprise else "id_number",
        },
    )


def _id_tail(applicant: Applicant) -> str:
    """The last six characters of the applicant's ID number (audited as a use of personal data)."""
    from govhall.identity.services.reveal import person_id_number_use

    return person_id_number_use(
        person=applicant.person, reason="生成办件进度查询凭据", recorded_by_caller=True
    )[-6:]


def _draft_materials(
    draft: Draft, version: ImplementationVersion, answers: dict[str, str], actor: Any
) -> list[dict]:
    slots = draft_slots(draft, version, answers)
    missing = [slot.material.name for slot in slots if slot.required and not slot.satisfied]
    if missing:
        raise ValidationError({"materials": [f"缺少必要材料：{'、'.join(missing)}"]})
    applicable = {slot.material.position: slot.material for slot in slots}
    rows: list[dict] = []
    for slot in slots:
        if slot.exempt and not slot.provided:
            rows.append(
                {
                    "material_position": slot.material.position,
                    "name": slot.material.name,
                    "source": MaterialSource.EXEMPT,
                    "added_by": actor,
                }
            )
        for provided in slot.provided:
            rows.append(
                {
                    "material_position": provided.material_position,
                    "name": applicable[provided.material_position].name,
                    "source": provided.source,
                    "file": provided.file.name,
                    "original_name": provided.original_name,
                    "content_type": provided.content_type,
                    "size": provided.size,
                    "sha256": provided.sha256,
                    "licence_identifier": provided.licence_identifier,
                    "added_by": actor,
                }
            )
    return rows


def _request_digest(draft: Draft) -> str:
    payload = {"draft": str(draft.pk)}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def case_submit(
    *, draft: Draft, applicant: Applicant, idempotency_key: str = "", preliminary_region: Any = None
) -> Case:
    """Submit ``draft``; a retry (same draft, or same ``idempotency_key``) returns the case created first."""
    if draft.bundle_code:  # 一件事: one case on the lead item with the members' departments countersigning
        from .bundles import bundle_case_submit

        return bundle_case_submit(draft=draft, applicant=applicant, preliminary_region=preliminary_region)
    key = (idempotency_key or "").strip()
    if len(key) > 100:
        raise ValidationError({"idempotency_key": ["Idempotency-Key 不能超过 100 个字符"]})
    try:
        with transaction.atomic():
            return _submit(draft=draft, applicant=applicant, key=key, preliminary_region=preliminary_region)
    except IntegrityError:
        # A concurrent request with the same key won the race: answer with its case.
        existing = IdempotencyKey.objects.filter(owner=applicant.user, key=key).select_related("case").first()
        if existing is None:
            raise
        if existing.request_digest != _request_digest(draft):
            raise IdempotencyConflict(
                "该 Idempotency-Key 已用于另一份申请", code="idempotency_conflict"
            ) from None
        return existing.case


def _submit(*, draft: Draft, applicant: Applicant, key: str, preliminary_region: Any) -> Case:
    locked = Draft.objects.select_for_update().get(pk=draft.pk)
    if key:
        existing = IdempotencyKey.objects.filter(owner=applicant.user, key=key).select_related("case").first()
        if existing is not None:
            if existing.request_digest != _request_digest(locked):
                raise IdempotencyConflict("该 Idempotency-Key 已用于另一份申请", code="idempotency_conflict")
            return existing.case
    if locked.case_id is not None:
        return Case.objects.get(pk=locked.case_id)
    implementation = implementation_for_case(code=locked.implementation_code)
    version = ImplementationVersion.objects.get(pk=int(implementation.published_version_id or 0))
    if version.pk != locked.version_id:  # the guide changed since the draft was opened: check the new one
        locked.version_id = version.pk
        locked.save(update_fields=["version_id"])
    applicant_check(
        applicant, required_level=version.required_level, item_code=implementation.catalog_item.code
    )
    answers, form = _validated(locked, applicant, version)
    materials = _draft_materials(locked, version, answers, applicant.user)
    if locked.delivery == Delivery.MAIL and not locked.delivery_address.strip():
        raise ValidationError({"delivery_address": ["选择邮寄送达时请填写邮寄地址"]})
    case = case_create(
        Submission(
            applicant=applicant,
            implementation=implementation,
            version=version,
            scenario_answers=answers,
            form_data=form,
            delivery=locked.delivery,
            delivery_address=locked.delivery_address,
            channel=Channel.ONLINE,
            submitted_by=applicant.user,
            materials=materials,
            preliminary_region=preliminary_region,
        ),
        before_numbering=lambda case: _draft_link(locked, case, applicant=applicant, key=key),
    )
    case.submitted_now = True  # type: ignore[attr-defined]  # this call created it (API: 201, a retry: 200)
    return case


def _draft_link(draft: Draft, case: Case, *, applicant: Applicant, key: str) -> None:
    """The draft (and the API client's key) now point at the case: a retry finds it."""
    draft.case = case
    draft.save(update_fields=["case"])
    if key:
        IdempotencyKey.objects.create(
            owner=applicant.user, key=key, request_digest=_request_digest(draft), case=case
        )
