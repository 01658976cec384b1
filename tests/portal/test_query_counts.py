"""No N+1: the number of queries of list-like pages does not grow with what they list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from govhall.catalog.services.basic import catalog_item_create, theme_upsert

from .conftest import plain_materials, publish

pytestmark = pytest.mark.django_db


def queries_for(client, url: str, params: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(context.captured_queries)


def add_items(world, count: int, *, start: int, themes: list[str]) -> None:
    for number in range(start, start + count):
        item = catalog_item_create(
            code=f"0100000002{number:02d}",
            name=f"食品相关许可第{number}号",
            item_type="01",
            legal_basis="测试依据",
        )
        publish(
            item=item,
            department=world.county_department,
            author=world.manager,
            reviewer=world.reviewer,
            materials=plain_materials(*[f"材料{n}" for n in range(number % 5 + 1)]),
            themes=themes,
        )


def test_guide_page_queries_do_not_grow_with_materials_steps_themes_or_related_items(client, world):
    theme_upsert(code="food", name="餐饮服务", audience="enterprise")
    lean = publish(
        item=catalog_item_create(
            code="010000000299", name="食品摊贩登记", item_type="01", legal_basis="测试依据"
        ),
        department=world.county_department,
        author=world.manager,
        reviewer=world.reviewer,
        materials=plain_materials("登记表"),
        steps=[{"name": "受理"}],
        themes=["food"],
        prerequisites=["010000000001"],
    )
    rich = publish(
        item=catalog_item_create(
            code="010000000300", name="餐饮服务许可", item_type="01", legal_basis="测试依据"
        ),
        department=world.county_department,
        author=world.manager,
        reviewer=world.reviewer,
        materials=plain_materials(*[f"材料{n}" for n in range(12)]),
        steps=[{"name": f"环节{n}", "time_limit": n} for n in range(8)],
        themes=["open-business", "food"],
        prerequisites=["010000000001", "010000000299"],
    )
    add_items(world, 6, start=1, themes=["open-business", "food"])

    assert queries_for(client, f"/items/{rich.code}/") == queries_for(client, f"/items/{lean.code}/")


def test_search_page_queries_do_not_grow_with_the_number_of_hits(client, world):
    small = queries_for(client, "/search", {"q": "食品"})

    add_items(world, 12, start=20, themes=[])
    large = queries_for(client, "/search", {"q": "食品"})

    assert large == small


def test_home_and_theme_pages_queries_do_not_grow_with_items(client, world):
    home, theme = queries_for(client, "/"), queries_for(client, "/themes/open-business/")

    add_items(world, 8, start=40, themes=["open-business"])

    assert queries_for(client, "/") == home
    assert queries_for(client, "/themes/open-business/") == theme


def test_department_page_queries_do_not_grow_with_items(client, world):
    url = f"/departments/{world.county_department.credit_code}/"
    small = queries_for(client, url)

    add_items(world, 8, start=60, themes=[])

    assert queries_for(client, url) == small
