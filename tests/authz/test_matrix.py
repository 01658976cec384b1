"""Every row of the authorisation matrix, requested as every actor (each request rolled back afterwards)."""

from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.urls import reverse

from govhall.identity.models import StaffRole
from govhall.identity.services.staff import staff_upsert

from ..staff_login import staff_client
from .matrix import LOGIN, Row, all_rows

pytestmark = pytest.mark.django_db

ROWS = all_rows()


def _outcome(response, login_path: str):
    if response.status_code == 302 and urlsplit(response["Location"]).path == login_path:
        return LOGIN
    return response.status_code


@pytest.mark.parametrize("row", ROWS, ids=[row.label for row in ROWS])
def test_each_actor_gets_the_expected_outcome(authz, row: Row):
    login_path = reverse("workbench:login")
    got = {}
    for actor in row.expect:
        client = authz.client(actor)
        if row.prepare is not None:
            row.prepare(authz, client)
        with transaction.atomic():
            url = row.url(authz)
            data = row.data(authz) if row.data else None
            send = getattr(client, row.method)
            response = send(url, data) if data is not None else send(url)
            got[actor] = _outcome(response, login_path)
            transaction.set_rollback(True)
    mismatches = {
        actor: (row.expect[actor], got[actor]) for actor in row.expect if got[actor] != row.expect[actor]
    }
    assert not mismatches, f"{row.label}: actor → (expected, got) {mismatches}"


@pytest.mark.parametrize(
    "row",
    [r for r in ROWS if r.expect["anonymous"] == LOGIN and r.name.startswith("workbench:")],
    ids=lambda r: r.label,
)
def test_staff_session_without_the_second_factor_is_sent_to_login(authz, row: Row):
    """A staff member holding every role who logged in with a password only (no TOTP) gets no workbench page."""
    everything = staff_upsert(
        username="authz_all_roles",
        display_name="全部角色",
        region=authz.world.province,
        department=authz.world.county_department,
        roles=list(StaffRole.values),
    ).user
    client = staff_client(everything, verified=False)
    if row.prepare is not None:
        row.prepare(authz, client)
    send = getattr(client, row.method)
    response = send(row.url(authz), row.data(authz)) if row.data else send(row.url(authz))
    outcome = _outcome(response, reverse("workbench:login"))
    assert outcome == LOGIN, f"{row.label} without TOTP: got {outcome}"
