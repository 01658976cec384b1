"""Rows for the operators' pages: single sign-on clients, upstream providers, the message simulators."""

from django.urls import reverse

from .matrix import FORBIDDEN, NOT_FOUND, OK, Row, staff_page

OPERATOR_OK = staff_page(FORBIDDEN, operator=OK)
UNKNOWN = staff_page(FORBIDDEN, operator=NOT_FOUND)


def url(name: str, *args):
    return lambda a: reverse(f"workbench:{name}", args=args)


ROWS = [
    Row("workbench:sso_client_list", url("sso_client_list"), OPERATOR_OK),
    Row("workbench:sso_client_new", url("sso_client_new"), OPERATOR_OK),
    Row("workbench:sso_upstream_list", url("sso_upstream_list"), OPERATOR_OK),
    Row(
        "workbench:sso_client_detail",
        url("sso_client_detail", "no-such-client"),
        UNKNOWN,
        note="不存在的接入系统",
    ),
    Row("workbench:sso_client_rotate", url("sso_client_rotate", "no-such-client"), UNKNOWN, method="post"),
    Row("workbench:sso_client_disable", url("sso_client_disable", "no-such-client"), UNKNOWN, method="post"),
    Row("workbench:simulator_inbox", url("simulator_inbox"), OPERATOR_OK),
]
