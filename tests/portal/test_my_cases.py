"""我的办件: the list (cases and drafts), a case page, the one-time correction answered once, withdrawal,
documents for the owner only, and the in-site messages with their unread badge."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from govhall.cases.models import CaseStatus
from govhall.cases.services.handling import case_correction_request
from govhall.core.models import AuditEntry
from govhall.notifications.models import SiteMessage
from tests.portal.case_records import (
    applied_case,
    citizen,
    current_draft,
    food_item_with_form,
    pdf_bytes,
    start,
    upload,
    window_clerk,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def setup(world, media_root):
    cache.clear()
    food_item_with_form(world)


def detail_url(case):
    return reverse("portal:case_detail", args=[case.number])


def test_my_cases_lists_cases_with_status_and_unsubmitted_drafts(world):
    person, client = citizen()
    case = applied_case(client, world, person)
    start(client, world)  # a second application, not submitted

    page = client.get(reverse("portal:my_cases")).content.decode()

    assert case.number in page and "待受理" in page
    assert "未提交的申请（1）" in page and "继续填写" in page
    assert "食品经营许可" in page


def test_my_cases_shows_nothing_of_other_applicants(world):
    person, client = citizen()
    case = applied_case(client, world, person)
    _, other = citizen(name="李四", number=1)

    assert case.number not in other.get(reverse("portal:my_cases")).content.decode()
    assert other.get(detail_url(case)).status_code == 404
    assert other.get(reverse("portal:case_document", args=[case.number, "material-1"])).status_code == 404


def test_case_page_shows_the_timeline_materials_and_visits(world):
    person, client = citizen()
    case = applied_case(client, world, person)

    page = client.get(detail_url(case)).content.decode()

    assert "申请已提交" in page
    assert "食品经营许可申请书" in page and "免提交（共享获取）" in page
    assert "到现场 0 次" in page
    assert "撤回申请" in page
    material = case.materials.exclude(file="").get()
    response = client.get(reverse("portal:case_document", args=[case.number, f"material-{material.pk}"]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_a_correction_is_answered_once_with_every_listed_material(world):
    person, client = citizen()
    case = applied_case(client, world, person)
    case_correction_request(
        actor=window_clerk(world), case=case, items=[{"material_position": 1, "problem": "申请书缺少签字"}]
    )
    correction = case.corrections.get()

    page = client.get(detail_url(case)).content.decode()
    assert "需要补正材料" in page and "申请书缺少签字" in page
    notice = client.get(reverse("portal:case_document", args=[case.number, f"correction-{correction.pk}"]))
    assert notice.status_code == 200 and b"".join(notice.streaming_content).startswith(b"%PDF")

    empty = client.post(reverse("portal:case_correction", args=[case.number]), {}, follow=True)
    assert "尚缺：食品经营许可申请书" in empty.content.decode()

    url = reverse("portal:case_correction", args=[case.number])
    response = client.post(url, {"files_1": upload("签字后的申请书.pdf", pdf_bytes()), "note": "已补签"})
    assert response["Location"] == detail_url(case)
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED
    assert case.materials.filter(round=1, superseded=False).count() == 1

    again = client.post(url, {"files_1": upload("再来一次.png")}, follow=True)
    assert "补正材料只能提交一次" in again.content.decode()
    assert case.materials.filter(round__gte=1).count() == 1
    assert AuditEntry.objects.filter(action="case.corrected").count() == 1


def test_the_applicant_withdraws_with_a_reason_before_the_decision(world):
    person, client = citizen()
    case = applied_case(client, world, person)
    url = reverse("portal:case_withdraw", args=[case.number])

    no_reason = client.post(url, {"reason": ""}, follow=True)
    assert "请填写撤回原因" in no_reason.content.decode()

    client.post(url, {"reason": "经营地址变更，重新申请"})

    case.refresh_from_db()
    assert case.status == CaseStatus.WITHDRAWN
    assert not case.tasks.filter(status="open").exists()
    page = client.get(detail_url(case)).content.decode()
    assert "申请已撤回" in page and 'action="' + url not in page
    assert AuditEntry.objects.filter(action="case.withdrawn").count() == 1


def test_messages_show_an_unread_badge_and_opening_one_marks_it_read(world):
    person, client = citizen()
    case = applied_case(client, world, person)
    message = SiteMessage.objects.get(recipient=person.user)

    header = client.get(reverse("portal:home")).content.decode()
    assert 'aria-label="1 条未读"' in header
    inbox = client.get(reverse("portal:messages")).content.decode()
    assert "申请已提交" in inbox and case.number in inbox and "未读" in inbox

    response = client.get(reverse("portal:message_open", args=[message.pk]))

    assert response["Location"] == detail_url(case)
    message.refresh_from_db()
    assert message.read_at is not None
    assert "条未读" not in client.get(reverse("portal:home")).content.decode()


def test_someone_elses_message_is_not_found(world):
    person, client = citizen()
    applied_case(client, world, person)
    _, other = citizen(name="李四", number=1)

    message = SiteMessage.objects.get(recipient=person.user)
    assert other.get(reverse("portal:message_open", args=[message.pk])).status_code == 404
    assert SiteMessage.objects.get(pk=message.pk).read_at is None


def test_drafts_are_continued_from_my_cases(world):
    person, client = citizen()
    start(client, world)
    draft = current_draft(person)

    page = client.get(reverse("portal:my_cases")).content.decode()

    assert reverse("portal:apply", args=[draft.implementation_code]) in page
