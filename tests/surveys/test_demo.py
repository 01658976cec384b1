"""The demo's participation data (``surveys_demo_load``): an open solicitation with two opinions, an
open survey with answers, an answered and published suggestion — and a second load adds nothing.

Runs the loaders it needs (regions, departments, staff, people) rather than the whole ``load_demo``.
"""

import pytest
from django.test import override_settings

from govhall.demo.loaders import load_departments, load_regions, load_staff
from govhall.demo.people import load_people
from govhall.demo.surveys import surveys_demo_load
from govhall.interaction.surveys.models import Phase, Solicitation, Suggestion, Survey
from govhall.interaction.surveys.results import survey_results

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_base():
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        load_regions()
        load_departments()
        load_staff()
        load_people()


def test_demo_participation_items_are_open_answered_and_loaded_once(demo_base):
    assert surveys_demo_load() == 3
    solicitation = Solicitation.objects.get(title="关于进一步优化营商环境的若干措施（征求意见稿）")
    assert solicitation.phase == Phase.OPEN
    assert solicitation.opinions.count() == 2
    assert solicitation.opinions.filter(contact_masked="138****0002").count() == 1
    survey = Survey.objects.get(title="政务服务满意度调查")
    assert survey.phase == Phase.OPEN and survey.questions.count() == 3
    results = survey_results(survey=survey)
    assert results.responses == 5
    assert [(o.label, o.count) for o in results.questions[0].options] == [
        ("非常满意", 1),
        ("满意", 3),
        ("基本满意", 1),
        ("不满意", 0),
    ]
    suggestion = Suggestion.objects.get(title="手机上传材料时照片方向不对")
    assert suggestion.status == "replied" and suggestion.published
    # Loading again adds nothing
    assert surveys_demo_load() == 0
    assert (Solicitation.objects.count(), Survey.objects.count(), Suggestion.objects.count()) == (1, 1, 1)
