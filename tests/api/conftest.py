"""Fixtures for the public REST API tests: an anonymous API client and helpers that publish more items."""

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from govhall.catalog.models import CatalogItem, ItemImplementation
from govhall.catalog.services.basic import catalog_item_create
from govhall.catalog.services.implementations import implementation_create, version_approve, version_submit
from govhall.directory.models import Department, Region
from govhall.identity.models import StaffRole
from govhall.identity.services.staff import staff_upsert

from ..factories import World, sample_elements


@pytest.fixture
def api() -> APIClient:
    """An anonymous client: every public endpoint must work without logging in."""
    return APIClient()


@pytest.fixture
def live_code(world: World) -> str:
    return world.implementation.code


def city_reviewer() -> User:
    """A second catalog manager of 龙岩市, so that city-level versions can be reviewed by someone else."""
    return staff_upsert(
        username="ly_reviewer",
        display_name="刘洋",
        region=Region.objects.get(code="350800000000"),
        roles=[StaffRole.CATALOG_MANAGER],
        password="Longyan-2026!",
    ).user


def publish_item(
    world: World,
    *,
    code: str,
    name: str,
    department: Department | None = None,
    item_type: str = "01",
    **elements: Any,
) -> ItemImplementation:
    """A new basic item (or the existing one with ``code``) implemented and published through the services.

    County items are written by ``world.manager`` and approved by ``world.reviewer``; city items by
    ``world.city_manager`` and a second city manager.
    """
    department = department or world.county_department
    author, reviewer = world.manager, world.reviewer
    if department.region_id == world.city.pk:
        author, reviewer = world.city_manager, city_reviewer()
    item = CatalogItem.objects.filter(code=code).first() or catalog_item_create(
        code=code, name=name, item_type=item_type, legal_basis=f"《{name}管理办法》第三条"
    )
    implementation = implementation_create(
        catalog_item=item, department=department, elements=sample_elements(**elements), created_by=author
    )
    version = implementation.versions.get()
    version_submit(version=version, user=author, reason="首次编制")
    version_approve(version=version, reviewer=reviewer)
    implementation.refresh_from_db()
    return implementation


def count_queries(api: APIClient, url: str) -> tuple[int, Any]:
    """How many SQL queries one GET of ``url`` runs, and its response."""
    with CaptureQueriesContext(connection) as queries:
        response = api.get(url)
    assert response.status_code == 200, response.content
    return len(queries), response
