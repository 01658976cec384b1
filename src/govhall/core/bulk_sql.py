"""Set-based statements over large tables (the supervision scan, the indicators): one database setting.

PostgreSQL's JIT compiler decides by estimated cost; for our wide ``FILTER`` aggregates and anti-joins
over a million rows it spent longer compiling than running (measured: 1.4 s of JIT for a 0.1 s
indicator query; 2.8 s of JIT in a 2.6 s card-cure statement). ``jit_off()`` switches it off for the
current transaction only (``SET LOCAL``); on SQLite it does nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def jit_off() -> Iterator[None]:
    """Inside: a transaction (the caller's, or a new one) with PostgreSQL's JIT off."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(savepoint=False):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield
