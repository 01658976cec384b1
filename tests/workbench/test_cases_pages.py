"""办件查询 and the case page: scope, the standard journey through the pages, corrections, audited reads, export."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from govhall.cases.models import Case, CaseStatus, Correction, EventKind, TaskStatus
from govhall.core.models import AuditEntry

from ..staff_login import staff_client
from .cases_setup import desk_build

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def desk(world):
    return desk_build(world)


def _detail(case):
    return reverse("workbench:case_detail", args=[case.number])


def test_case_page_shows_summary_materials_and_timeline_to_my_department(desk):
    case = desk.intake()
    response = staff_client(desk.reviewer).get(_detail(case))
    assert response.status_code == 200
    html = response.content.decode()
    assert case.number in html and "张三" in html and case.applicant_number_masked in html
    assert "申请书.png" in html and 'data-kind="submitted"' in html and 'data-kind="window_visit"' in html
    assert "<li>：</li>" not in html  # an event's data is not listed as if it were correction items


def test_another_departments_clerk_gets_404_and_cannot_act(desk):
    case = desk.intake()
    client = staff_client(desk.other_clerk)
    assert client.get(_detail(case)).status_code == 404
    assert client.post(reverse("workbench:case_accept", args=[case.number])).status_code == 404
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED


def test_accept_review_decide_through_the_pages(desk):
    case = desk.intake()
    response = staff_client(desk.clerk).post(
        reverse("workbench:case_accept", args=[case.number]), {"opinion": "材料齐全"}
    )
    assert response.status_code == 302 and response["Location"] == _detail(case)
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_REVIEW and case.accepted_on is not None

    review = case.tasks.get(status=TaskStatus.OPEN)
    assert review.kind == "review"
    reviewer = staff_client(desk.reviewer)
    page = reviewer.get(_detail(case)).content.decode()
    assert reverse("workbench:case_opinion", args=[case.number]) in page
    response = reviewer.post(
        reverse("workbench:case_opinion", args=[case.number]),
        {"task": review.pk, "agree": "1", "opinion": "符合条件，建议准予许可"},
    )
    assert response.status_code == 302
    decide = case.tasks.get(status=TaskStatus.OPEN)
    assert decide.kind == "decide"

    response = staff_client(desk.head).post(
        reverse("workbench:case_decide", args=[case.number]), {"decision": "approve", "opinion": "同意"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED and case.result == "approved"
    kinds = list(case.events.values_list("kind", flat=True))
    assert [k for k in kinds if k in (EventKind.ACCEPTED, EventKind.OPINION, EventKind.APPROVED)] == [
        EventKind.ACCEPTED,
        EventKind.OPINION,
        EventKind.APPROVED,
    ]
    assert (
        staff_client(desk.head).get(reverse("workbench:case_result_document", args=[case.number])).status_code
        == 200
    )


def test_reviewer_cannot_accept_a_window_clerks_task(desk):
    case = desk.intake()
    response = staff_client(desk.reviewer).post(reverse("workbench:case_accept", args=[case.number]))
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED


def test_refusal_without_a_reason_changes_nothing(desk):
    case = desk.intake()
    response = staff_client(desk.clerk).post(
        reverse("workbench:case_refuse", args=[case.number]), {"reason": ""}
    )
    assert response.status_code == 200
    assert "请填写不予受理的理由" in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED and not case.events.filter(kind=EventKind.REFUSED).exists()


def test_correction_request_lists_several_materials_in_one_notice(desk):
    case = desk.intake()
    response = staff_client(desk.clerk).post(
        reverse("workbench:case_correction_request", args=[case.number]),
        {
            "pick": ["1", "3"],
            "problem_1": "申请书未签字",
            "problem_3": "委托书缺少受托人身份证号码",
            "note": "请一次补齐",
        },
    )
    assert response.status_code == 302
    correction = Correction.objects.get(case=case)
    assert [(i["material_position"], i["problem"]) for i in correction.items] == [
        (1, "申请书未签字"),
        (3, "委托书缺少受托人身份证号码"),
    ]
    assert correction.notice
    case.refresh_from_db()
    assert case.status == CaseStatus.CORRECTION
    page = staff_client(desk.clerk).get(_detail(case)).content.decode()
    notice_url = reverse("workbench:case_correction_notice", args=[case.number, correction.pk])
    assert notice_url in page
    assert "等待申请人补正" in page
    # opening the notice (it names the applicant) is a read of personal data: audited
    from govhall.core.models import AuditEntry

    response = staff_client(desk.clerk).get(notice_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    entry = AuditEntry.objects.filter(action="case.document_viewed").latest("sequence")
    assert entry.actor == desk.clerk and entry.summary["document"] == "correction_notice"


def test_correction_request_without_materials_is_refused(desk):
    case = desk.intake()
    response = staff_client(desk.clerk).post(
        reverse("workbench:case_correction_request", args=[case.number]), {"note": ""}
    )
    assert response.status_code == 200 and "请至少列出一项需要补正的材料" in response.content.decode()
    assert not Correction.objects.filter(case=case).exists()


def test_material_view_streams_the_file_and_is_audited(desk):
    case = desk.intake()
    material = case.materials.get()
    before = AuditEntry.objects.filter(action="case.material_viewed").count()
    response = staff_client(desk.reviewer).get(
        reverse("workbench:case_material", args=[case.number, material.pk])
    )
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    entry = AuditEntry.objects.filter(action="case.material_viewed").latest("sequence")
    assert AuditEntry.objects.filter(action="case.material_viewed").count() == before + 1
    assert entry.actor_id == desk.reviewer.pk and case.number in entry.object_label


def test_material_of_another_department_is_not_streamed_nor_audited(desk):
    case = desk.intake()
    material = case.materials.get()
    response = staff_client(desk.other_clerk).get(
        reverse("workbench:case_material", args=[case.number, material.pk])
    )
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action="case.material_viewed").exists()


def test_reveal_shows_the_full_number_with_an_audited_reason(desk):
    case = desk.intake()
    url = reverse("workbench:case_reveal", args=[case.number])
    refused = staff_client(desk.reviewer).post(url, {"reason": ""})
    assert refused.status_code == 200 and 'data-testid="revealed"' not in refused.content.decode()
    shown = staff_client(desk.reviewer).post(url, {"reason": "核对申请人身份"})
    from tests.person_records import ID_NUMBERS

    assert ID_NUMBERS[0] in shown.content.decode()
    assert AuditEntry.objects.filter(action="personal_data.reveal", reason="核对申请人身份").exists()


def test_case_list_filters_and_exports_masked_numbers(desk):
    first = desk.intake()
    from tests.person_records import ID_NUMBERS

    second = desk.intake(name="李四", id_number=ID_NUMBERS[1])
    client = staff_client(desk.reviewer)
    page = client.get(reverse("workbench:case_list"), {"applicant": "李四"}).content.decode()
    assert second.number in page and first.number not in page

    response = client.get(reverse("workbench:case_export"), {"applicant": "李四"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "办件编号" and len(rows) == 2
    assert rows[1][0] == second.number and rows[1][3] == second.applicant_number_masked
    assert ID_NUMBERS[1] not in response.content.decode("latin-1")
    assert AuditEntry.objects.filter(action="case.list_exported").exists()


def test_case_list_shows_nothing_of_another_department(desk):
    case = desk.intake()
    page = staff_client(desk.other_clerk).get(reverse("workbench:case_list")).content.decode()
    assert case.number not in page
    assert Case.objects.count() == 1
