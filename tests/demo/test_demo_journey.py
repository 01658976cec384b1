"""The issue's "done" criterion on the real demo data: a newcomer finds 食品经营许可 for 新罗区 by typing
``spjy``, and the guide, the notice and the review cycle work on it."""

import pytest
from django.contrib.auth.models import User

from govhall.catalog.elements import version_snapshot
from govhall.catalog.search.query import item_search
from govhall.catalog.selectors import implementation_get_live
from govhall.catalog.services.implementations import (
    version_approve,
    version_draft_open,
    version_draft_save,
    version_submit,
)

pytestmark = pytest.mark.usefixtures("demo", "db")


def _xinluo_food_licence_code() -> str:
    page = item_search(q="spjy", region_code="350802")
    assert page.hits, "spjy finds nothing in 新罗区"
    first = page.hits[0]
    assert (first.name, first.region_name) == ("食品经营许可", "新罗区")
    return first.implementation_code


def test_typing_spjy_in_xinluo_finds_its_food_business_licence_first():
    assert _xinluo_food_licence_code()


def test_the_guide_and_the_one_time_notice_are_served(client):
    code = _xinluo_food_licence_code()

    guide = client.get(f"/items/{code}/")
    notice = client.get(f"/items/{code}/notice.pdf")

    assert guide.status_code == 200 and "食品经营许可" in guide.content.decode()
    assert notice.status_code == 200 and notice["Content-Type"] == "application/pdf"


def test_demo_managers_change_the_promised_limit_through_review():
    code = _xinluo_food_licence_code()
    author, reviewer = User.objects.get(username="xl_catalog"), User.objects.get(username="xl_reviewer")
    live = implementation_get_live(code=code)
    before = live.published_version.promised_limit

    draft = version_draft_open(implementation=live, user=author)
    version_draft_save(
        version=draft, user=author, elements=version_snapshot(draft) | {"promised_limit": before - 1}
    )
    version_submit(version=draft, user=author, reason="压缩承诺时限")
    assert implementation_get_live(code=code).published_version.promised_limit == before

    version_approve(version=draft, reviewer=reviewer)
    assert implementation_get_live(code=code).published_version.promised_limit == before - 1
