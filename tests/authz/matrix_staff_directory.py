"""Rows for the operators' staff directory: list, new, detail, and the recovery actions (POST only),
and every staff member's own password change page."""

from django.contrib.auth.models import User
from django.urls import reverse

from govhall.identity.models import StaffRole
from govhall.identity.services.staff import staff_upsert

from .matrix import FORBIDDEN, NOT_ALLOWED, NOT_FOUND, OK, REDIRECT, Row, staff_page

OPERATOR_OK = staff_page(FORBIDDEN, operator=OK)
OPERATOR_ACTS = staff_page(FORBIDDEN, operator=REDIRECT)
UNKNOWN = staff_page(FORBIDDEN, operator=NOT_FOUND)
TARGET = "authz_other_clerk"  # a window clerk of 新罗区, inside the provincial operator's scope


def url(name: str, *args):
    return lambda a: reverse(f"workbench:{name}", args=args)


def reason(a):
    return {"reason": "授权矩阵测试"}


def new_password(a):
    return {
        "new_password": "Matrix-Reset-2026",
        "new_password_again": "Matrix-Reset-2026",
        "reason": "忘记密码",
    }


RETIRED = "authz_retired_clerk"  # a deactivated window clerk of 新罗区 (not one of the actors)


def retired_clerk(a, client):
    if not User.objects.filter(username=RETIRED).exists():
        staff_upsert(
            username=RETIRED,
            display_name="已停用窗口人员",
            region=a.world.county,
            department=a.world.county_department,
            roles=[StaffRole.WINDOW_CLERK],
        )
    User.objects.filter(username=RETIRED).update(is_active=False)


def wrong_current_password(a):
    return {"current": "not-my-password", "new": "Matrix-Change-2026", "new_again": "Matrix-Change-2026"}


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
    Row(
        "workbench:staff_password_reset",
        url("staff_password_reset", TARGET),
        OPERATOR_ACTS,
        method="post",
        data=new_password,
    ),
    Row(
        "workbench:staff_password_reset",
        url("staff_password_reset", TARGET),
        staff_page(FORBIDDEN, operator=NOT_ALLOWED),
        note="GET 不允许",
    ),
    Row(
        "workbench:staff_reactivate",
        url("staff_reactivate", RETIRED),
        OPERATOR_ACTS,
        method="post",
        data=reason,
        prepare=retired_clerk,
        note="已停用的账号",
    ),
    Row(
        "workbench:staff_reactivate",
        url("staff_reactivate", "no-such-user"),
        UNKNOWN,
        method="post",
        data=reason,
        note="不存在的账号",
    ),
    # Every verified staff member may change their own password; citizens may not.
    Row("workbench:password_change", url("password_change"), staff_page(OK)),
    Row(
        "workbench:password_change",
        url("password_change"),
        staff_page(OK),
        method="post",
        data=wrong_current_password,
        note="当前密码错误：页面提示，不修改",
    ),
]
