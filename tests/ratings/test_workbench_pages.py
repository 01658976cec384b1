"""好差评 in the workbench: the list (scope, highlighting, query count), the detail's follow-up forms, the
supervisors' appeal queue, the rule and device pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from govhall.interaction.ratings.models import Rating, RatingDevice, RatingRule, RectificationStatus
from govhall.interaction.ratings.services import rating_give

from ..staff_login import staff_client

pytestmark = pytest.mark.django_db


def give(ratings, case_id, level, department=None, today=None):
    return rating_give(
        case=ratings.snapshot(case_id, department=department),
        stage="acceptance",
        level=level,
        channel="web",
        rater=None,
        today=today,
    )


def test_list_shows_the_department_ratings_with_poor_ones_highlighted(ratings):
    poor = give(ratings, 1, "very_dissatisfied")
    give(ratings, 2, "satisfied")
    give(ratings, 3, "dissatisfied", department=ratings.other_department)
    page = staff_client(ratings.desk.clerk).get(reverse("workbench:rating_list")).content.decode()
    assert poor.case_number in page and "row--poor" in page and "due due--" in page
    assert ratings.snapshot(3).number not in page  # another department's
    only_poor = (
        staff_client(ratings.desk.clerk).get(reverse("workbench:rating_list") + "?poor=on").content.decode()
    )
    assert poor.case_number in only_poor and ratings.snapshot(2).number not in only_poor


def test_city_supervisor_sees_county_ratings_and_other_department_gets_404(ratings):
    rating = give(ratings, 1, "dissatisfied")
    supervisor = staff_client(ratings.supervisor)
    assert rating.case_number in supervisor.get(reverse("workbench:rating_list")).content.decode()
    assert supervisor.get(reverse("workbench:rating_detail", args=[rating.pk])).status_code == 200
    other = staff_client(ratings.other_clerk)
    assert other.get(reverse("workbench:rating_detail", args=[rating.pk])).status_code == 404
    assert rating.case_number not in other.get(reverse("workbench:rating_list")).content.decode()
    sibling = staff_client(ratings.other_supervisor)
    assert sibling.get(reverse("workbench:rating_detail", args=[rating.pk])).status_code == 404


def test_list_queries_do_not_grow_with_the_number_of_ratings(ratings):
    client = staff_client(ratings.supervisor)
    url = reverse("workbench:rating_list")
    for n in range(1, 4):
        give(ratings, n, "dissatisfied" if n % 2 else "satisfied")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(4, 16):
        give(ratings, n, "dissatisfied" if n % 2 else "satisfied")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few) <= 12


def test_followup_page_queries_do_not_grow(ratings):
    client = staff_client(ratings.supervisor)
    url = reverse("workbench:rating_followup")
    give(ratings, 1, "dissatisfied")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(2, 10):
        give(ratings, n, "very_dissatisfied")
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert len(many) == len(few) and page.count("row--poor") == 9


def test_rectify_visit_appeal_and_decide_through_the_pages(ratings):
    rating = give(ratings, 1, "very_dissatisfied", today=dt.date.today())
    detail = reverse("workbench:rating_detail", args=[rating.pk])
    clerk = staff_client(ratings.desk.clerk)
    page = clerk.get(detail).content.decode()
    assert "登记整改完成" in page and "提交申诉" not in page  # appeals are for the department head
    empty = clerk.post(reverse("workbench:rating_rectify", args=[rating.pk]), {"action": ""})
    assert empty.status_code == 302
    rating.rectification.refresh_from_db()
    assert rating.rectification.status == RectificationStatus.OPEN
    clerk.post(
        reverse("workbench:rating_rectify", args=[rating.pk]), {"action": "对窗口人员进行服务规范培训"}
    )
    clerk.post(
        reverse("workbench:rating_return_visit", args=[rating.pk]),
        {
            "visited_on": dt.date.today().isoformat(),
            "method": "phone",
            "reaction": "satisfied",
            "note": "认可",
        },
    )
    rating.rectification.refresh_from_db()
    assert (
        rating.rectification.status == RectificationStatus.DONE and rating.rectification.visits.count() == 1
    )

    head = staff_client(ratings.desk.head)
    assert "提交申诉" in head.get(detail).content.decode()
    head.post(
        reverse("workbench:rating_appeal", args=[rating.pk]), {"reason": "评价人反映的是其他部门的问题"}
    )
    supervisor = staff_client(ratings.supervisor)
    queue = supervisor.get(reverse("workbench:rating_appeals")).content.decode()
    assert rating.case_number in queue
    appeal = Rating.objects.get(pk=rating.pk).appeal
    supervisor.post(
        reverse("workbench:rating_appeal_decide", args=[appeal.pk]),
        {"decision": "accept", "reason": "经核实属实"},
    )
    rating.refresh_from_db()
    assert rating.excluded is True
    assert rating.case_number not in supervisor.get(reverse("workbench:rating_appeals")).content.decode()


def test_supervisor_sets_the_region_rule(ratings):
    client = staff_client(ratings.supervisor)
    bad = client.post(
        reverse("workbench:rating_rule"),
        {"rectification_days": "10", "auto_level": "satisfied", "auto_after_days": ""},
    )
    assert bad.status_code == 400 and "同时填写" in bad.content.decode()
    ok = client.post(
        reverse("workbench:rating_rule"),
        {"rectification_days": "10", "auto_level": "satisfied", "auto_after_days": "10"},
    )
    assert ok.status_code == 302
    rule = RatingRule.objects.get(region=ratings.world.city)
    assert (rule.rectification_days, rule.auto_level, rule.auto_after_days) == (10, "satisfied", 10)


def test_department_head_registers_a_device_and_sees_the_key_once(ratings):
    client = staff_client(ratings.desk.head)
    response = client.post(reverse("workbench:rating_devices"), {"name": "二楼 3 号窗口"})
    page = response.content.decode()
    device = RatingDevice.objects.get()
    assert response.status_code == 200 and "/ratings/device/pair/" in page
    assert device.department == ratings.world.county_department
    assert "/ratings/device/pair/" not in client.get(reverse("workbench:rating_devices")).content.decode()
    client.post(reverse("workbench:rating_device_deactivate", args=[device.pk]))
    device.refresh_from_db()
    assert device.active is False
