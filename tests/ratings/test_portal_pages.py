"""好差评 pages for citizens: the case page's 评价 section, web rating, the SMS link (once; expired and
forged links refused in Chinese), and the window's rating device (only its department's cases of today)."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from govhall.cases.services.window import WindowApplicant, case_window_intake
from govhall.identity.session import LEVEL_KEY, METHOD_KEY
from govhall.interaction.ratings.devices import rating_device_register
from govhall.interaction.ratings.links import SALT, rating_link_token
from govhall.interaction.ratings.models import Rating

from ..case_records import PNG
from ..person_records import ID_NUMBERS

pytestmark = pytest.mark.django_db


def citizen(person) -> Client:
    client = Client()
    client.force_login(person.user)
    session = client.session
    session[LEVEL_KEY], session[METHOD_KEY] = "L2", "sms"
    session.save()
    return client


def test_case_page_offers_rating_once_the_case_is_accepted_and_web_rating_is_once(ratings):
    case = ratings.accepted_case()
    client = citizen(ratings.desk.person)
    page = client.get(reverse("portal:case_detail", args=[case.number])).content.decode()
    rate_url = reverse("portal:rating_new", args=[case.number, "acceptance"])
    assert "评价" in page and rate_url in page
    assert reverse("portal:rating_new", args=[case.number, "completion"]) not in page

    form = client.get(rate_url)
    assert form.status_code == 200 and "非常不满意" in form.content.decode()
    response = client.post(rate_url, {"level": "very_satisfied", "comment": "窗口服务热情"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("portal:rating_done"))
    again = client.post(rate_url, {"level": "dissatisfied"})
    assert again.status_code == 200 and "该环节已评价" in again.content.decode()
    rating = Rating.objects.get(case_id=case.id)
    assert (rating.level, rating.channel, rating.rater_id, rating.comment) == (
        "very_satisfied",
        "web",
        ratings.desk.person.user_id,
        "窗口服务热情",
    )
    page = client.get(reverse("portal:case_detail", args=[case.number])).content.decode()
    assert "已评价：非常满意" in page


def test_someone_else_cannot_rate_the_case(ratings):
    from ..person_records import person_make

    case = ratings.accepted_case()
    stranger = person_make(name="李四", id_number=ID_NUMBERS[1], phone="13900139000")
    response = citizen(stranger).post(
        reverse("portal:rating_new", args=[case.number, "acceptance"]), {"level": "very_dissatisfied"}
    )
    assert response.status_code == 404 and not Rating.objects.exists()


def test_sms_link_rates_without_login_once(ratings):
    case = ratings.accepted_case()
    url = reverse("portal:rating_sms", args=[rating_link_token(case_id=case.id, stage="acceptance")])
    anonymous = Client()
    assert anonymous.get(url).status_code == 200
    assert anonymous.post(url, {"level": "basic"}).status_code == 302
    assert anonymous.post(url, {"level": "very_dissatisfied"}).status_code == 200
    page = anonymous.get(url).content.decode()
    assert "该环节已评价" in page and "基本满意" in page
    rating = Rating.objects.get(case_id=case.id)
    assert (rating.channel, rating.level, rating.rater_id) == ("sms", "basic", ratings.desk.person.user_id)


def test_expired_and_forged_sms_links_are_refused_in_chinese(ratings):
    case = ratings.accepted_case()
    token = rating_link_token(case_id=case.id, stage="acceptance")
    with mock.patch("django.core.signing.time.time", return_value=__import__("time").time() + 31 * 86400):
        expired = Client().post(reverse("portal:rating_sms", args=[token]), {"level": "satisfied"})
    assert expired.status_code == 410 and "评价链接已过期" in expired.content.decode()
    forged_value = signing.TimestampSigner(salt="another.salt").sign(f"{case.id}a")
    for bad in (token[:-2] + "xx", forged_value, "123a", f"{case.id + 1}a:" + token.split(":", 1)[1]):
        response = Client().post(reverse("portal:rating_sms", args=[bad]), {"level": "satisfied"})
        assert response.status_code == 400 and "评价链接无效" in response.content.decode(), bad
    assert not Rating.objects.exists()
    assert SALT == "govhall.ratings.sms-link"


def _paired_device(ratings) -> Client:
    device, key = rating_device_register(
        actor=ratings.desk.head, department=ratings.world.county_department, name="3 号窗口"
    )
    client = Client()
    response = client.get(reverse("portal:rating_device_pair", args=[key]))
    assert response.status_code == 302
    return client


def test_device_rates_a_case_of_its_department_handled_today(ratings):
    client = _paired_device(ratings)
    case = ratings.accepted_case()
    start = client.post(reverse("portal:rating_device"), {"number": case.number})
    assert start.status_code == 302
    rate_url = reverse("portal:rating_device_rate", args=[case.number])
    page = client.get(rate_url).content.decode()
    assert "非常满意" in page and "<script" not in page and "style=" not in page
    assert client.post(rate_url, {"level": "satisfied"}).status_code == 200
    rating = Rating.objects.get(case_id=case.id)
    assert (rating.channel, rating.level) == ("device", "satisfied")


def _other_department_case(ratings):
    """A window case handled today by 新罗区人社局 (its own implementation of the world's item)."""
    from govhall.catalog.services.implementations import (
        implementation_create,
        version_approve,
        version_submit,
    )

    from ..factories import sample_elements

    world = ratings.world
    implementation = implementation_create(
        catalog_item=world.item,
        department=ratings.other_department,
        elements=sample_elements(),
        created_by=world.manager,
    )
    version = implementation.versions.get()
    version_submit(version=version, user=world.manager, reason="首次编制")
    version_approve(version=version, reviewer=world.reviewer)
    return case_window_intake(
        clerk=ratings.other_clerk,
        who=WindowApplicant(id_number=ID_NUMBERS[1], name="李四"),
        implementation_code=implementation.code,
        scenario_answers={},
        form_data={},
        scans={1: [("申请书.png", PNG)]},
        delivery="window",
    )


def test_device_refuses_a_case_of_another_department(ratings):
    client = _paired_device(ratings)
    other = _other_department_case(ratings)
    start = client.post(reverse("portal:rating_device"), {"number": other.number})
    assert start.status_code == 400 and "只能评价本部门今天办理的办件" in start.content.decode()
    refused = client.post(reverse("portal:rating_device_rate", args=[other.number]), {"level": "satisfied"})
    assert refused.status_code == 403 and "不能评价该办件" in refused.content.decode()
    assert not Rating.objects.exists()


def test_device_refuses_a_case_not_handled_today(ratings):
    import datetime as dt

    from govhall.interaction.ratings.devices import device_may_rate

    device, _ = rating_device_register(
        actor=ratings.desk.head, department=ratings.world.county_department, name="2 号窗口"
    )
    case = ratings.accepted_case()
    assert device_may_rate(device=device, case=case) is True
    assert device_may_rate(device=device, case=case, today=case.accepted_on + dt.timedelta(days=1)) is False


def test_device_page_without_a_registered_key_is_refused(ratings):
    case = ratings.accepted_case()
    response = Client().post(reverse("portal:rating_device_rate", args=[case.number]), {"level": "satisfied"})
    assert response.status_code == 403 and "尚未登记为评价器" in response.content.decode()
    assert Client().get(reverse("portal:rating_device_pair", args=["not-a-key"])).status_code == 403
    assert not Rating.objects.exists()


def test_device_key_is_stored_hashed_only(ratings):
    device, key = rating_device_register(
        actor=ratings.desk.head, department=ratings.world.county_department, name="1 号窗口"
    )
    assert key not in (device.key_hash, device.key_hint) and device.key_hint == key[-4:]
    assert re.fullmatch(r"[0-9a-f]{64}", device.key_hash)
