"""Two concurrent submit requests with the same Idempotency-Key create one case (SQLite and PostgreSQL)."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from govhall.cases.models import Case

from ..case_records import applicant_api_client, desk_build, draft_ready

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_two_concurrent_submits_with_one_key_create_one_case(world):
    desk = desk_build(world)
    draft = draft_ready(world, desk.applicant)
    clients = [applicant_api_client(desk.person) for _ in range(2)]
    url = reverse("api-draft-submit", args=[draft.pk])
    barrier = threading.Barrier(2)
    answers: list[tuple[int, str]] = []
    failures: list[BaseException] = []

    def post(client) -> None:
        try:
            barrier.wait()
            response = client.post(url, {}, format="json", HTTP_IDEMPOTENCY_KEY="double-click")
            answers.append((response.status_code, response.json().get("number", response.json())))
        except BaseException as exc:  # reported below
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not failures
    assert sorted(status for status, _ in answers) == [200, 201], answers
    assert len({number for _, number in answers}) == 1
    assert Case.objects.count() == 1
