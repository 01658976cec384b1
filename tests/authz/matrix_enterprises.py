"""Rows for the window's enterprise-agent pages (经办人授权): window clerks of any department only."""

from django.urls import reverse

from govhall.identity.models import Enterprise

from ..factories import CREDIT_CODES
from .matrix import FORBIDDEN, NOT_ALLOWED, NOT_FOUND, OK, Row, staff_page

CREDIT_CODE = CREDIT_CODES[3]
UNKNOWN_CODE = CREDIT_CODES[2]


def an_enterprise(authz, client) -> None:
    Enterprise.objects.get_or_create(
        credit_code=CREDIT_CODE,
        defaults={"name": "龙岩市新罗区示例贸易有限公司", "representative": authz.person},
    )


ROWS = [
    Row(
        "workbench:enterprise_find",
        lambda a: reverse("workbench:enterprise_find"),
        staff_page(FORBIDDEN, clerk=OK, other_clerk=OK),
    ),
    Row(
        "workbench:enterprise_detail",
        lambda a: reverse("workbench:enterprise_detail", args=(CREDIT_CODE,)),
        staff_page(FORBIDDEN, clerk=OK, other_clerk=OK),
        prepare=an_enterprise,
    ),
    Row(
        "workbench:enterprise_detail",
        lambda a: reverse("workbench:enterprise_detail", args=(UNKNOWN_CODE,)),
        staff_page(FORBIDDEN, clerk=NOT_FOUND, other_clerk=NOT_FOUND),
        note="未登记的企业",
    ),
    Row(
        "workbench:enterprise_mandate_revoke",
        lambda a: reverse("workbench:enterprise_mandate_revoke", args=(CREDIT_CODE, 999999)),
        staff_page(FORBIDDEN, clerk=NOT_FOUND, other_clerk=NOT_FOUND),
        method="post",
        data=lambda a: {"reason": "授权矩阵测试"},
        prepare=an_enterprise,
        note="不存在的授权",
    ),
    Row(
        "workbench:enterprise_mandate_revoke",
        lambda a: reverse("workbench:enterprise_mandate_revoke", args=(CREDIT_CODE, 999999)),
        staff_page(FORBIDDEN, clerk=NOT_ALLOWED, other_clerk=NOT_ALLOWED),
        prepare=an_enterprise,
        note="GET 不撤销",
    ),
]
