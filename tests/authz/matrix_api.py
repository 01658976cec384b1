"""Rows for /api/v1/: public, read-only endpoints — every caller gets the same answer, logged in or not —
and /api/v1/me/, which answers every logged-in account (its own data) and gives anonymous callers a 401."""

from django.urls import reverse

from .matrix import NOT_FOUND, OK, UNAUTHORIZED, Row, outcomes

ALL_OK = outcomes(OK)


def api(name: str, *args):
    return lambda a: reverse(name, args=[arg(a) if callable(arg) else arg for arg in args])


def code(a):
    return a.world.implementation.code


ROWS = [
    Row("api-root", api("api-root"), ALL_OK),
    Row("api-region-list", api("api-region-list"), ALL_OK),
    Row("api-region-detail", api("api-region-detail", "350802"), ALL_OK),
    Row("api-department-list", api("api-department-list"), ALL_OK),
    Row(
        "api-department-detail",
        api("api-department-detail", lambda a: a.world.county_department.credit_code),
        ALL_OK,
    ),
    Row("api-item-list", api("api-item-list"), ALL_OK),
    Row("api-item-detail", api("api-item-detail", code), ALL_OK),
    Row("api-item-versions", api("api-item-versions", code), ALL_OK),
    Row("api-item-version", api("api-item-version", code, 1), ALL_OK),
    Row("api-item-material-file", api("api-item-material-file", code, 1, 1, "template"), outcomes(NOT_FOUND)),
    Row("api-basic-item-list", api("api-basic-item-list"), ALL_OK),
    Row("api-basic-item-detail", api("api-basic-item-detail", lambda a: a.world.item.code), ALL_OK),
    Row("api-me", api("api-me"), outcomes(OK, anonymous=UNAUTHORIZED), note="own account only"),
    Row("api-v1-not-found", lambda a: "/api/v1/no-such-thing/", outcomes(NOT_FOUND)),
]
