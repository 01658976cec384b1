"""Serials are allocated safely when several licences of one type and issuer are issued at once."""

import threading

import pytest
from django.db import connection

from govhall.licences.models import Licence

from .test_issue_and_seal import issue

WORKERS = 4


@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_get_distinct_consecutive_serials(world, food_type, holder):
    barrier = threading.Barrier(WORKERS)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            barrier.wait(timeout=10)
            issue(world, food_type, holder)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors, errors
    serials = sorted(Licence.objects.values_list("serial", flat=True))
    assert serials == list(range(1, WORKERS + 1))
    assert len(set(Licence.objects.values_list("identifier", flat=True))) == WORKERS
