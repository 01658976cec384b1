"""Rows for the window real-name service: window clerks only — of any department (a person is not
bound to a department or region; every hall verifies everyone), never managers, supervisors or operators."""

from django.urls import reverse

from govhall.workbench.views.realname import PERSON_KEY

from ..person_records import ID_NUMBERS
from .matrix import FORBIDDEN, NOT_ALLOWED, OK, REDIRECT, Row, staff_page

CLERKS = {"clerk": OK, "other_clerk": OK}


def looked_up(authz, client) -> None:
    """The clerk's session remembers the person they looked up (as the search page leaves it)."""
    session = client.session
    session[PERSON_KEY] = authz.person.pk
    session.save()


def url(name: str):
    return lambda a: reverse(f"workbench:{name}")


ROWS = [
    Row("workbench:realname_search", url("realname_search"), staff_page(FORBIDDEN, **CLERKS)),
    Row(
        "workbench:realname_search",
        url("realname_search"),
        staff_page(FORBIDDEN, clerk=REDIRECT, other_clerk=REDIRECT),
        method="post",
        data=lambda a: {"id_number": ID_NUMBERS[0]},
        note="查找已注册号码",
    ),
    Row(
        "workbench:realname_person",
        url("realname_person"),
        staff_page(FORBIDDEN, **CLERKS),
        prepare=looked_up,
    ),
    Row(
        "workbench:realname_person",
        url("realname_person"),
        staff_page(FORBIDDEN, clerk=REDIRECT, other_clerk=REDIRECT),
        note="未查找时回到查找页",
    ),
    Row(
        "workbench:realname_verify",
        url("realname_verify"),
        staff_page(FORBIDDEN, clerk=REDIRECT, other_clerk=REDIRECT),
        method="post",
        data=lambda a: {"confirmed": "on", "long_term": "on"},
        prepare=looked_up,
    ),
    Row(
        "workbench:realname_verify",
        url("realname_verify"),
        staff_page(FORBIDDEN, clerk=NOT_ALLOWED, other_clerk=NOT_ALLOWED),
        prepare=looked_up,
        note="GET 不核验",
    ),
    Row(
        "workbench:realname_reveal",
        url("realname_reveal"),
        staff_page(FORBIDDEN, **CLERKS),
        method="post",
        data=lambda a: {"reason": "与原件逐位核对"},
        prepare=looked_up,
    ),
]
