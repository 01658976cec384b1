"""一窗受理 — a window clerk takes an application for a person present, into the same case store.

The clerk checks the ID card (the person is looked up by the full number — an audited lookup — and
registered on the spot if new, at L2 by the clerk's word), scans the materials and submits; the case
is an ordinary case with channel ``window`` and one visit. Back-entry (补录) of a case handled
outside the system is allowed only on the day it was handled, and is flagged for supervision
(严禁系统外循环).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from govhall.catalog.models import ImplementationVersion
from govhall.catalog.selectors import implementation_for_case
from govhall.identity.idnumber import id_number_clean
from govhall.identity.models import AssuranceLevel, AuthMethod, Person, StaffRole
from govhall.identity.selectors import staff_profile_for
from govhall.identity.services.persons import NewPerson, name_clean, person_create, phone_clean
from govhall.identity.services.realname import person_verify_at_window, person_window_lookup

from ..models import Case, Channel, EventKind, MaterialSource
from ..uploads import upload_clean
from .applicants import Applicant
from .handling import _event, _visit
from .submit import Submission, _validated, case_create


@dataclass(frozen=True)
class WindowApplicant:
    """Who stands at the window: the ID card's number and name (and a phone for messages, optional)."""

    id_number: str
    name: str
    phone: str = ""


def _clerk(actor: Any) -> Any:
    profile = staff_profile_for(actor)
    if profile is None or StaffRole.WINDOW_CLERK not in profile.roles:
        raise PermissionDenied("只有窗口人员可以窗口受理")
    return profile


def window_person(*, clerk: Any, who: WindowApplicant) -> Person:
    """The person with this ID number (name must match the card), registered now if new — at L2."""
    person = person_window_lookup(clerk=clerk, id_number=who.id_number)
    if person is not None:
        if person.name != who.name.strip():
            raise ValidationError({"name": ["姓名与该身份证号码登记的姓名不一致，请核对证件"]})
        person_verify_at_window(person=person, clerk=clerk)
        return person
    # No password (the person may register online later) and the phone only if given: a registration
    # at the window has neither an SMS code nor a password to check, unlike ``person_fields_clean``.
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, str] = {"phone": ""}
    checks = [("name", name_clean, who.name), ("id_number", id_number_clean, who.id_number)]
    if (who.phone or "").strip():
        checks.append(("phone", phone_clean, who.phone))
    for field, cleaner, value in checks:
        try:
            cleaned[field] = cleaner(value)
        except ValidationError as exc:
            errors[field] = exc.messages
    if errors:
        raise ValidationError(errors)
    fields = NewPerson(
        name=cleaned["name"], id_number=cleaned["id_number"], phone=cleaned["phone"], password=""
    )
    return person_create(fields=fields, level=AssuranceLevel.L2, level_method=AuthMethod.WINDOW, actor=clerk)


@transaction.atomic
def case_window_intake(
    *,
    clerk: Any,
    who: WindowApplicant,
    implementation_code: str,
    scenario_answers: dict[str, str],
    form_data: dict[str, Any],
    scans: dict[int, list[tuple[str, bytes]]],
    delivery: str,
    delivery_address: str = "",
    handled_on: dt.date | None = None,
) -> Case:
    """Take the application at the window (or back-enter one handled off-system today: ``handled_on``)."""
    profile = _clerk(clerk)
    today = timezone.localdate()
    if handled_on is not None and handled_on != today:
        raise ValidationError({"handled_on": ["系统外办理的办件只能在当日补录，逾期不得补录"]})
    implementation = implementation_for_case(code=implementation_code)
    if implementation.department_id != profile.department_id:
        raise PermissionDenied("只能受理本部门实施的事项")
    version = ImplementationVersion.objects.get(pk=int(implementation.published_version_id or 0))
    person = window_person(clerk=clerk, who=who)
    applicant = Applicant(user=person.user, person=person, level=AssuranceLevel.L2)

    class _Data:  # the shape ``_validated`` reads
        pass

    data = _Data()
    data.scenario_answers = scenario_answers  # type: ignore[attr-defined]
    data.form_data = form_data  # type: ignore[attr-defined]
    answers, form = _validated(data, applicant, version)
    from govhall.catalog.application_forms import scenario_materials

    applicable = {m.position: m for m in scenario_materials(list(version.materials.all()), answers)}
    unknown = set(scans) - set(applicable)
    if unknown:
        raise ValidationError({"materials": [f"材料序号 {sorted(unknown)} 不适用于该事项"]})
    missing = [
        m.name
        for p, m in applicable.items()
        if m.requirement == "required"
        and not scans.get(p)
        and not (m.source == "government" and not m.licence_types)
    ]
    if missing:
        raise ValidationError({"materials": [f"缺少必要材料：{'、'.join(missing)}"]})
    materials = []
    for position, files in scans.items():
        for filename, content in files:
            clean = upload_clean(content)
            stored = ContentFile(clean.content, name=f"{clean.sha256[:16]}.{clean.extension}")
            materials.append(
                {
                    "material_position": position,
                    "name": applicable[position].name,
                    "source": MaterialSource.SCAN,
                    "file": stored,
                    "original_name": f"{(filename or '扫描件').rsplit('.', 1)[0][:150]}.{clean.extension}",
                    "content_type": clean.content_type,
                    "size": clean.size,
                    "sha256": clean.sha256,
                    "added_by": clerk,
                }
            )
    case = case_create(
        Submission(
            applicant=applicant,
            implementation=implementation,
            version=version,
            scenario_answers=answers,
            form_data=form,
            delivery=delivery,
            delivery_address=delivery_address,
            channel=Channel.BACK_ENTRY if handled_on else Channel.WINDOW,
            submitted_by=clerk,
            materials=materials,
            back_entry_on=handled_on,
        )
    )
    if handled_on is not None:
        _event(
            case,
            EventKind.BACK_ENTERED,
            clerk,
            opinion="系统外办理当日补录",
            public=False,
            data={"handled_on": str(handled_on)},
        )
    _visit(case, clerk, "窗口提交申请")
    return case
