"""Fixtures for natural-person accounts: people made through the real services, a clean rate-limit cache."""

from collections.abc import Callable

import pytest
from django.core.cache import cache

from govhall.identity.idnumber import id_number_with_check
from govhall.identity.models import Person
from govhall.identity.services.persons import NewPerson, person_create

PASSWORD = "Minjiang-River-2026"
ID_NUMBER = id_number_with_check("35010219900307123")  # 福州市鼓楼区, born 1990-03-07
PHONE = "13912345678"


@pytest.fixture(autouse=True)
def clean_rate_limits():
    """django-ratelimit counts in the cache, which outlives a test: start and end every test at zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_person(db) -> Callable[..., Person]:
    def make(
        name: str = "林小明", id_number: str = ID_NUMBER, phone: str = PHONE, password: str = PASSWORD
    ) -> Person:
        return person_create(fields=NewPerson(name, id_number, phone, password))

    return make


@pytest.fixture
def person(make_person) -> Person:
    return make_person()
