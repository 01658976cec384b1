"""The authorisation matrix: for every workbench and /api/v1/ endpoint, what each kind of caller gets.

Each area keeps its rows in its own module ``matrix_<area>.py`` exporting ``ROWS`` (a list of
``Row``); ``all_rows()`` collects every such module, so a new area only adds a file.
``test_completeness`` walks the URL resolver and fails, naming them, for endpoints without a
row; ``test_matrix`` requests every row as every actor and compares the outcome.

Actors (built in ``conftest.py``):

* ``anonymous`` — nobody logged in;
* ``citizen`` — a logged-in account without a staff profile (a registered person);
* ``clerk`` — window clerk of 龙岩市新罗区市场监督管理局 (the department of the world's implementation);
* ``other_clerk`` — window clerk of another department of 新罗区;
* ``county_manager`` — catalog manager of 新罗区 (the world's ``manager``);
* ``province_manager`` — catalog manager of 福建省;
* ``city_supervisor`` — supervisor of 龙岩市;
* ``operator`` — provincial operator.

Every staff actor holds a verified workbench session (password + TOTP), as ``tests.staff_login``
leaves it.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ACTORS = (
    "anonymous",
    "citizen",
    "clerk",
    "other_clerk",
    "county_manager",
    "province_manager",
    "city_supervisor",
    "operator",
)
STAFF = ACTORS[2:]

OK = 200
BAD_REQUEST = 400
UNAUTHORIZED = 401  # an API endpoint that needs a session, called without one (JSON error body)
LOGIN = "login"  # 302 to the workbench login page (with ?next=)
REDIRECT = 302  # a redirect somewhere else than the login page (after a successful action)
FORBIDDEN = 403
NOT_FOUND = 404
NOT_ALLOWED = 405

Outcome = int | str


def outcomes(default: Outcome, **overrides: Outcome) -> dict[str, Outcome]:
    """Every actor gets ``default`` except those named; names are checked."""
    unknown = set(overrides) - set(ACTORS)
    assert not unknown, f"unknown actors {unknown}"
    return {actor: overrides.get(actor, default) for actor in ACTORS}


def staff_page(default: Outcome = FORBIDDEN, **overrides: Outcome) -> dict[str, Outcome]:
    """A workbench page: anonymous → login, citizen → 403, staff → ``default`` unless named."""
    return outcomes(default, anonymous=LOGIN, citizen=FORBIDDEN) | overrides


@dataclass(frozen=True)
class Row:
    """One request to one endpoint and the expected outcome for each actor."""

    name: str  # "workbench:home", or the API route name such as "api-item-list"
    url: Callable[[Any], str]  # built from the ``Authz`` fixture
    expect: dict[str, Outcome]
    method: str = "get"
    data: Callable[[Any], dict[str, Any]] | None = None
    prepare: Callable[[Any, Any], None] | None = None  # (authz, client) before the request
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.name}{' · ' + self.note if self.note else ''}"


def all_rows() -> list[Row]:
    """Rows of every ``tests.authz.matrix_*`` module."""
    package = importlib.import_module("tests.authz")
    rows: list[Row] = []
    for module in pkgutil.iter_modules(package.__path__):
        if module.name.startswith("matrix_"):
            rows.extend(importlib.import_module(f"tests.authz.{module.name}").ROWS)
    return rows
