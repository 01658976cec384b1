"""Loads the demo once per test module that asks for it, inside a transaction rolled back afterwards.

``load_demo`` takes seconds; loading it per test would make the suite slow. Tests that use
``demo`` also request ``db``, whose per-test savepoint sits inside this outer transaction, so
no test sees another's writes and nothing leaks into other modules.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The output of a first ``govhall load_demo`` run on an empty database."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS), transaction.atomic():
        out = StringIO()
        call_command("load_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)
