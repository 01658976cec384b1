"""The life of a case through the services: submit, accept, correct once, review, parallel approval,
decide with a sealed licence, deemed acceptance, special procedures, extensions, withdrawal."""

import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from govhall.cases.models import CaseStatus, CaseTask, EventKind, TaskStatus
from govhall.cases.numbers import case_number_valid
from govhall.cases.services import handling
from govhall.cases.services.drafts import draft_open
from govhall.cases.services.submit import case_submit
from govhall.core.models import AuditEntry
from govhall.licences.models import Licence
from govhall.licences.verification import pdf_signature_check
from govhall.notifications.models import SiteMessage

from ..case_records import PNG, desk_build, submit_online

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(world):
    return desk_build(world)


def open_task(case, kind):
    return case.tasks.get(status=TaskStatus.OPEN, kind=kind)


def test_submit_creates_one_case_with_number_task_event_audit_and_message(world, desk):
    case = submit_online(world, desk.applicant)
    assert case_number_valid(case.number) and case.number.startswith("350802-")
    assert case.status == CaseStatus.SUBMITTED and case.channel == "online" and case.visits == 0
    task = open_task(case, "accept")
    assert (task.department, task.role, task.due_on) == (
        world.county_department,
        "window_clerk",
        case.accept_due,
    )
    assert case.events.filter(kind=EventKind.SUBMITTED).count() == 1
    assert AuditEntry.objects.filter(action="case.submitted", object_id=str(case.pk)).exists()
    assert SiteMessage.objects.filter(recipient=desk.person.user, subject="申请已提交").exists()
    # the government-issued 营业执照 is 免提交; the upload is kept with its hash
    sources = sorted(case.materials.values_list("source", flat=True))
    assert sources == ["exempt", "upload"]
    # a second click on 提交 returns the same case
    draft = case.draft
    assert case_submit(draft=draft, applicant=desk.applicant).pk == case.pk


def test_missing_required_material_is_refused_and_draft_kept(world, desk):
    draft = draft_open(applicant=desk.applicant, implementation_code=world.implementation.code)
    with pytest.raises(ValidationError) as error:
        case_submit(draft=draft, applicant=desk.applicant)
    assert "食品经营许可申请书" in str(error.value.message_dict["materials"])
    draft.refresh_from_db()
    assert draft.case is None


def test_level_below_requirement_is_refused(world, desk):
    from govhall.cases.services.applicants import Applicant

    low = Applicant(user=desk.person.user, person=desk.person, level="L1")
    draft = draft_open(applicant=low, implementation_code=world.implementation.code)
    with pytest.raises(ValidationError, match="认证等级不足"):
        case_submit(draft=draft, applicant=low)


