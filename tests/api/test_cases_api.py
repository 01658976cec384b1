"""The cases API: applying (form, drafts, materials, idempotent submit), my cases, progress, staff handling."""

import uuid

import pytest
from django.core.cache import cache
from django.urls import reverse
from rest_framework.test import APIClient

from govhall.cases.models import Case, CaseStatus, IdempotencyKey
from govhall.core.models import AuditEntry
from govhall.identity.models import AssuranceLevel

from ..case_records import (
    PNG,
    applicant_api_client,
    desk_build,
    pdf_bytes,
    staff,
    staff_api_client,
    submit_online,
)
from ..person_records import ID_NUMBERS, person_make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()  # the progress query's rate limit


@pytest.fixture
def desk(world):
    return desk_build(world)


@pytest.fixture
def citizen(desk):
    return applicant_api_client(desk.person)


def submit(client, draft_id, key="k-1", **data):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    return client.post(reverse("api-draft-submit", args=[draft_id]), data, format="json", **headers)


def ready_draft(client, world) -> str:
    opened = client.post(
        reverse("api-draft-list"), {"implementation_code": world.implementation.code}, format="json"
    )
    assert opened.status_code == 201, opened.json()
    draft_id = opened.json()["id"]
    upload = client.post(
        reverse("api-draft-materials", args=[draft_id]),
        {"position": 1, "file": _file(pdf_bytes(), "申请书.pdf")},
        format="multipart",
    )
    assert upload.status_code == 201, upload.json()
    return draft_id


