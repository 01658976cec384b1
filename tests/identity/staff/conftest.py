"""A window clerk of 新罗区, a registered person at L1, and clients for the real-name pages."""

import pytest
from django.contrib.auth.models import User

from govhall.identity.models import StaffRole
from govhall.identity.services.staff import staff_upsert

from ...factories import World
from ...person_records import person_make


@pytest.fixture
def clerk(world: World) -> User:
    return staff_upsert(
        username="xl_window",
        display_name="吴丽",
        region=world.county,
        department=world.county_department,
        roles=[StaffRole.WINDOW_CLERK],
    ).user


@pytest.fixture
def person(db):
    return person_make(name="张三")
