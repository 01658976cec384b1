"""好差评 through the services: once per stage, scores, poor rating → rectification → return visit →
re-rating, appeals, rules (rectification limit, automatic rating), invitations."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from govhall.core.models import AuditEntry
from govhall.interaction.ratings.models import (
    Rating,
    RatingChannel,
    RatingInvitation,
    Rectification,
    RectificationStatus,
    VisitMethod,
    VisitReaction,
)
from govhall.interaction.ratings.selectors_supervision import rating_indicator_rows
from govhall.interaction.ratings.services import (
    appeal_decide,
    appeal_file,
    rating_give,
    rating_rule_save,
    rectification_complete,
    return_visit_record,
)
from govhall.interaction.ratings.tick import ratings_tick
from govhall.notifications.models import Message, SiteMessage

pytestmark = pytest.mark.django_db

WEB = RatingChannel.WEB


def give(case, level, *, stage="acceptance", rater=None, today=None, channel=WEB):
    return rating_give(case=case, stage=stage, level=level, channel=channel, rater=rater, today=today)


@pytest.mark.parametrize(
    ("level", "score"),
    [("very_satisfied", 10), ("satisfied", 8), ("basic", 6), ("dissatisfied", 3), ("very_dissatisfied", 0)],
)
def test_each_level_is_stored_with_its_score(ratings, level, score):
    rating = give(ratings.snapshot(1), level)
    assert (rating.level, rating.score, rating.round, rating.current) == (level, score, 1, True)


def test_a_stage_is_rated_once_and_the_second_attempt_is_refused(ratings):
    case = ratings.accepted_case()
    give(case, "satisfied", rater=ratings.desk.person.user)
    with pytest.raises(ValidationError) as error:
        give(case, "very_satisfied", rater=ratings.desk.person.user)
    assert error.value.code == "already_rated"
    assert Rating.objects.filter(case_id=case.id).count() == 1
    assert (
        AuditEntry.objects.filter(action="rating.given", object_id=str(Rating.objects.get().pk)).count() == 1
    )


def test_a_stage_not_reached_cannot_be_rated(ratings):
    case = ratings.accepted_case()  # accepted, not completed
    with pytest.raises(ValidationError, match="办结"):
        give(case, "satisfied", stage="completion")
    refused_later = ratings.snapshot(7, accepted_on=None, status="submitted")
    with pytest.raises(ValidationError, match="受理"):
        give(refused_later, "satisfied")
    assert not Rating.objects.exists()


def test_a_refused_case_can_be_rated_at_acceptance(ratings):
    refused = ratings.snapshot(8, accepted_on=None, status="refused", completed_on=dt.date(2026, 3, 3))
    assert give(refused, "basic").stage == "acceptance"


@pytest.mark.django_db(transaction=True)
def test_a_double_submit_at_the_same_moment_creates_one_rating(ratings):
    case = ratings.snapshot(11)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def submit() -> None:
        try:
            barrier.wait()
            give(case, "satisfied")
            outcomes.append("created")
        except ValidationError as exc:
            outcomes.append(exc.code or "")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already_rated", "created"]
    assert Rating.objects.filter(case_id=11).count() == 1


def test_poor_rating_opens_a_rectification_due_in_15_working_days_across_the_holidays(ratings):
    # 2026-09-24 (Thu). Not working: 9-25 中秋, 9-26/27 weekend, 10-1…10-7 国庆, 10-11, 10-17/18.
    # 10-10 (Sat) is a make-up working day. Counting: 9-28 (1), 9-29 (2), 9-30 (3), 10-8 (4), 10-9 (5),
    # 10-10 (6), 10-12…10-16 (7–11), 10-19…10-22 (12–15) → due 2026-10-22.
    rating = give(ratings.snapshot(21), "dissatisfied", today=dt.date(2026, 9, 24))
    rectification = rating.rectification
    assert (rectification.opened_on, rectification.due_on) == (dt.date(2026, 9, 24), dt.date(2026, 10, 22))
    assert rectification.department_id == ratings.world.county_department.pk
    assert rectification.status == RectificationStatus.OPEN


def test_satisfied_rating_opens_no_rectification(ratings):
    give(ratings.snapshot(22), "basic")
    assert not Rectification.objects.exists()


def test_nearest_ancestor_rule_sets_the_rectification_limit(ratings):
    rating_rule_save(actor=ratings.supervisor, region=ratings.world.city, rectification_days=5)
    rating = give(ratings.snapshot(23), "very_dissatisfied", today=dt.date(2026, 3, 2))  # Monday
    assert rating.rectification.due_on == dt.date(2026, 3, 9)  # 3, 4, 5, 6, 9 March


def test_county_supervisor_of_another_county_cannot_set_the_city_rule(ratings):
    with pytest.raises(PermissionDenied):
        rating_rule_save(actor=ratings.other_supervisor, region=ratings.world.city, rectification_days=5)


def test_poor_rating_rectification_return_visit_and_rerating_replaces_it_in_statistics(
    ratings, django_capture_on_commit_callbacks
):
    desk = ratings.desk
    case = ratings.accepted_case()
    today = case.accepted_on
    first = give(case, "very_dissatisfied", rater=desk.person.user, today=today)
    rectification = first.rectification
    with pytest.raises(ValidationError) as early:
        give(case, "satisfied", rater=desk.person.user)  # before the rectification is done
    assert early.value.code == "already_rated"
    with pytest.raises(ValidationError, match="先登记整改"):
        return_visit_record(
            actor=desk.clerk,
            rectification_id=rectification.pk,
            visited_on=today,
            method="phone",
            reaction="satisfied",
        )

    with django_capture_on_commit_callbacks(execute=True):
        rectification_complete(
            actor=desk.clerk, rectification_id=rectification.pk, action="窗口增设导办员，当场致歉"
        )
    assert SiteMessage.objects.filter(recipient=desk.person.user, subject="差评整改完成").count() == 1
    assert (
        Message.objects.filter(template="rating_rectified", recipient_masked=desk.person.phone_masked).count()
        == 1
    )

    with django_capture_on_commit_callbacks(execute=True):
        return_visit_record(
            actor=desk.clerk,
            rectification_id=rectification.pk,
            visited_on=today,
            method=VisitMethod.PHONE,
            reaction=VisitReaction.ACCEPTED,
            note="评价人认可整改",
        )
    assert SiteMessage.objects.filter(recipient=desk.person.user, subject="评价回访").count() == 1
    assert rating_indicator_rows(start=today, end=today) == [
        {
            "region_id": ratings.world.county.pk,
            "department_id": ratings.world.county_department.pk,
            "ratings": 1,
            "satisfied": 0,
            "poor": 1,
            "rectified": 1,
        }
    ]

    second = give(case, "satisfied", rater=desk.person.user, today=today)
    first.refresh_from_db()
    assert (second.round, second.current, first.current) == (2, True, False)
    assert rating_indicator_rows(start=today, end=today)[0] == {
        "region_id": ratings.world.county.pk,
        "department_id": ratings.world.county_department.pk,
        "ratings": 1,
        "satisfied": 1,
        "poor": 0,
        "rectified": 1,
    }
    with pytest.raises(ValidationError):
        give(case, "very_satisfied", rater=desk.person.user)  # a third time: no
    assert Rating.objects.filter(case_id=case.id).count() == 2
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "rating.given",
        "rating.rectification_opened",
        "rating.rectification_done",
        "rating.return_visit",
        "rating.rerated",
    } <= actions


def test_staff_of_another_department_cannot_rectify(ratings):
    rating = give(ratings.snapshot(31), "dissatisfied")
    with pytest.raises(PermissionDenied):
        rectification_complete(
            actor=ratings.other_clerk, rectification_id=rating.rectification.pk, action="无关"
        )
    rating.rectification.refresh_from_db()
    assert rating.rectification.status == RectificationStatus.OPEN


def test_appeal_upheld_keeps_the_rating_and_its_rectification(ratings, django_capture_on_commit_callbacks):
    rating = give(ratings.accepted_case(), "dissatisfied")
    with pytest.raises(PermissionDenied):
        appeal_file(actor=ratings.desk.clerk, rating_id=rating.pk, reason="评价与服务无关")  # heads appeal
    appeal = appeal_file(actor=ratings.desk.head, rating_id=rating.pk, reason="评价与服务无关")
    with pytest.raises(ValidationError, match="已经申诉"):
        appeal_file(actor=ratings.desk.head, rating_id=rating.pk, reason="再次申诉")
    with pytest.raises(PermissionDenied):
        appeal_decide(actor=ratings.other_supervisor, appeal_id=appeal.pk, accept=True, reason="外县")
    with django_capture_on_commit_callbacks(execute=True):
        appeal = appeal_decide(
            actor=ratings.supervisor, appeal_id=appeal.pk, accept=False, reason="评价针对受理服务"
        )
    rating.refresh_from_db()
    rating.rectification.refresh_from_db()
    assert (appeal.status, rating.excluded, rating.rectification.status) == ("upheld", False, "open")
    assert SiteMessage.objects.filter(subject="评价申诉复核结果", body__contains="维持您的评价").count() == 1
    with pytest.raises(ValidationError, match="已复核"):
        appeal_decide(actor=ratings.supervisor, appeal_id=appeal.pk, accept=True, reason="改主意")


def test_appeal_accepted_excludes_the_rating_and_cancels_its_rectification(ratings):
    day = dt.date(2026, 3, 2)
    rating = give(ratings.snapshot(41), "very_dissatisfied", today=day)
    give(ratings.snapshot(42), "satisfied", today=day)
    appeal = appeal_file(actor=ratings.desk.head, rating_id=rating.pk, reason="恶意评价：评价人并非申请人")
    appeal_decide(actor=ratings.supervisor, appeal_id=appeal.pk, accept=True, reason="经核实属实")
    rating.refresh_from_db()
    rating.rectification.refresh_from_db()
    assert (rating.excluded, rating.rectification.status) == (True, RectificationStatus.CANCELLED)
    [row] = rating_indicator_rows(start=day, end=day)
    assert (row["ratings"], row["satisfied"], row["poor"], row["rectified"]) == (1, 1, 0, 0)


def test_no_automatic_rating_by_default(ratings):
    case = ratings.accepted_case()
    result = ratings_tick(today=case.accepted_on + dt.timedelta(days=40))
    assert result["auto_rated"] == 0
    assert not Rating.objects.exists()


def test_a_region_configured_automatic_rating_is_applied_once_and_flagged(ratings):
    case = ratings.accepted_case()
    rating_rule_save(
        actor=ratings.supervisor,
        region=ratings.world.city,
        rectification_days=15,
        auto_level="satisfied",
        auto_after_days=10,
    )
    accepted = case.accepted_on
    from govhall.core.workdays import workdays_add

    due = workdays_add(accepted, 10)
    assert ratings_tick(today=due - dt.timedelta(days=1))["auto_rated"] == 0
    assert ratings_tick(today=due)["auto_rated"] == 1
    assert ratings_tick(today=due)["auto_rated"] == 0  # idempotent
    rating = Rating.objects.get(case_id=case.id)
    assert (rating.level, rating.score, rating.channel, rating.automatic, rating.rater_name) == (
        "satisfied",
        8,
        "auto",
        True,
        "系统默认",
    )


def test_tick_sends_one_sms_invitation_per_ratable_stage(ratings, django_capture_on_commit_callbacks):
    case = ratings.accepted_case()
    with django_capture_on_commit_callbacks(execute=True):
        assert ratings_tick(today=case.accepted_on)["invited"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert ratings_tick(today=case.accepted_on)["invited"] == 0
    assert RatingInvitation.objects.filter(case_id=case.id, stage="acceptance").count() == 1
    message = Message.objects.get(template="rating_invite")
    assert case.number in message.body and "/ratings/s/" in message.body
