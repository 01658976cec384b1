"""办件编号 — readable, unique across the province, with the region, the day and a check character.

``350802-20261123-000017-4``: the handling department's county-level region code (its city's or
the province's for departments above county level), the day of receipt, the serial of that region
and day, and an ISO 7064 MOD 37,36 check character over the 20 digits (``stdnum.iso7064``), so a
mistyped number is caught before any lookup. Serials come from ``CaseNumberSequence``: an
``UPDATE … SET last = last + 1`` inside the submitting transaction locks the row until commit
(PostgreSQL row lock; SQLite's IMMEDIATE transactions serialise writers anyway), so two concurrent
submissions never share a number; the first of a day creates the row, and a racing creator that
loses on the unique constraint takes the next serial instead.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import IntegrityError, transaction
from django.db.models import F
from stdnum.iso7064 import mod_37_36

from .models import CaseNumberSequence

NUMBER_PATTERN = re.compile(r"^(\d{6})-(\d{8})-(\d{6})-([0-9A-Z])$")


def _check(digits: str) -> str:
    return mod_37_36.calc_check_digit(digits)


def case_number_format(region_code: str, day: dt.date, serial: int) -> str:
    digits = f"{region_code[:6]}{day:%Y%m%d}{serial:06d}"
    return f"{region_code[:6]}-{day:%Y%m%d}-{serial:06d}-{_check(digits)}"


def case_number_valid(number: str) -> bool:
    match = NUMBER_PATTERN.match((number or "").strip().upper())
    if not match:
        return False
    region, day, serial, check = match.groups()
    return _check(region + day + serial) == check


def case_number_normalise(number: str) -> str:
    return re.sub(r"\s+", "", number or "").upper()


def case_number_allocate(region_code: str, day: dt.date) -> str:
    """The next case number of ``region_code`` on ``day``; call inside the submitting transaction."""
    code = region_code[:6]
    with transaction.atomic():
        updated = CaseNumberSequence.objects.filter(region_code=code, day=day).update(last=F("last") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    CaseNumberSequence.objects.create(region_code=code, day=day, last=1)
            except IntegrityError:  # another transaction created the row first: take the next serial
                CaseNumberSequence.objects.filter(region_code=code, day=day).update(last=F("last") + 1)
        serial = CaseNumberSequence.objects.get(region_code=code, day=day).last
    return case_number_format(code, day, serial)
