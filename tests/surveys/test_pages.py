"""The participation pages render, answer and refuse; the workbench keeps another county's items out (404)."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from govhall.interaction.surveys.models import Opinion, Participation, Suggestion, SurveyResponse
from govhall.interaction.surveys.services import opinion_submit, suggestion_submit

from ..staff_login import staff_client
from .conftest import answers_for, solicitation_make, survey_make

pytestmark = pytest.mark.django_db


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_portal_lists_and_detail_pages_render(people, move_to):
    solicitation = solicitation_make(people)
    survey = survey_make(people)
    client = Client()
    for name, args in [
        ("portal:solicitation_list", ()),
        ("portal:solicitation_detail", (solicitation.pk,)),
        ("portal:survey_list", ()),
        ("portal:survey_detail", (survey.pk,)),
        ("portal:suggestion_list", ()),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name
        assert response.context["nav_area"] == "interaction"
    page = client.get(reverse("portal:solicitation_list")).content.decode()
    assert "关于进一步优化营商环境的若干措施（征求意见稿）" in page
    assert (
        "仅限实名认证用户参与"
        in client.get(reverse("portal:survey_detail", args=(survey.pk,))).content.decode()
    )
    # Results: hidden while open, public after closing when the publisher allowed it
    assert client.get(reverse("portal:survey_results", args=(survey.pk,))).status_code == 404
    move_to(survey.closes_on + timedelta(days=1))
    assert client.get(reverse("portal:survey_results", args=(survey.pk,))).status_code == 200


def test_an_opinion_posted_anonymously_on_a_verified_only_page_is_refused_with_a_message(people):
    solicitation = solicitation_make(people, participation=Participation.VERIFIED)
    response = Client().post(
        reverse("portal:solicitation_detail", args=(solicitation.pk,)), {"body": "匿名意见", "contact": ""}
    )
    assert response.status_code == 400
    assert "本次意见征集仅限实名认证用户参与，请先登录" in response.content.decode()
    assert not Opinion.objects.exists()


def test_a_verified_person_answers_the_survey_page_once(people):
    survey = survey_make(people)
    q1, q2, q3 = survey.questions.order_by("position")
    client = _signed_in(people.verified.user)
    data = {
        f"q{q1.pk}": str(q1.options.first().pk),
        f"q{q2.pk}": [str(o.pk) for o in q2.options.all()[:2]],
        f"q{q3.pk}": "",
    }
    first = client.post(reverse("portal:survey_detail", args=(survey.pk,)), data)
    assert first.status_code == 302
    assert "您已提交本次调查问卷" in client.get(first["Location"]).content.decode()
    second = client.post(reverse("portal:survey_detail", args=(survey.pk,)), data)
    assert second.status_code == 400 and "每人只能提交一次" in second.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_anonymous_survey_responses_are_rate_limited_per_address(people):
    survey = survey_make(people, participation=Participation.ANONYMOUS)
    q1, q2, _ = survey.questions.order_by("position")
    data = {f"q{q1.pk}": str(q1.options.first().pk), f"q{q2.pk}": [str(q2.options.first().pk)]}
    client = Client()
    codes = [
        client.post(reverse("portal:survey_detail", args=(survey.pk,)), data).status_code for _ in range(11)
    ]
    assert codes == [302] * 10 + [429]
    assert SurveyResponse.objects.count() == 10


def test_suggestion_new_needs_login_and_files_the_suggestion(people):
    url = reverse("portal:suggestion_new")
    assert Client().get(url).status_code == 302
    client = _signed_in(people.verified.user)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "category": "usage",
            "title": "页面打不开",
            "body": "办事指南页面加载很慢。",
            "contact": "0597-2345678",
        },
    )
    assert response.status_code == 302
    suggestion = Suggestion.objects.get()
    assert suggestion.contact_masked == "059*****5678" and "2345678" not in suggestion.contact_sealed


def test_workbench_pages_render_for_the_publisher(people, move_to):
    solicitation = solicitation_make(people, participation=Participation.ANONYMOUS)
    opinion_submit(user=None, solicitation_id=solicitation.pk, body="一条意见", contact="13812345678")
    survey = survey_make(people)
    suggestion_submit(
        user=people.verified.user,
        region=survey.region,
        category="usage",
        title="标题",
        body="内容",
    )
    client = staff_client(people.head)
    for name, args in [
        ("workbench:survey_list", ()),
        ("workbench:survey_new", ()),
        ("workbench:survey_detail", (survey.pk,)),
        ("workbench:survey_edit", (survey.pk,)),
        ("workbench:survey_questions", (survey.pk,)),
        ("workbench:survey_results", (survey.pk,)),
        ("workbench:solicitation_list", ()),
        ("workbench:solicitation_new", ()),
        ("workbench:solicitation_detail", (solicitation.pk,)),
        ("workbench:suggestion_inbox", ()),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name
        assert response.context["nav"] == "surveys"
    detail = client.get(reverse("workbench:solicitation_detail", args=(solicitation.pk,))).content.decode()
    assert "138****5678" in detail and "13812345678" not in detail
    export = client.get(reverse("workbench:solicitation_export", args=(solicitation.pk,)))
    assert export.status_code == 200
    assert load_workbook(BytesIO(export.content)).active["E5"].value == "一条意见"


def test_another_countys_head_gets_404_on_the_items(people):
    solicitation = solicitation_make(people)
    survey = survey_make(people)
    client = staff_client(people.other_head)
    for name, pk in [
        ("workbench:solicitation_detail", solicitation.pk),
        ("workbench:solicitation_export", solicitation.pk),
        ("workbench:survey_detail", survey.pk),
        ("workbench:survey_results", survey.pk),
        ("workbench:survey_export", survey.pk),
    ]:
        assert client.get(reverse(name, args=(pk,))).status_code == 404, name
    assert client.post(reverse("workbench:survey_publish", args=(survey.pk,))).status_code == 404
    listing = client.get(reverse("workbench:solicitation_list")).content.decode()
    assert "关于进一步优化营商环境" not in listing


def test_the_question_editor_saves_ordered_questions_without_script(people):
    survey = survey_make(people, publish=False, questions=False)
    client = staff_client(people.head)
    prefix = "questions"
    data = {
        f"{prefix}-TOTAL_FORMS": "3",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "50",
        f"{prefix}-0-text": "第二题",
        f"{prefix}-0-kind": "text",
        f"{prefix}-0-ORDER": "2",
        f"{prefix}-1-text": "第一题",
        f"{prefix}-1-kind": "single",
        f"{prefix}-1-required": "on",
        f"{prefix}-1-options": "是\n否",
        f"{prefix}-1-ORDER": "1",
        f"{prefix}-2-text": "",
        f"{prefix}-2-kind": "single",
        f"{prefix}-2-required": "on",
    }
    response = client.post(reverse("workbench:survey_questions", args=(survey.pk,)), data)
    assert response.status_code == 302
    questions = list(survey.questions.order_by("position").values_list("text", "kind", "required"))
    assert questions == [("第一题", "single", True), ("第二题", "text", False)]
    assert list(survey.questions.get(text="第一题").options.values_list("label", flat=True)) == ["是", "否"]


def test_the_workbench_solicitation_list_runs_a_fixed_number_of_queries(
    people, django_assert_max_num_queries
):
    for _ in range(3):
        solicitation_make(people)
    client = staff_client(people.head)
    url = reverse("workbench:solicitation_list")
    client.get(url)  # warm caches (session, staff profile)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for _ in range(10):
        solicitation_make(people)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_portal_survey_list_runs_a_fixed_number_of_queries(people, django_assert_max_num_queries):
    survey = survey_make(people, participation=Participation.ANONYMOUS)
    from govhall.interaction.surveys.services import survey_respond

    survey_respond(user=None, survey_id=survey.pk, answers=answers_for(survey, "满意", ["网上办理"]))
    client = Client()
    url = reverse("portal:survey_list")
    client.get(url)
    with django_assert_max_num_queries(10) as few:
        client.get(url)
    for _ in range(5):
        survey_make(people)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
