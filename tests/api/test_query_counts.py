"""List and detail endpoints run a fixed number of queries, however many rows they show (no N+1)."""

import pytest

from govhall.catalog.services.basic import catalog_item_create
from govhall.catalog.services.implementations import version_approve, version_draft_open, version_submit
from govhall.directory.services import department_upsert, region_upsert

from ..factories import credit_code
from .conftest import count_queries, publish_item

pytestmark = pytest.mark.django_db


def _grow_directory(world, start: int, count: int) -> None:
    for n in range(start, start + count):
        county = region_upsert(code=f"3508{n + 30:02d}", name=f"测试县{n}", parent=world.city)
        department_upsert(
            credit_code=credit_code(n), name=f"测试局{n}", region=county, parent=world.city_department
        )


def _grow_basic_items(world, count: int) -> None:
    """Main items and sub-items (whose main item's code the list shows)."""
    for n in range(count):
        catalog_item_create(
            code=f"0100000001{n:02d}",
            name=f"测试许可{n}",
            item_type="01",
            legal_basis="《测试条例》",
            parent=world.item if n % 2 else None,
        )


def _queries_before_and_after(api, url, grow) -> tuple[int, int]:
    before, response = count_queries(api, url)
    grow()
    after, grown = count_queries(api, url)
    assert len(grown.json()["results"]) > len(response.json()["results"])
    return before, after


def test_region_list_queries_do_not_grow_with_rows(world, api):
    before, after = _queries_before_and_after(api, "/api/v1/regions/", lambda: _grow_directory(world, 0, 5))
    assert before == after == 2  # count + page


def test_department_list_queries_do_not_grow_with_rows(world, api):
    before, after = _queries_before_and_after(
        api, "/api/v1/departments/", lambda: _grow_directory(world, 0, 5)
    )
    assert before == after == 2


def test_basic_item_list_queries_do_not_grow_with_rows(world, api):
    before, after = _queries_before_and_after(
        api, "/api/v1/basic-items/", lambda: _grow_basic_items(world, 6)
    )
    assert before == after == 2


def test_version_history_queries_do_not_grow_with_versions(world, api, live_code):
    url = f"/api/v1/items/{live_code}/versions/"

    def more_versions():
        for reason in ("第二版", "第三版"):
            draft = version_draft_open(implementation=world.implementation, user=world.manager)
            version_submit(version=draft, user=world.manager, reason=reason)
            version_approve(version=draft, reviewer=world.reviewer)

    before, after = _queries_before_and_after(api, url, more_versions)
    assert before == after == 3  # implementation + count + page


def test_region_detail_queries_do_not_grow_with_children(world, api):
    before, _ = count_queries(api, "/api/v1/regions/350800/")
    _grow_directory(world, 0, 5)
    after, response = count_queries(api, "/api/v1/regions/350800/")
    assert len(response.json()["children"]) == 7
    assert before == after == 3  # region + ancestors + children


def test_guide_queries_do_not_grow_with_materials_themes_and_prerequisites(world, api):
    small = publish_item(world, code="010000000002", name="小事项")
    large = publish_item(
        world,
        code="010000000003",
        name="大事项",
        prerequisites=["010000000001", "010000000002"],
        materials=[
            {
                "name": f"材料{n}",
                "requirement": "required",
                "form": "paper",
                "original": "copy",
                "copies": 1,
                "source": "applicant",
            }
            for n in range(8)
        ],
    )

    small_queries, _ = count_queries(api, f"/api/v1/items/{small.code}/")
    large_queries, response = count_queries(api, f"/api/v1/items/{large.code}/")

    assert len(response.json()["guide"]["materials"]) == 8
    # the implementation, then one query each for materials, steps, fees, themes and prerequisites
    assert small_queries == large_queries == 6


def test_basic_item_detail_queries_do_not_grow_with_implementations(world, api):
    url = "/api/v1/basic-items/010000000001/"
    before, _ = count_queries(api, url)
    publish_item(world, code="010000000001", name="食品经营许可", department=world.city_department)
    after, response = count_queries(api, url)

    assert len(response.json()["implementations"]) == 2
    assert before == after == 4  # item + sub-items + handling items + implementations
