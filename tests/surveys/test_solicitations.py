"""意见征集: publication and closing by period, who may comment, sealed contacts, feedback, the .xlsx export."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from openpyxl import load_workbook

from govhall.core.audit import audit_entries_for
from govhall.core.personal_data import unseal
from govhall.interaction.surveys import selectors
from govhall.interaction.surveys.exports import opinions_workbook
from govhall.interaction.surveys.models import CONTACT_PURPOSE, Opinion, Participation, Phase
from govhall.interaction.surveys.services import (
    opinion_submit,
    solicitation_feedback_publish,
    solicitation_publish,
)

from .conftest import solicitation_make, today

pytestmark = pytest.mark.django_db


def test_published_solicitation_is_open_in_its_period_and_closed_the_day_after(people, move_to):
    # Given a solicitation published for today-3 … today+10
    solicitation = solicitation_make(people)
    closes = solicitation.closes_on
    # Then it is open and listed as open on the portal
    assert solicitation.phase == Phase.OPEN
    assert list(selectors.solicitations_public(region=None, phase=Phase.OPEN)) == [solicitation]
    # When the last day comes it is still open; the day after it is closed, without any job running
    move_to(closes)
    assert selectors.solicitation_get_public(pk=solicitation.pk).phase == Phase.OPEN
    move_to(closes + timedelta(days=1))
    assert selectors.solicitation_get_public(pk=solicitation.pk).phase == Phase.CLOSED
    assert list(selectors.solicitations_public(region=None, phase=Phase.OPEN)) == []
    assert list(selectors.solicitations_public(region=None, phase=Phase.CLOSED)) == [solicitation]


def test_a_draft_is_not_shown_on_the_portal(people):
    draft = solicitation_make(people, publish=False)
    with pytest.raises(ObjectDoesNotExist):
        selectors.solicitation_get_public(pk=draft.pk)
    assert list(selectors.solicitations_public(region=None)) == []


def test_publishing_after_the_period_ended_is_refused(people):
    draft = solicitation_make(
        people, publish=False, opens_on=today() - timedelta(days=9), closes_on=today() - timedelta(days=1)
    )
    with pytest.raises(ValidationError, match="截止日期已过"):
        solicitation_publish(actor=people.head, scope=people.scope(people.head), solicitation=draft)
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_verified_only_refuses_anonymous_and_l1_people_in_chinese(people):
    solicitation = solicitation_make(people, participation=Participation.VERIFIED)
    with pytest.raises(ValidationError) as anonymous:
        opinion_submit(user=AnonymousUser(), solicitation_id=solicitation.pk, body="建议缩短办理时限")
    assert anonymous.value.messages == ["本次意见征集仅限实名认证用户参与，请先登录"]
    with pytest.raises(ValidationError, match="实名认证（L2及以上）"):
        opinion_submit(user=people.unverified.user, solicitation_id=solicitation.pk, body="建议缩短办理时限")
    assert not Opinion.objects.exists()
    # A verified person is accepted and linked
    opinion = opinion_submit(
        user=people.verified.user, solicitation_id=solicitation.pk, body="建议缩短办理时限"
    )
    assert opinion.person == people.verified


def test_anonymous_allowed_takes_an_opinion_without_login(people):
    solicitation = solicitation_make(people, participation=Participation.ANONYMOUS)
    opinion = opinion_submit(user=AnonymousUser(), solicitation_id=solicitation.pk, body="希望增加夜间服务")
    assert opinion.person is None
    assert (
        audit_entries_for(object_type="surveys.opinion", object_id=str(opinion.pk)).get().actor_label
        == "匿名公众"
    )


def test_opinions_are_refused_after_closing_and_before_opening(people, move_to):
    solicitation = solicitation_make(people, participation=Participation.ANONYMOUS)
    move_to(solicitation.closes_on + timedelta(days=1))
    with pytest.raises(ValidationError, match="不在征集期内"):
        opinion_submit(user=AnonymousUser(), solicitation_id=solicitation.pk, body="迟到的意见")
    move_to(solicitation.opens_on - timedelta(days=1))
    with pytest.raises(ValidationError, match="不在征集期内"):
        opinion_submit(user=AnonymousUser(), solicitation_id=solicitation.pk, body="过早的意见")
    assert not Opinion.objects.exists()


def test_an_opinion_longer_than_2000_characters_is_refused(people):
    solicitation = solicitation_make(people, participation=Participation.ANONYMOUS)
    with pytest.raises(ValidationError, match="不能超过 2000 字"):
        opinion_submit(user=AnonymousUser(), solicitation_id=solicitation.pk, body="长" * 2001)


def test_the_contact_is_sealed_and_only_its_masked_form_is_readable(people):
    solicitation = solicitation_make(people, participation=Participation.ANONYMOUS)
    opinion = opinion_submit(
        user=AnonymousUser(), solicitation_id=solicitation.pk, body="意见", contact="13812345678"
    )
    raw = Opinion.objects.values_list("contact_sealed", "contact_masked", "body").get(pk=opinion.pk)
    assert "13812345678" not in raw[0] and "12345678" not in raw[0]
    assert raw[1] == "138****5678"
    assert unseal(raw[0], purpose=CONTACT_PURPOSE) == "13812345678"


def test_feedback_is_published_only_after_the_period(people, move_to):
    solicitation = solicitation_make(people)
    scope = people.scope(people.head)
    with pytest.raises(ValidationError, match="征集期结束后"):
        solicitation_feedback_publish(
            actor=people.head, scope=scope, solicitation=solicitation, feedback="共收到意见两条，采纳一条。"
        )
    move_to(solicitation.closes_on + timedelta(days=1))
    done = solicitation_feedback_publish(
        actor=people.head, scope=scope, solicitation=solicitation, feedback="共收到意见两条，采纳一条。"
    )
    assert done.feedback_published_at is not None
    assert selectors.solicitation_get_public(pk=solicitation.pk).feedback == "共收到意见两条，采纳一条。"


def test_another_countys_head_cannot_publish_feedback(people, move_to):
    solicitation = solicitation_make(people)
    move_to(solicitation.closes_on + timedelta(days=1))
    with pytest.raises(PermissionDenied):
        solicitation_feedback_publish(
            actor=people.other_head,
            scope=people.scope(people.other_head),
            solicitation=solicitation,
            feedback="不属于本县的采纳情况说明。",
        )


def test_opinions_export_reads_back_with_masked_contacts_only(people):
    solicitation = solicitation_make(people, participation=Participation.ANONYMOUS)
    opinion_submit(
        user=AnonymousUser(), solicitation_id=solicitation.pk, body="第一条意见", contact="13812345678"
    )
    opinion_submit(user=people.verified.user, solicitation_id=solicitation.pk, body="第二条意见")
    content, rows = opinions_workbook(solicitation=solicitation)
    sheet = load_workbook(BytesIO(content)).active
    values = [row for row in sheet.iter_rows(min_row=5, values_only=True)]
    assert rows == 2
    assert [(v[0], v[2], v[3], v[4]) for v in values] == [
        (1, "匿名", "138****5678", "第一条意见"),
        (2, "实名用户", None, "第二条意见"),
    ]
    assert "13812345678" not in str(list(sheet.values))
