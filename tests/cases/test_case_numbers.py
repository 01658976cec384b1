"""Case numbers: readable, checked, and unique under concurrent allocation on SQLite and PostgreSQL."""

import datetime as dt
import threading

import pytest
from django.db import close_old_connections, connection, transaction

from govhall.cases.models import CaseNumberSequence
from govhall.cases.numbers import case_number_allocate, case_number_format, case_number_valid


def test_format_and_check_character():
    number = case_number_format("350802", dt.date(2026, 11, 23), 17)
    assert number.startswith("350802-20261123-000017-") and case_number_valid(number)
    assert not case_number_valid(number[:-1] + ("0" if number[-1] != "0" else "1"))
    assert not case_number_valid("350802-20261123-000071-" + number[-1])  # transposed digits
    assert not case_number_valid("nonsense")


@pytest.mark.django_db(transaction=True)
def test_concurrent_allocation_never_repeats_a_number():
    day = dt.date(2026, 11, 23)
    numbers: list[str] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for _ in range(10):
                with transaction.atomic():
                    numbers.append(case_number_allocate("350802", day))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(numbers) == 40 and len(set(numbers)) == 40
    assert CaseNumberSequence.objects.get(region_code="350802", day=day).last == 40
