"""Portal and workbench pages: asking on an item page, the FAQ, anonymous reports, scope, the list's queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from govhall.interaction.models import Complaint, Consultation
from govhall.interaction.services.complaints import complaint_submit
from govhall.interaction.services.consultations import (
    consultation_answer,
    consultation_ask,
    consultation_publish,
)

from ..staff_login import staff_client

pytestmark = pytest.mark.django_db


def ask(desk, title="要带什么材料"):
    return consultation_ask(
        asker=desk.person.user,
        title=title,
        question="张三想开店",
        implementation_code=desk.world.implementation.code,
    )


def test_the_guide_links_to_asking_about_the_item_and_the_form_routes_to_its_department(desk):
    citizen = Client()
    citizen.force_login(desk.person.user)
    code = desk.world.implementation.code
    guide = citizen.get(reverse("portal:guide", args=[code]))
    assert f"{reverse('portal:consultation_new')}?item={code}" in guide.content.decode()
    page = citizen.get(reverse("portal:consultation_new") + f"?item={code}")
    assert "食品经营许可" in page.content.decode()
    response = citizen.post(
        reverse("portal:consultation_new"), {"item": code, "title": "材料", "question": "要带什么？"}
    )
    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:consultation_detail", args=[consultation.pk])
    assert consultation.department == desk.world.county_department


def test_asking_needs_a_login(desk):
    response = Client().get(reverse("portal:consultation_new"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_faq_page_shows_published_wording_only(desk):
    published, hidden = ask(desk), ask(desk, "未公开的问题")
    consultation_answer(actor=desk.clerk, consultation=published, answer="张三：请带身份证")
    consultation_answer(actor=desk.clerk, consultation=hidden, answer="答")
    consultation_publish(
        actor=desk.clerk, consultation=published, public_question="需要哪些材料？", public_answer="身份证。"
    )
    html = Client().get(reverse("portal:faq") + "?q=材料").content.decode()
    assert "需要哪些材料？" in html
    assert "张三" not in html and "未公开的问题" not in html


def test_anonymous_visitor_may_report_and_the_phone_is_stored_sealed(desk):
    response = Client().post(
        reverse("portal:complaint_new"),
        {
            "kind": "report",
            "subject": "department",
            "department": desk.world.county_department.pk,
            "title": "吃拿卡要",
            "content": "窗口人员索要好处费。",
            "anonymous": "on",
            "contact_phone": "13912345678",
        },
    )
    assert response.status_code == 200, response.content.decode()[:500]
    report = Complaint.objects.get()
    assert report.anonymous and report.complainant is None
    assert "13912345678" not in repr(Complaint.objects.values().get())


def test_my_interactions_lists_my_records_and_another_person_gets_404(desk):
    consultation = ask(desk)
    citizen = Client()
    citizen.force_login(desk.person.user)
    assert consultation.title in citizen.get(reverse("portal:my_interactions")).content.decode()
    assert citizen.get(reverse("portal:consultation_detail", args=[consultation.pk])).status_code == 200
    stranger = Client()
    stranger.force_login(desk.clerk)
    assert stranger.get(reverse("portal:consultation_detail", args=[consultation.pk])).status_code == 404


def test_another_department_gets_404_for_a_record_outside_its_scope(desk):
    consultation = ask(desk)
    url = reverse("workbench:interaction_consultation", args=[consultation.pk])
    assert staff_client(desk.clerk).get(url).status_code == 200
    assert staff_client(desk.other_clerk).get(url).status_code == 404
    assert staff_client(desk.supervisor).get(url).status_code == 200


def test_workbench_answer_page_flow_shows_late_explanation_field_and_refuses_without_it(desk):
    consultation = consultation_ask(
        asker=desk.person.user,
        title="逾期",
        question="?",
        implementation_code=desk.world.implementation.code,
        today=dt.date(2026, 1, 5),
    )
    clerk = staff_client(desk.clerk)
    page = clerk.get(reverse("workbench:interaction_consultation", args=[consultation.pk])).content.decode()
    assert "逾期说明" in page
    clerk.post(reverse("workbench:interaction_consultation_answer", args=[consultation.pk]), {"answer": "答"})
    consultation.refresh_from_db()
    assert consultation.status == "pending"


def test_workbench_list_query_count_does_not_grow_with_rows(desk):
    clerk = staff_client(desk.clerk)
    url = reverse("workbench:interaction_list")
    ask(desk)
    clerk.get(url)
    with CaptureQueriesContext(connection) as few:
        assert clerk.get(url).status_code == 200
    for n in range(15):
        ask(desk, f"问题{n}")
        complaint_submit(
            complainant=desk.person.user,
            kind="complaint",
            subject="department",
            department=desk.world.county_department,
            title=f"投诉{n}",
            content="!",
        )
    with CaptureQueriesContext(connection) as many:
        response = clerk.get(url)
    assert response.content.decode().count("问题") >= 15
    assert len(many) == len(few)
    with CaptureQueriesContext(connection) as complaints:
        clerk.get(url + "?kind=complaint")
    assert len(complaints) == len(few)


def test_export_is_a_spreadsheet_of_the_filtered_list(desk):
    ask(desk)
    response = staff_client(desk.clerk).get(reverse("workbench:interaction_export") + "?kind=consultation")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
