"""一件事: one case on the lead item, co-departments countersigning in parallel, shared materials,
and one sealed combined result with a licence per item that has a licence type."""

import pytest
from django.core.exceptions import ValidationError

from govhall.cases.models import CaseStatus, EventKind, TaskStatus
from govhall.cases.services import handling
from govhall.cases.services.bundles import RESULT_TITLE, bundle_draft_open
from govhall.cases.services.drafts import draft_material_upload, draft_open, draft_slots
from govhall.cases.services.submit import case_submit
from govhall.catalog.models import ImplementationVersion
from govhall.licences.models import Licence
from govhall.licences.verification import pdf_signature_check

from ..bundle_records import bundle_build
from ..case_records import PNG, desk_build, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(world):
    return desk_build(world)


@pytest.fixture
def setup(world, desk):
    return bundle_build(world, desk.co_departments)


def _ready_draft(desk, setup, *, plan_uploads=1):
    draft = bundle_draft_open(applicant=desk.applicant, bundle_code=setup.bundle.code)
    draft_material_upload(draft=draft, position=1, content=PNG, filename="食品经营许可申请书.png")
    draft_material_upload(draft=draft, position=1001, content=PNG, filename="卫生许可申请表.png")
    draft_material_upload(draft=draft, position=2001, content=PNG, filename="消防申报表.png")
    for _ in range(plan_uploads):
        draft_material_upload(draft=draft, position=1002, content=PNG, filename="平面图.png")
    return draft


def _slots(draft):
    version = ImplementationVersion.objects.get(pk=draft.version_id)
    return draft_slots(draft, version, {})


def test_shared_material_is_asked_for_once(world, desk, setup):
    draft = bundle_draft_open(applicant=desk.applicant, bundle_code=setup.bundle.code)
    names = [slot.material.name for slot in _slots(draft)]
    assert names.count("经营场所平面图") == 1
    assert names == [
        "食品经营许可申请书",
        "营业执照复印件",
        "委托书",
        "公共场所卫生许可申请表",
        "经营场所平面图",
        "消防安全检查申报表",
    ]
    plan = next(s for s in _slots(draft) if s.material.name == "经营场所平面图")
    assert plan.material.position == 1002 and len(plan.material.bundle_item_names) == 2
    # the lead item's own draft is a different draft
    assert draft_open(applicant=desk.applicant, implementation_code=world.implementation.code).pk != draft.pk


def test_missing_member_material_is_refused_before_submit(desk, setup):
    draft = bundle_draft_open(applicant=desk.applicant, bundle_code=setup.bundle.code)
    draft_material_upload(draft=draft, position=1, content=PNG, filename="a.png")
    with pytest.raises(ValidationError) as error:
        case_submit(draft=draft, applicant=desk.applicant)
    message = str(error.value.message_dict["materials"])
    assert "公共场所卫生许可申请表" in message and "经营场所平面图" in message
    draft.refresh_from_db()
    assert draft.case is None


def test_bundle_case_countersigned_in_parallel_and_one_combined_result(world, desk, setup):
    draft = _ready_draft(desk, setup)
    case = case_submit(draft=draft, applicant=desk.applicant)
    assert case_submit(draft=draft, applicant=desk.applicant).pk == case.pk  # a double click: same case
    assert case.bundle_code == "open-restaurant"
    assert [i["item_name"] for i in case.bundle_items] == [
        "食品经营许可",
        "公共场所卫生许可",
        "公众聚集场所投入使用、营业前消防安全检查",
    ]
    assert case.department == world.county_department
    assert set(case.co_departments.all()) == set(desk.co_departments)
    # one upload of the shared 平面图, recorded once on the case
    assert case.materials.filter(name="经营场所平面图").count() == 1
    handling.case_accept(actor=desk.clerk, case=case)
    handling.case_opinion(actor=desk.reviewer, case=case, task=case.tasks.get(kind="review"), opinion="同意")
    countersigns = list(case.tasks.filter(status=TaskStatus.OPEN, kind="countersign"))
    assert {t.department for t in countersigns} == set(desk.co_departments)  # both open at once
    for n, task in enumerate(countersigns):
        reviewer = staff(f"co{n}", f"协办{n}", task.department, "reviewer")
        handling.case_opinion(actor=reviewer, case=case, task=task, opinion="同意")
    handling.case_decide(actor=desk.head, case=case, approve=True, opinion="准予许可")
    case.refresh_from_db()
    assert (case.status, case.result) == (CaseStatus.COMPLETED, "approved")
    licences = Licence.objects.filter(source_case=case.number)
    assert sorted(licences.values_list("licence_type__code", flat=True)) == ["GGCSWSXKZ", "SPJYXKZ"]
    health_licence = licences.get(licence_type__code="GGCSWSXKZ")
    assert health_licence.issuer == desk.co_departments[0]
    assert case.licence_identifier == licences.get(licence_type__code="SPJYXKZ").identifier
    assert [i["result"] for i in case.bundle_items] == ["approved"] * 3
    assert (
        case.bundle_items[1]["licence"] == health_licence.identifier and case.bundle_items[2]["licence"] == ""
    )
    pdf = case.result_document.read()
    assert pdf_signature_check(pdf).intact
    import io

    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert RESULT_TITLE[:4] in text and health_licence.identifier[:20] in text.replace("\n", "")
    assert case.events.filter(kind=EventKind.LICENCE_ISSUED).count() == 2


def test_co_department_against_means_its_item_is_not_approved(desk, setup):
    case = case_submit(draft=_ready_draft(desk, setup), applicant=desk.applicant)
    handling.case_accept(actor=desk.clerk, case=case)
    handling.case_opinion(actor=desk.reviewer, case=case, task=case.tasks.get(kind="review"), opinion="同意")
    for n, task in enumerate(case.tasks.filter(status=TaskStatus.OPEN, kind="countersign")):
        reviewer = staff(f"co{n}", f"协办{n}", task.department, "reviewer")
        against = task.department == desk.co_departments[0]
        handling.case_opinion(
            actor=reviewer, case=case, task=task, opinion="不同意" if against else "同意", agree=not against
        )
    handling.case_decide(actor=desk.head, case=case, approve=True, opinion="准予许可")
    case.refresh_from_db()
    assert [i["result"] for i in case.bundle_items] == ["approved", "denied", "approved"]
    assert list(
        Licence.objects.filter(source_case=case.number).values_list("licence_type__code", flat=True)
    ) == ["SPJYXKZ"]