def test_correction_lists_every_material_once_and_is_answered_once(world, desk):
    case = submit_online(world, desk.applicant)
    correction = handling.case_correction_request(
        actor=desk.clerk,
        case=case,
        items=[
            {"material_position": 1, "problem": "申请书未签字"},
            {"material_position": 3, "problem": "缺少委托书"},
        ],
        note="请一次补齐",
    )
    assert correction.notice.name.endswith(".pdf")
    case.refresh_from_db()
    assert case.status == CaseStatus.CORRECTION
    with pytest.raises(ValidationError, match="尚未提交补正"):
        handling.case_accept(actor=desk.clerk, case=case)
    with pytest.raises(ValidationError, match="委托书"):
        handling.case_correction_answer(applicant=desk.applicant, case=case, uploads={1: [("a.png", PNG)]})
    handling.case_correction_answer(
        applicant=desk.applicant, case=case, uploads={1: [("a.png", PNG)], 3: [("b.png", PNG)]}
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED
    assert case.materials.filter(material_position=1, superseded=True).count() == 1
    with pytest.raises(ValidationError, match="没有待补正"):
        handling.case_correction_answer(applicant=desk.applicant, case=case, uploads={1: [("a.png", PNG)]})


def test_standard_journey_issues_a_sealed_licence(world, desk):
    case = submit_online(world, desk.applicant, form_data={})
    with pytest.raises(PermissionDenied):
        handling.case_accept(actor=desk.reviewer, case=case)  # acceptance is the window's task
    handling.case_accept(actor=desk.clerk, case=case)
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_REVIEW and case.promised_due is not None
    handling.case_opinion(
        actor=desk.reviewer, case=case, task=open_task(case, "review"), opinion="材料齐全，符合条件"
    )
    handling.case_decide(actor=desk.head, case=case, approve=True, opinion="准予许可")
    case.refresh_from_db()
    assert (case.status, case.result) == ("completed", "approved")
    licence = Licence.objects.get(identifier=case.licence_identifier)
    assert licence.holder_person == desk.person and licence.source_case == case.number
    check = pdf_signature_check(licence.pdf.read())
    assert check.intact and check.trusted
    assert not case.tasks.filter(status=TaskStatus.OPEN).exists()
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds[:1] == ["submitted"] and "approved" in kinds and "licence_issued" in kinds


def test_refusal_needs_a_reason_and_ends_with_a_sealed_notice(world, desk):
    case = submit_online(world, desk.applicant)
    with pytest.raises(ValidationError):
        handling.case_refuse(actor=desk.clerk, case=case, reason=" ")
    handling.case_refuse(actor=desk.clerk, case=case, reason="不属于本机关职权范围")
    case.refresh_from_db()
    assert case.status == CaseStatus.REFUSED and case.result_document.name.endswith(".pdf")
    assert not case.tasks.filter(status=TaskStatus.OPEN).exists()


def test_parallel_approval_with_two_co_departments(world, desk):
    from tests.case_records import staff

    version = world.implementation.published_version
    version.co_departments.set(desk.co_departments)
    case = submit_online(world, desk.applicant)
    handling.case_accept(actor=desk.clerk, case=case)
    handling.case_opinion(
        actor=desk.reviewer, case=case, task=open_task(case, "review"), opinion="同意，请协办部门会签"
    )
    countersigns = list(case.tasks.filter(status=TaskStatus.OPEN, kind="countersign"))
    assert {t.department for t in countersigns} == set(desk.co_departments)  # both open at once
    assert not case.tasks.filter(status=TaskStatus.OPEN, kind="decide").exists()
    co_reviewers = [staff(f"co{n}", f"协办{n}", d, "reviewer") for n, d in enumerate(desk.co_departments)]
    with pytest.raises(PermissionDenied):  # the lead's reviewer cannot sign for a co-department
        handling.case_opinion(actor=desk.reviewer, case=case, task=countersigns[0], opinion="同意")
    by_department = {t.department_id: t for t in countersigns}
    for reviewer, department in zip(co_reviewers, desk.co_departments, strict=True):
        handling.case_opinion(actor=reviewer, case=case, task=by_department[department.pk], opinion="同意")
    decide = open_task(case, "decide")
    assert decide.department == world.county_department
    handling.case_decide(actor=desk.head, case=case, approve=True, opinion="综合各部门意见，准予许可")
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED
    assert case.events.filter(kind=EventKind.COUNTERSIGNED).count() == 2


def test_deemed_acceptance_after_five_working_days_across_national_day(world, desk):
    case = submit_online(world, desk.applicant)
    received = dt.date(2026, 9, 30)
    # 10-01…10-07 are holidays and Saturday 10-10 a make-up working day: 10-08, 09, 10, 12, 13.
    from govhall.core.workdays import workdays_add

    due = workdays_add(received, 5)
    assert due == dt.date(2026, 10, 13)
    case.received_on, case.accept_due = received, due
    case.save()
    assert handling.cases_deem_accepted(today=dt.date(2026, 10, 13)) == 0
    assert handling.cases_deem_accepted(today=dt.date(2026, 10, 14)) == 1
    case.refresh_from_db()
    assert case.deemed_accepted and case.accepted_on == received and case.status == CaseStatus.IN_REVIEW
    assert case.events.filter(kind=EventKind.DEEMED_ACCEPTED).exists()
    assert open_task(case, "review")
    assert handling.cases_deem_accepted(today=dt.date(2026, 10, 15)) == 0  # nothing twice


def _on(day):
    return mock.patch("django.utils.timezone.localdate", return_value=day)


def test_special_procedure_pauses_the_clock(world, desk):
    case = submit_online(world, desk.applicant)
    with _on(dt.date(2026, 11, 2)):  # Monday
        handling.case_accept(actor=desk.clerk, case=case)
    case.refresh_from_db()
    assert case.promised_due == dt.date(2026, 11, 16)  # 10 working days
    with _on(dt.date(2026, 11, 4)):
        handling.special_start(
            actor=desk.reviewer, case=case, kind="site_survey", reason="需现场核查经营场所"
        )
    case.refresh_from_db()
    assert case.paused
    with pytest.raises(ValidationError, match="特别程序"):
        handling.case_opinion(actor=desk.reviewer, case=case, task=open_task(case, "review"), opinion="同意")
    procedure = case.special_procedures.get()
    with _on(dt.date(2026, 11, 10)):  # paused Wed 4 … Tue 10: five working days do not count
        handling.special_end(actor=desk.reviewer, procedure=procedure, outcome="现场符合要求")
    case.refresh_from_db()
    assert not case.paused
    assert case.promised_due == dt.date(2026, 11, 23)
    assert case.events.filter(kind=EventKind.SPECIAL_STARTED, public=True).exists()  # told to the applicant
    assert SiteMessage.objects.filter(recipient=desk.person.user, subject="进入特别程序").exists()


def test_extension_needs_the_heads_approval(world, desk):
    case = submit_online(world, desk.applicant)
    handling.case_accept(actor=desk.clerk, case=case)
    case.refresh_from_db()
    before = case.promised_due
    extension = handling.extension_request(actor=desk.reviewer, case=case, days=5, reason="需补充现场核查")
    with pytest.raises(PermissionDenied):
        handling.extension_decide(actor=desk.reviewer, extension=extension, approve=True)
    handling.extension_decide(actor=desk.head, extension=extension, approve=True, opinion="同意")
    case.refresh_from_db()
    assert case.extension_days == 5 and case.promised_due > before


def test_withdraw_before_decision_only(world, desk):
    case = submit_online(world, desk.applicant)
    handling.case_withdraw(applicant=desk.applicant, case=case, reason="信息填写有误，重新申请")
    case.refresh_from_db()
    assert case.status == CaseStatus.WITHDRAWN
    assert not CaseTask.objects.filter(case=case, status=TaskStatus.OPEN).exists()
    with pytest.raises(ValidationError, match="已办结"):
        handling.case_withdraw(applicant=desk.applicant, case=case, reason="再次撤回")


def test_a_colleague_cannot_act_on_a_claimed_task(world, desk):
    from tests.case_records import staff

    other_clerk = staff("xl_clerk2", "窗口小张", world.county_department, "window_clerk")
    case = submit_online(world, desk.applicant)
    handling.task_claim(actor=desk.clerk, task=open_task(case, "accept"))
    with pytest.raises(PermissionDenied, match="其他工作人员"):
        handling.case_accept(actor=other_clerk, case=case)
    handling.task_release(actor=desk.clerk, task=open_task(case, "accept"))
    handling.case_accept(actor=other_clerk, case=case)


def test_lower_level_preliminary_review_within_its_own_limit(world, desk):
    from govhall.directory.services import department_upsert
    from tests.case_records import staff
    from tests.factories import credit_code

    version = world.implementation.published_version
    version.preliminary_level, version.preliminary_limit = 3, 3
    version.save(update_fields=["preliminary_level", "preliminary_limit"])
    county = department_upsert(
        credit_code=credit_code(950), name="长汀县市场监督管理局", region=world.other_county
    )
    county_reviewer = staff("ct_rev", "长汀审查员", county, "reviewer")
    draft = draft_open(applicant=desk.applicant, implementation_code=world.implementation.code)
    from govhall.cases.services.drafts import draft_material_upload

    draft_material_upload(draft=draft, position=1, content=PNG, filename="申请书.png")
    with pytest.raises(ValidationError, match="办理地"):
        case_submit(draft=draft, applicant=desk.applicant)
    case = case_submit(draft=draft, applicant=desk.applicant, preliminary_region=world.other_county)
    assert case.preliminary_department == county
    with _on(dt.date(2026, 11, 2)):
        handling.case_accept(actor=desk.clerk, case=case)
    task = open_task(case, "preliminary")
    assert task.department == county and task.due_on == dt.date(2026, 11, 5)  # its own 3-day limit
    with pytest.raises(PermissionDenied):
        handling.case_opinion(actor=desk.reviewer, case=case, task=task, opinion="越级")
    handling.case_opinion(actor=county_reviewer, case=case, task=task, opinion="经初审，情况属实", agree=True)
    assert open_task(case, "review").department == world.county_department
    assert case.events.filter(kind=EventKind.PRELIMINARY).get().opinion == "经初审，情况属实"
