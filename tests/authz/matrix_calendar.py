"""Rows for the operators' working-day calendar: the year view, a day's correction, a year's arrangement.

Only the (provincial) operator may open or change it; a valid correction redirects back to the year.
"""

from django.urls import reverse

from .matrix import FORBIDDEN, NOT_ALLOWED, NOT_FOUND, OK, REDIRECT, Row, staff_page

OPERATOR_OK = staff_page(FORBIDDEN, operator=OK)
OPERATOR_REDIRECT = staff_page(FORBIDDEN, operator=REDIRECT)
POST_ONLY = staff_page(FORBIDDEN, operator=NOT_ALLOWED)


def url(name: str, *args):
    return lambda a: reverse(f"workbench:{name}", args=args)


def correction(a):
    return {"date": "2031-01-06", "status": "rest", "note": "权限矩阵", "reason": "权限矩阵测试"}


def arrangement(a):
    return {"arrangement": "2031-01-01 元旦", "notice": "", "reason": "权限矩阵测试"}


ROWS = [
    Row("workbench:calendar", url("calendar"), OPERATOR_OK),
    Row(
        "workbench:calendar",
        lambda a: reverse("workbench:calendar") + "?year=2031",
        OPERATOR_OK,
        note="未覆盖的年度",
    ),
    Row("workbench:calendar_day", url("calendar_day"), OPERATOR_REDIRECT, method="post", data=correction),
    Row("workbench:calendar_day", url("calendar_day"), POST_ONLY, note="GET 不允许"),
    Row("workbench:calendar_year_enter", url("calendar_year_enter", 2031), OPERATOR_OK),
    Row(
        "workbench:calendar_year_enter",
        url("calendar_year_enter", 2031),
        OPERATOR_REDIRECT,
        method="post",
        data=arrangement,
    ),
    Row(
        "workbench:calendar_year_enter",
        url("calendar_year_enter", 1900),
        staff_page(FORBIDDEN, operator=NOT_FOUND),
        note="年度超出范围",
    ),
]
