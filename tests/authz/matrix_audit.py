"""Rows for the operators' audit log: the list, the chain verification and the export (both POST only)."""

from django.urls import reverse

from .matrix import FORBIDDEN, NOT_ALLOWED, OK, Row, staff_page

OPERATOR_OK = staff_page(FORBIDDEN, operator=OK)
POST_ONLY = staff_page(FORBIDDEN, operator=NOT_ALLOWED)


def url(name: str):
    return lambda a: reverse(f"workbench:{name}")


def identity_filter(a):
    return {"action": "identity.", "date_from": "2026-01-01"}


ROWS = [
    Row("workbench:audit_list", url("audit_list"), OPERATOR_OK),
    Row(
        "workbench:audit_list",
        lambda a: reverse("workbench:audit_list") + "?action=identity.&page=2",
        OPERATOR_OK,
        note="筛选与翻页",
    ),
    Row("workbench:audit_verify", url("audit_verify"), OPERATOR_OK, method="post"),
    Row("workbench:audit_verify", url("audit_verify"), POST_ONLY, note="GET 不允许"),
    Row("workbench:audit_export", url("audit_export"), OPERATOR_OK, method="post", data=identity_filter),
    Row("workbench:audit_export", url("audit_export"), POST_ONLY, note="GET 不允许"),
]
