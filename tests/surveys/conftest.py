"""Fixtures of the participation tests: publishers in two counties, people at L1 and L2, and builders
for solicitations and surveys made through the real services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone

from govhall.directory.services import department_upsert
from govhall.identity.models import AssuranceLevel, StaffRole
from govhall.identity.scope import StaffScope, staff_scope_for
from govhall.identity.services.staff import staff_upsert
from govhall.interaction.surveys.models import Participation, QuestionKind, Solicitation, Survey
from govhall.interaction.surveys.services import (
    QuestionSpec,
    SolicitationFields,
    SurveyFields,
    solicitation_create,
    solicitation_publish,
    survey_create,
    survey_publish,
    survey_questions_replace,
)

from ..factories import credit_code
from ..person_records import ID_NUMBERS, person_make


@dataclass
class People:
    head: Any  # department head of 新罗区市场监督管理局
    other_head: Any  # department head in 长汀县
    operator: Any  # operator of 新罗区
    verified: Any  # Person at L2
    unverified: Any  # Person at L1

    def scope(self, user: Any) -> StaffScope:
        scope = staff_scope_for(user)
        assert scope is not None
        return scope


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def people(world) -> People:
    other_department = department_upsert(
        credit_code=credit_code(821_0001), name="长汀县市场监督管理局", region=world.other_county
    )
    head = staff_upsert(
        username="xl_head",
        display_name="钟丽华",
        region=world.county,
        roles=[StaffRole.DEPARTMENT_HEAD],
        department=world.county_department,
    ).user
    other_head = staff_upsert(
        username="ct_head",
        display_name="刘洋",
        region=world.other_county,
        roles=[StaffRole.DEPARTMENT_HEAD],
        department=other_department,
    ).user
    operator = staff_upsert(
        username="xl_operator", display_name="运维", region=world.county, roles=[StaffRole.OPERATOR]
    ).user
    verified = person_make(name="林志远", level=AssuranceLevel.L2, username="verified")
    unverified = person_make(
        name="陈晓梅",
        id_number=ID_NUMBERS[1],
        phone="13900139000",
        level=AssuranceLevel.L1,
        username="unverified",
    )
    return People(head, other_head, operator, verified, unverified)


def today() -> date:
    return timezone.localdate()


@pytest.fixture
def move_to(monkeypatch):
    """Pretend today is ``day`` (every phase check reads ``timezone.localdate``)."""

    def move(day: date) -> None:
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)

    return move


def solicitation_make(
    people: People,
    *,
    participation: str = Participation.VERIFIED,
    opens_on: date | None = None,
    closes_on: date | None = None,
    publish: bool = True,
    user: Any = None,
) -> Solicitation:
    user = user or people.head
    scope = people.scope(user)
    solicitation = solicitation_create(
        actor=user,
        scope=scope,
        fields=SolicitationFields(
            title="关于进一步优化营商环境的若干措施（征求意见稿）",
            body="第一条 为进一步优化营商环境……",
            opens_on=opens_on or today() - timedelta(days=3),
            closes_on=closes_on or today() + timedelta(days=10),
            participation=participation,
        ),
    )
    if publish:
        solicitation = solicitation_publish(actor=user, scope=scope, solicitation=solicitation)
    return solicitation


SATISFACTION = ["非常满意", "满意", "不满意"]
CHANNELS = ["网上办理", "窗口办理", "自助终端"]


def survey_make(
    people: People,
    *,
    participation: str = Participation.VERIFIED,
    closes_on: date | None = None,
    results_public: bool = True,
    publish: bool = True,
    questions: bool = True,
    user: Any = None,
) -> Survey:
    """政务服务满意度调查: 1 single choice, 2 multiple choice, 3 optional free text."""
    user = user or people.head
    scope = people.scope(user)
    survey = survey_create(
        actor=user,
        scope=scope,
        fields=SurveyFields(
            title="政务服务满意度调查",
            description="",
            opens_on=today() - timedelta(days=1),
            closes_on=closes_on or today() + timedelta(days=10),
            participation=participation,
            results_public=results_public,
        ),
    )
    if not questions:
        return survey
    survey_questions_replace(
        actor=user,
        scope=scope,
        survey=survey,
        questions=[
            QuestionSpec("您对政务服务的总体评价", QuestionKind.SINGLE, True, SATISFACTION),
            QuestionSpec("您使用过哪些办理渠道", QuestionKind.MULTIPLE, True, CHANNELS),
            QuestionSpec("您的其他意见和建议", QuestionKind.TEXT, False, []),
        ],
    )
    if publish:
        survey = survey_publish(actor=user, scope=scope, survey=survey)
    return survey


def answers_for(survey: Survey, single: str, multiple: list[str], text: str = "") -> dict[int, Any]:
    """Answers by option label, as ``survey_respond`` takes them (question id → option ids or text)."""
    q1, q2, q3 = survey.questions.order_by("position")
    by_label = lambda q: {o.label: o.pk for o in q.options.all()}  # noqa: E731
    return {q1.pk: [by_label(q1)[single]], q2.pk: [by_label(q2)[m] for m in multiple], q3.pk: text}
