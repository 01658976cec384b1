"""Rows for the operators' staff directory: list, new, detail, and the recovery actions (POST only)."""

from django.urls import reverse

from .matrix import FORBIDDEN, NOT_ALLOWED, NOT_FOUND, OK, REDIRECT, Row, staff_page

OPERATOR_OK = staff_page(FORBIDDEN, operator=OK)
OPERATOR_ACTS = staff_page(FORBIDDEN, operator=REDIRECT)
UNKNOWN = staff_page(FORBIDDEN, operator=NOT_FOUND)
TARGET = "authz_other_clerk"  # a window clerk of 新罗区, inside the provincial operator's scope


def url(name: str, *args):
    return lambda a: reverse(f"workbench:{name}", args=args)


def reason(a):
    return {"reason": "授权矩阵测试"}


ROWS = [
    Row("workbench:staff_list", url("staff_list"), OPERATOR_OK),
    Row("workbench:staff_new", url("staff_new"), OPERATOR_OK),
    Row("workbench:staff_detail", url("staff_detail", TARGET), OPERATOR_OK),
    Row("workbench:staff_detail", url("staff_detail", "no-such-user"), UNKNOWN, note="不存在的账号"),
    Row(
        "workbench:staff_totp_reset",
        url("staff_totp_reset", TARGET),
        OPERATOR_ACTS,
        method="post",
        data=reason,
    ),
    Row(
        "workbench:staff_lockout_clear",
        url("staff_lockout_clear", TARGET),
        OPERATOR_ACTS,
        method="post",
        data=reason,
    ),
    Row(
        "workbench:staff_deactivate",
        url("staff_deactivate", TARGET),
        OPERATOR_ACTS,
        method="post",
        data=reason,
    ),
    Row(
        "workbench:staff_deactivate",
        url("staff_deactivate", TARGET),
        staff_page(FORBIDDEN, operator=NOT_ALLOWED),
        note="GET 不允许",
    ),
]
