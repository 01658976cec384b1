"""The contract with 电子监察: indicator rows on a hand-computed fixture, overdue rectifications, follow-up."""

from __future__ import annotations

import datetime as dt

import pytest

from govhall.identity.scope import staff_scope_for
from govhall.interaction.ratings.models import RatingChannel
from govhall.interaction.ratings.selectors_supervision import (
    poor_ratings_for_supervisor,
    rating_indicator_rows,
    rectifications_overdue,
)
from govhall.interaction.ratings.services import (
    appeal_decide,
    appeal_file,
    rating_give,
    rectification_complete,
)

pytestmark = pytest.mark.django_db

MARCH_2 = dt.date(2026, 3, 2)


def give(case, level, today, stage="acceptance"):
    return rating_give(
        case=case, stage=stage, level=level, channel=RatingChannel.WEB, rater=None, today=today
    )


def test_indicator_rows_match_the_hand_computed_fixture(ratings):
    county, other = ratings.world.county_department, ratings.other_department
    city_department = ratings.world.city_department
    # 新罗区市场监管局 (county), in the period 2026-03-02 … 2026-03-06:
    give(ratings.snapshot(1), "very_satisfied", MARCH_2)  # 10 → satisfied
    give(ratings.snapshot(2), "basic", MARCH_2)  # 6 → satisfied (≥ 6)
    poor_rectified = give(ratings.snapshot(3), "dissatisfied", MARCH_2)  # 3 → poor, rectified below
    give(ratings.snapshot(4), "very_dissatisfied", MARCH_2)  # 0 → poor, rectification still open
    appealed = give(ratings.snapshot(5), "very_dissatisfied", MARCH_2)  # appeal accepted → not counted at all
    give(ratings.snapshot(6), "satisfied", dt.date(2026, 3, 9))  # outside the period
    completed = ratings.snapshot(7, status="completed", completed_on=MARCH_2)
    give(completed, "satisfied", MARCH_2)  # acceptance stage
    give(
        completed, "dissatisfied", dt.date(2026, 3, 6), stage="completion"
    )  # second stage of the same case: poor
    # 人社局 (other county department): one re-rated case — the first (poor) replaced, both in the period.
    rerated = give(ratings.snapshot(8, department=other), "dissatisfied", MARCH_2)
    # 龙岩市市场监管局 (city): one rating.
    give(ratings.snapshot(9, department=city_department), "satisfied", dt.date(2026, 3, 3))

    rectification_complete(
        actor=ratings.desk.clerk, rectification_id=poor_rectified.rectification.pk, action="整改"
    )
    appeal = appeal_file(actor=ratings.desk.head, rating_id=appealed.pk, reason="恶意评价")
    appeal_decide(actor=ratings.supervisor, appeal_id=appeal.pk, accept=True, reason="属实")
    from govhall.identity.models import StaffRole
    from govhall.identity.services.staff import staff_upsert

    other_clerk = staff_upsert(
        username="xl_rs_window2",
        display_name="人社窗口",
        region=ratings.world.county,
        roles=[StaffRole.WINDOW_CLERK],
        department=other,
    ).user
    rectification_complete(actor=other_clerk, rectification_id=rerated.rectification.pk, action="整改")
    rating_give(
        case=ratings.snapshot(8, department=other),
        stage="acceptance",
        level="very_satisfied",
        channel=RatingChannel.WEB,
        rater=None,
        today=dt.date(2026, 3, 4),
    )

    rows = rating_indicator_rows(start=MARCH_2, end=dt.date(2026, 3, 6))
    by_department = {row["department_id"]: row for row in rows}
    assert len(rows) == 3
    # county: counted ratings 1, 2, 3, 4, 7a, 7c = 6; satisfied 1, 2, 7a = 3; poor 3, 4, 7c = 3; rectified 3 = 1
    assert by_department[county.pk] == {
        "region_id": ratings.world.county.pk,
        "department_id": county.pk,
        "ratings": 6,
        "satisfied": 3,
        "poor": 3,
        "rectified": 1,
    }
    # 人社局: the re-rating (10) replaces the poor first rating; that poor rating was rectified in the period.
    assert by_department[other.pk] == {
        "region_id": ratings.world.county.pk,
        "department_id": other.pk,
        "ratings": 1,
        "satisfied": 1,
        "poor": 0,
        "rectified": 1,
    }
    assert by_department[city_department.pk] == {
        "region_id": ratings.world.city.pk,
        "department_id": city_department.pk,
        "ratings": 1,
        "satisfied": 1,
        "poor": 0,
        "rectified": 0,
    }


def test_overdue_rectifications_are_listed_with_the_contract_keys(ratings):
    late = give(ratings.snapshot(1), "dissatisfied", MARCH_2)  # due 15 working days later: 2026-03-23
    give(ratings.snapshot(2), "dissatisfied", dt.date(2026, 3, 20))  # not yet due on 2026-03-24
    done = give(ratings.snapshot(3), "dissatisfied", MARCH_2)
    rectification_complete(actor=ratings.desk.clerk, rectification_id=done.rectification.pk, action="整改")
    rows = list(rectifications_overdue(today=dt.date(2026, 3, 24)))
    assert rows == [
        {
            "subject_type": "rectification",
            "subject_id": str(late.rectification.pk),
            "subject_label": f"差评整改 {late.case_number} 食品经营许可",
            "department_id": ratings.world.county_department.pk,
            "region_id": ratings.world.county.pk,
            "due_on": dt.date(2026, 3, 23),
            "responsible_id": None,
            "reason": "差评整改逾期未完成（整改期限 2026-03-23）",
        }
    ]
    assert list(rectifications_overdue(today=dt.date(2026, 3, 23))) == []


def test_city_supervisor_follows_county_poor_ratings_and_other_county_sees_none(ratings):
    poor = give(ratings.snapshot(1), "dissatisfied", MARCH_2)
    give(ratings.snapshot(2), "satisfied", MARCH_2)
    city = poor_ratings_for_supervisor(scope=staff_scope_for(ratings.supervisor))
    assert [r.pk for r in city] == [poor.pk] and city[0].visit_count == 0
    assert list(poor_ratings_for_supervisor(scope=staff_scope_for(ratings.other_supervisor))) == []
    assert list(poor_ratings_for_supervisor(scope=staff_scope_for(ratings.other_clerk))) == []
