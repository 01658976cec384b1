"""The demo 一件事: 开办餐饮店 in 新罗区, led by 食品经营许可 with two other departments countersigning."""

from io import StringIO

import pytest
from django.core.management import call_command

from govhall.catalog.models import Bundle
from govhall.catalog.selectors_bundles import bundle_get_live
from govhall.catalog.services.bundles import bundle_co_department_ids

pytestmark = pytest.mark.usefixtures("demo", "db")


def test_open_restaurant_is_live_in_xinluo_with_two_co_departments(demo):
    assert "一件事（开办餐饮店等）：新增 1" in demo
    bundle = bundle_get_live(code="open-restaurant")
    assert (bundle.name, bundle.region.name) == ("开办餐饮店", "新罗区")
    assert bundle.lead.catalog_item.name == "食品经营许可"
    assert bundle.lead.department.name == "龙岩市新罗区市场监督管理局"
    assert sorted(m.catalog_item.name for m in bundle.members.all()) == ["公共场所卫生许可", "发票领用"]
    assert len(bundle_co_department_ids(bundle)) == 2


def test_a_second_run_creates_no_second_bundle():
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "一件事（开办餐饮店等）：新增 0" in out.getvalue()
    assert Bundle.objects.count() == 1