def _file(content: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_form_lists_the_scenario_fields_and_materials_anonymously(world):
    response = APIClient().get(reverse("api-item-form", args=[world.implementation.code]))

    body = response.json()
    assert response.status_code == 200
    assert body["implementation_code"] == world.implementation.code and body["answers"] is None
    assert [m["name"] for m in body["materials"]] == ["食品经营许可申请书", "营业执照复印件", "委托书"]
    assert [m["exempt"] for m in body["materials"]] == [False, True, False]


def test_form_rejects_malformed_answers_and_unknown_items(world):
    api = APIClient()
    bad = api.get(reverse("api-item-form", args=[world.implementation.code]), {"answers": "not json"})
    missing = api.get(reverse("api-item-form", args=["NO-SUCH"]))

    assert bad.status_code == 400 and "answers" in bad.json()["detail"]
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"


def test_full_flow_from_draft_to_decision(world, desk, citizen):
    draft_id = ready_draft(citizen, world)
    again = citizen.post(
        reverse("api-draft-list"), {"implementation_code": world.implementation.code}, format="json"
    )
    assert again.status_code == 200 and again.json()["id"] == draft_id  # the same unsubmitted draft
    patched = citizen.patch(
        reverse("api-draft-detail", args=[draft_id]),
        {"form_data": {"business_name": "新罗区好味小吃店"}, "delivery": "electronic"},
        format="json",
    )
    assert patched.status_code == 200
    assert {s["position"]: s["satisfied"] for s in patched.json()["slots"]} == {1: True, 2: True, 3: False}

    first = submit(citizen, draft_id, key="flow-1")
    retry = submit(citizen, draft_id, key="flow-1")

    assert first.status_code == 201, first.json()
    assert retry.status_code == 200 and retry.json()["number"] == first.json()["number"]
    assert Case.objects.count() == 1
    number = first.json()["number"]
    assert first.json()["status"] == "submitted" and first.json()["timeline"][0]["kind"] == "submitted"
    mine = citizen.get(reverse("api-case-list")).json()
    assert [c["number"] for c in mine["results"]] == [number]

    clerk, reviewer, head = (staff_api_client(u) for u in (desk.clerk, desk.reviewer, desk.head))
    inbox = clerk.get(reverse("api-staff-inbox")).json()["results"]
    assert [(t["kind"], t["case_number"]) for t in inbox] == [("accept", number)]
    assert clerk.post(reverse("api-staff-case-accept", args=[number]), {}, format="json").status_code == 200
    review = [t for t in reviewer.get(reverse("api-staff-inbox")).json()["results"] if t["kind"] == "review"][
        0
    ]
    opinion = reviewer.post(
        reverse("api-staff-case-opinion", args=[number]),
        {"task": review["id"], "agree": True, "opinion": "材料齐全，符合条件"},
        format="json",
    )
    assert opinion.status_code == 200, opinion.json()
    decided = head.post(
        reverse("api-staff-case-decide", args=[number]),
        {"approve": True, "opinion": "准予许可"},
        format="json",
    )

    assert decided.status_code == 200, decided.json()
    assert decided.json()["status"] == "completed" and decided.json()["result"] == "approved"
    seen = citizen.get(reverse("api-case-detail", args=[number])).json()
    assert seen["status_label"] == "已办结" and seen["licence_identifier"].startswith("1.2.156.3005.2.")
    assert all("actor_label" not in event for event in seen["timeline"])  # staff names stay internal
    assert AuditEntry.objects.filter(action="case.approved").count() == 1


def test_submit_without_an_idempotency_key_is_a_clear_400(world, citizen):
    draft_id = ready_draft(citizen, world)

    response = submit(citizen, draft_id, key=None)

    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["detail"]
    assert not Case.objects.exists()


def test_the_same_key_for_another_draft_is_a_409(world, citizen):
    first = submit(citizen, ready_draft(citizen, world), key="shared")
    other_draft = ready_draft(citizen, world)  # the first draft is submitted: a new one opens

    response = submit(citizen, other_draft, key="shared")

    assert first.status_code == 201
    assert response.status_code == 409 and response.json()["code"] == "idempotency_conflict"
    assert Case.objects.count() == 1 and IdempotencyKey.objects.count() == 1


def test_validation_errors_are_keyed_by_field(world, citizen):
    opened = citizen.post(
        reverse("api-draft-list"), {"implementation_code": world.implementation.code}, format="json"
    )

    response = submit(citizen, opened.json()["id"])

    assert response.status_code == 400
    assert "食品经营许可申请书" in response.json()["detail"]["materials"][0]
    assert not Case.objects.exists()


def test_a_bad_upload_is_refused_in_chinese(world, citizen):
    draft_id = citizen.post(
        reverse("api-draft-list"), {"implementation_code": world.implementation.code}, format="json"
    ).json()["id"]

    response = citizen.post(
        reverse("api-draft-materials", args=[draft_id]),
        {"position": 1, "file": _file(b"MZ\x90\x00 not a document", "x.exe")},
        format="multipart",
    )

    assert response.status_code == 400 and "PDF、JPG、PNG" in str(response.json()["detail"])


def test_another_applicant_sees_neither_the_draft_nor_the_case(world, desk, citizen):
    case = submit_online(world, desk.applicant)
    draft_id = citizen.post(
        reverse("api-draft-list"), {"implementation_code": world.implementation.code}, format="json"
    ).json()["id"]
    stranger = applicant_api_client(
        person_make(name="李四", id_number=ID_NUMBERS[1], phone="13900139000", username="lisi")
    )

    assert stranger.get(reverse("api-draft-detail", args=[draft_id])).status_code == 404
    assert stranger.get(reverse("api-case-detail", args=[case.number])).status_code == 404
    withdraw = stranger.post(
        reverse("api-case-withdraw", args=[case.number]), {"reason": "撤回试试"}, format="json"
    )
    assert withdraw.status_code == 404
    assert Case.objects.get().status == CaseStatus.SUBMITTED


def test_anonymous_callers_get_401_and_citizens_no_staff_endpoint(world, desk, citizen):
    case = submit_online(world, desk.applicant)
    anonymous = APIClient()

    assert anonymous.get(reverse("api-case-list")).status_code == 401
    assert anonymous.post(reverse("api-draft-list"), {}, format="json").status_code == 401
    assert anonymous.get(reverse("api-staff-inbox")).status_code == 401
    refused = citizen.post(reverse("api-staff-case-accept", args=[case.number]), {}, format="json")
    assert refused.status_code == 403 and refused.json()["message"] == "仅工作人员可以使用该接口"
    staff_as_applicant = staff_api_client(desk.clerk).get(reverse("api-case-list"))
    assert staff_as_applicant.status_code == 403 and "自然人" in staff_as_applicant.json()["message"]


def test_staff_without_the_second_factor_are_refused(world, desk):
    response = staff_api_client(desk.clerk, verified=False).get(reverse("api-staff-inbox"))

    assert response.status_code == 403 and "动态口令" in response.json()["message"]


def test_staff_of_another_department_get_404(world, desk):
    case = submit_online(world, desk.applicant)
    outsider = staff_api_client(staff("other_clerk", "外单位", desk.co_departments[0], "window_clerk"))

    assert outsider.get(reverse("api-staff-case", args=[case.number])).status_code == 404
    assert (
        outsider.post(reverse("api-staff-case-accept", args=[case.number]), {}, format="json").status_code
        == 404
    )
    task = case.tasks.get()
    assert outsider.post(reverse("api-staff-task-claim", args=[task.pk])).status_code == 404
    assert Case.objects.get().status == CaseStatus.SUBMITTED


def test_wrong_role_is_a_chinese_403_and_nothing_changes(world, desk):
    case = submit_online(world, desk.applicant)

    response = staff_api_client(desk.reviewer).post(
        reverse("api-staff-case-accept", args=[case.number]), {}, format="json"
    )

    assert response.status_code == 403 and response.json()["message"] == "您的角色不能办理该环节"
    assert Case.objects.get().status == CaseStatus.SUBMITTED


def test_claim_and_release(world, desk):
    case = submit_online(world, desk.applicant)
    task = case.tasks.get()
    clerk = staff_api_client(desk.clerk)

    claimed = clerk.post(reverse("api-staff-task-claim", args=[task.pk]))
    colleague = staff_api_client(staff("xl_clerk2", "窗口小张", world.county_department, "window_clerk"))
    blocked = colleague.post(reverse("api-staff-case-accept", args=[case.number]), {}, format="json")
    released = clerk.post(
        reverse("api-staff-task-release", args=[task.pk]), {"reason": "交由同事"}, format="json"
    )

    assert claimed.status_code == 200 and claimed.json()["claimed_by_me"] is True
    assert blocked.status_code == 403 and "其他工作人员" in blocked.json()["message"]
    assert released.status_code == 200 and released.json()["claimed"] is False


def test_correction_requested_and_answered_once(world, desk, citizen):
    case = submit_online(world, desk.applicant)
    clerk = staff_api_client(desk.clerk)

    requested = clerk.post(
        reverse("api-staff-case-correction", args=[case.number]),
        {"items": [{"material_position": 1, "problem": "申请书未签字"}], "note": "请一次补齐"},
        format="json",
    )
    seen = citizen.get(reverse("api-case-detail", args=[case.number])).json()
    incomplete = citizen.post(
        reverse("api-case-correction", args=[case.number]), {"note": "补"}, format="multipart"
    )
    answered = citizen.post(
        reverse("api-case-correction", args=[case.number]),
        {"file_1": _file(PNG, "签字页.png"), "note": "已签字"},
        format="multipart",
    )

    assert requested.status_code == 201, requested.json()
    assert seen["status"] == "correction" and seen["open_correction"]["items"][0]["problem"] == "申请书未签字"
    assert incomplete.status_code == 400 and "申请书" in str(incomplete.json()["detail"])
    assert answered.status_code == 200, answered.json()
    assert answered.json()["status"] == "submitted" and answered.json()["open_correction"] is None


def test_extension_and_special_procedure(world, desk):
    case = submit_online(world, desk.applicant)
    staff_api_client(desk.clerk).post(reverse("api-staff-case-accept", args=[case.number]), {}, format="json")
    reviewer, head = staff_api_client(desk.reviewer), staff_api_client(desk.head)

    asked = reviewer.post(
        reverse("api-staff-case-extensions", args=[case.number]),
        {"days": 5, "reason": "需补充核查"},
        format="json",
    )
    extension_id = asked.json()["extensions"][0]["id"]
    self_approval = reviewer.post(
        reverse("api-staff-case-extension-decide", args=[case.number, extension_id]),
        {"approve": True},
        format="json",
    )
    approved = head.post(
        reverse("api-staff-case-extension-decide", args=[case.number, extension_id]),
        {"approve": True, "opinion": "同意"},
        format="json",
    )
    started = reviewer.post(
        reverse("api-staff-case-special-start", args=[case.number]),
        {"kind": "site_survey", "reason": "需现场核查经营场所", "expected_days": 3},
        format="json",
    )
    procedure_id = started.json()["special_procedures"][0]["id"]
    ended = reviewer.post(
        reverse("api-staff-case-special-end", args=[case.number, procedure_id]),
        {"outcome": "现场符合要求"},
        format="json",
    )

    assert asked.status_code == 201 and self_approval.status_code == 403
    assert approved.status_code == 200 and approved.json()["extension_days"] == 5
    assert started.status_code == 201 and started.json()["paused"] is True
    assert ended.status_code == 200 and ended.json()["paused"] is False
    internal = [e["kind"] for e in ended.json()["timeline"]]
    assert "extension_requested" in internal and "special_ended" in internal


def test_withdraw(world, desk, citizen):
    case = submit_online(world, desk.applicant)

    response = citizen.post(
        reverse("api-case-withdraw", args=[case.number]), {"reason": "信息有误，重新申请"}, format="json"
    )

    assert response.status_code == 200 and response.json()["status"] == "withdrawn"


def test_progress_query_by_number_and_id_tail(world, desk):
    case = submit_online(world, desk.applicant)
    api = APIClient()
    url = reverse("api-progress")

    found = api.get(url, {"number": case.number, "tail": ID_NUMBERS[0][-6:]})
    wrong_tail = api.get(url, {"number": case.number, "tail": "000000"})
    missing = api.get(url, {"number": case.number})

    assert found.status_code == 200 and found.json()["number"] == case.number
    assert found.json()["applicant_name_masked"] == "张*"
    assert [e["kind"] for e in found.json()["timeline"]] == ["submitted"]
    assert wrong_tail.status_code == 404 and "后 6 位" in wrong_tail.json()["message"]
    assert missing.status_code == 400 and "tail" in missing.json()["detail"]


def test_progress_query_is_rate_limited_with_a_json_429(world, settings):
    settings.GOVHALL = {**settings.GOVHALL, "PROGRESS_RATE": "3/m"}
    api = APIClient()
    params = {"number": "350802-20261123-000001-X", "tail": "123456"}

    statuses = [api.get(reverse("api-progress"), params).status_code for _ in range(4)]

    assert statuses == [404, 404, 404, 429]
    last = api.get(reverse("api-progress"), params).json()
    assert last["code"] == "throttled" and last["message"] == "请求过于频繁，请稍后再试"


def test_level_below_the_item_requirement_is_refused_at_submit(world, desk):
    low = applicant_api_client(desk.person, level=AssuranceLevel.L1)
    draft_id = ready_draft(low, world)

    response = submit(low, draft_id, key=str(uuid.uuid4()))

    assert response.status_code == 400 and "认证等级不足" in str(response.json()["detail"])
