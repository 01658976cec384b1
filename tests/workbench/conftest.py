"""Fixtures for workbench page tests: extra staff (provincial manager, window clerk, non-staff) and helpers."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from govhall.catalog.elements import version_snapshot
from govhall.catalog.selectors_workbench import version_open_get
from govhall.catalog.services.implementations import version_draft_open
from govhall.identity.models import StaffRole
from govhall.identity.services.staff import staff_upsert
from govhall.workbench.forms.draft import snapshot_as_data

from ..factories import World
from ..staff_login import staff_client


@dataclass
class Staff:
    province_manager: User
    clerk: User  # staff, but not a catalog manager
    citizen: User  # an account with no staff profile at all


@pytest.fixture
def staff(world: World) -> Staff:
    province_manager = staff_upsert(
        username="fj_manager",
        display_name="省审改办",
        region=world.province,
        roles=[StaffRole.CATALOG_MANAGER],
        password="Fujian-2026!",
    ).user
    clerk = staff_upsert(
        username="xl_clerk",
        display_name="窗口小李",
        region=world.county,
        department=world.county_department,
        roles=[StaffRole.WINDOW_CLERK],
        password="Xinluo-2026!",
    ).user
    citizen = User.objects.create_user(username="citizen", password="Citizen-2026!")
    return Staff(province_manager, clerk, citizen)


def client_for(user: User | None) -> Client:
    """A client with the session the workbench login (password + TOTP) leaves behind; see ``tests.staff_login``."""
    return staff_client(user)


@pytest.fixture
def open_draft(world: World):
    """Version 2 of the world's implementation, opened as a draft by ``world.manager``."""
    return version_draft_open(implementation=world.implementation, user=world.manager)


def editor_data(implementation: Any, **changes: Any) -> dict[str, Any]:
    """What the draft editor posts for the current draft unchanged, with ``changes`` applied.

    A dict of lists (the test client sends each list item), so multi-choice elements survive.
    """
    draft = version_open_get(implementation=implementation)
    data: dict[str, Any] = dict(snapshot_as_data(version_snapshot(draft)).lists())
    data.update(changes)
    return data
