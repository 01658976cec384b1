"""在线调查: one response per person (also under a race), validation, exact results, the .xlsx export."""

import threading
from datetime import timedelta
from io import BytesIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import connection
from openpyxl import load_workbook

from govhall.interaction.surveys.exports import survey_workbook
from govhall.interaction.surveys.models import Participation, SurveyAnswer, SurveyResponse
from govhall.interaction.surveys.results import survey_results
from govhall.interaction.surveys.services import (
    SurveyFields,
    survey_publish,
    survey_questions_replace,
    survey_respond,
    survey_update,
)

from ..person_records import person_make
from .conftest import answers_for, survey_make

pytestmark = pytest.mark.django_db


def test_a_person_answers_a_survey_once(people):
    survey = survey_make(people)
    user = people.verified.user
    survey_respond(user=user, survey_id=survey.pk, answers=answers_for(survey, "满意", ["网上办理"]))
    with pytest.raises(ValidationError) as second:
        survey_respond(user=user, survey_id=survey.pk, answers=answers_for(survey, "不满意", ["窗口办理"]))
    assert second.value.messages == ["您已参与过本次调查，每人只能提交一次"]
    assert SurveyResponse.objects.filter(survey=survey).count() == 1
    assert SurveyAnswer.objects.filter(response__survey=survey, option__label="不满意").count() == 0


def test_verified_only_survey_refuses_an_anonymous_response_in_chinese(people):
    survey = survey_make(people, participation=Participation.VERIFIED)
    with pytest.raises(ValidationError) as refused:
        survey_respond(
            user=AnonymousUser(), survey_id=survey.pk, answers=answers_for(survey, "满意", ["网上办理"])
        )
    assert refused.value.messages == ["本次调查仅限实名认证用户参与，请先登录"]
    assert not SurveyResponse.objects.exists()


def test_required_questions_and_foreign_options_are_refused(people):
    survey = survey_make(people, participation=Participation.ANONYMOUS)
    q1, q2, _ = survey.questions.order_by("position")
    with pytest.raises(ValidationError, match="第 2 题为必答题"):
        survey_respond(user=AnonymousUser(), survey_id=survey.pk, answers={q1.pk: [q1.options.first().pk]})
    with pytest.raises(ValidationError, match="第 1 题：所选选项不属于该题"):
        survey_respond(
            user=AnonymousUser(),
            survey_id=survey.pk,
            answers={q1.pk: [q2.options.first().pk], q2.pk: [q2.options.first().pk]},
        )
    with pytest.raises(ValidationError, match="第 1 题为单选题"):
        survey_respond(
            user=AnonymousUser(),
            survey_id=survey.pk,
            answers={q1.pk: [o.pk for o in q1.options.all()[:2]], q2.pk: [q2.options.first().pk]},
        )
    assert not SurveyResponse.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_concurrent_double_submit_leaves_one_response(people):
    survey = survey_make(people)
    user = people.verified.user
    answers = answers_for(survey, "满意", ["网上办理"])
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def submit() -> None:
        try:
            barrier.wait(timeout=10)
            survey_respond(user=user, survey_id=survey.pk, answers=answers)
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append(exc.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["ok", "您已参与过本次调查，每人只能提交一次"]
    assert SurveyResponse.objects.filter(survey=survey).count() == 1
    assert SurveyAnswer.objects.filter(response__survey=survey).count() == 2


def _hand_computed_fixture(people):
    """Five anonymous responses:

    | # | Q1 (single) | Q2 (multiple)        | Q3 (text)   |
    |---|-------------|----------------------|-------------|
    | 1 | 非常满意    | 网上办理, 窗口办理   | 希望延长时间 |
    | 2 | 满意        | 网上办理             |             |
    | 3 | 满意        | 网上办理, 自助终端   |             |
    | 4 | 不满意      | 窗口办理             | 排队太久     |
    | 5 | 满意        | 网上办理             |             |

    Q1: 非常满意 1/5 = 20.0%, 满意 3/5 = 60.0%, 不满意 1/5 = 20.0%.
    Q2: 网上办理 4/5 = 80.0%, 窗口办理 2/5 = 40.0%, 自助终端 1/5 = 20.0%.
    Q3: answered by 2; texts in order of submission.
    """
    survey = survey_make(people, participation=Participation.ANONYMOUS)
    rows = [
        ("非常满意", ["网上办理", "窗口办理"], "希望延长时间"),
        ("满意", ["网上办理"], ""),
        ("满意", ["网上办理", "自助终端"], ""),
        ("不满意", ["窗口办理"], "排队太久"),
        ("满意", ["网上办理"], ""),
    ]
    for single, multiple, text in rows:
        survey_respond(
            user=AnonymousUser(), survey_id=survey.pk, answers=answers_for(survey, single, multiple, text)
        )
    return survey


def test_results_count_and_percent_each_option_exactly(people):
    survey = _hand_computed_fixture(people)
    results = survey_results(survey=survey)
    q1, q2, q3 = results.questions
    assert results.responses == 5
    assert [(o.label, o.count, str(o.percent)) for o in q1.options] == [
        ("非常满意", 1, "20.0"),
        ("满意", 3, "60.0"),
        ("不满意", 1, "20.0"),
    ]
    assert [(o.label, o.count, str(o.percent)) for o in q2.options] == [
        ("网上办理", 4, "80.0"),
        ("窗口办理", 2, "40.0"),
        ("自助终端", 1, "20.0"),
    ]
    assert (q1.answered, q2.answered, q3.answered) == (5, 5, 2)
    assert q3.texts == ["希望延长时间", "排队太久"]


def test_results_use_a_fixed_number_of_queries(people, django_assert_max_num_queries):
    survey = _hand_computed_fixture(people)
    with django_assert_max_num_queries(6):
        survey_results(survey=survey)


def test_survey_export_has_a_summary_and_raw_sheet_without_personal_data(people):
    survey = _hand_computed_fixture(people)
    person = person_make(
        name="王建国", id_number="350821197603080013"[:17] + "X", phone="13705910003", level="L2"
    )
    survey_respond(user=person.user, survey_id=survey.pk, answers=answers_for(survey, "满意", ["自助终端"]))
    content, responses = survey_workbook(survey=survey)
    book = load_workbook(BytesIO(content))
    assert book.sheetnames == ["结果汇总", "原始答卷"]
    summary = [row for row in book["结果汇总"].iter_rows(values_only=True)]
    assert (None, "满意", 4, 66.7) in summary  # 4 of 6
    assert (None, "网上办理", 4, 66.7) in summary
    raw = list(book["原始答卷"].iter_rows(values_only=True))
    assert responses == 6 and len(raw) == 7
    assert raw[0][2:] == ("1. 您对政务服务的总体评价", "2. 您使用过哪些办理渠道", "3. 您的其他意见和建议")
    assert raw[1][2:] == ("非常满意", "网上办理；窗口办理", "希望延长时间")
    everything = str([list(sheet.values) for sheet in book])
    assert "王建国" not in everything and "13705910003" not in everything


def test_a_survey_without_questions_cannot_be_published(people):
    draft = survey_make(people, publish=False, questions=False)
    with pytest.raises(ValidationError, match="问卷还没有题目"):
        survey_publish(actor=people.head, scope=people.scope(people.head), survey=draft)
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_a_published_survey_keeps_its_questions_and_period(people):
    survey = survey_make(people, results_public=False)
    scope = people.scope(people.head)
    with pytest.raises(ValidationError, match="已发布的调查不能再修改题目"):
        survey_questions_replace(actor=people.head, scope=scope, survey=survey, questions=[])
    changed = SurveyFields(
        title=survey.title,
        description=survey.description,
        opens_on=survey.opens_on,
        closes_on=survey.closes_on + timedelta(days=30),
        participation=survey.participation,
        results_public=True,
    )
    with pytest.raises(ValidationError, match="只能修改“结束后公开调查结果”"):
        survey_update(actor=people.head, scope=scope, survey=survey, fields=changed)
    allowed = SurveyFields(**{**changed.__dict__, "closes_on": survey.closes_on})
    assert survey_update(actor=people.head, scope=scope, survey=survey, fields=allowed).results_public is True
    assert survey.questions.count() == 3
