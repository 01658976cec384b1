"""Rows for the 办件 pages: inbox, case search and export, the case page, its files and actions, window intake.

The case is a window case of the world's implementation (``Authz.case``, 受理 task open for the
department's window clerks). ``clerk`` is of that department; ``other_clerk`` of another one sees
no such case (404). The city supervisor sees every case of the region (read-only: actions are 403);
catalog managers and the operator hold no case role (403). Actions whose step does not match the
case (decide, extension, special procedure before acceptance) re-render the page with the message
(200); rows with an unknown id are 404 for everyone who may see the case.
"""

from django.urls import reverse

from .matrix import FORBIDDEN, LOGIN, NOT_FOUND, OK, REDIRECT, Row, staff_page

CASE_READERS = staff_page(FORBIDDEN, clerk=OK, other_clerk=NOT_FOUND, city_supervisor=OK)
LISTS = staff_page(FORBIDDEN, clerk=OK, other_clerk=OK, city_supervisor=OK)
DEPARTMENT_STAFF = staff_page(FORBIDDEN, clerk=OK, other_clerk=OK)
ACTED = staff_page(FORBIDDEN, clerk=REDIRECT, other_clerk=NOT_FOUND)  # the supervisor may look, not act
WRONG_STEP = staff_page(FORBIDDEN, clerk=OK, other_clerk=NOT_FOUND, city_supervisor=OK)
UNKNOWN = staff_page(FORBIDDEN, clerk=NOT_FOUND, other_clerk=NOT_FOUND, city_supervisor=NOT_FOUND)


def _ensure_case(authz, client) -> None:
    authz.case()


def _case_url(name, *extra):
    return lambda a: reverse(f"workbench:{name}", args=[a.case().number, *extra])


def _post(name, expect, data, *extra, note=""):
    return Row(
        f"workbench:{name}",
        _case_url(name, *extra),
        expect,
        method="post",
        data=lambda a: data,
        prepare=_ensure_case,
        note=note,
    )


ROWS = [
    Row("workbench:inbox", lambda a: reverse("workbench:inbox"), DEPARTMENT_STAFF),
    Row(
        "workbench:task_claim_bulk",
        lambda a: reverse("workbench:task_claim_bulk"),
        staff_page(FORBIDDEN, clerk=REDIRECT, other_clerk=REDIRECT),
        method="post",
        data=lambda a: {"task": [a.case().tasks.get().pk]},
        prepare=_ensure_case,
        note="他部门的待办被忽略",
    ),
    Row(
        "workbench:task_claim",
        lambda a: reverse("workbench:task_claim", args=[a.case().tasks.get().pk]),
        ACTED,
        method="post",
        data=lambda a: {},
        prepare=_ensure_case,
    ),
    Row(
        "workbench:task_release",
        lambda a: reverse("workbench:task_release", args=[a.case().tasks.get().pk]),
        ACTED,
        method="post",
        data=lambda a: {},
        prepare=_ensure_case,
        note="未签收：提示后返回",
    ),
    Row("workbench:case_list", lambda a: reverse("workbench:case_list"), LISTS),
    Row("workbench:case_export", lambda a: reverse("workbench:case_export"), LISTS),
    Row("workbench:window_intake", lambda a: reverse("workbench:window_intake"), DEPARTMENT_STAFF),
    Row(
        "workbench:window_intake",
        lambda a: reverse("workbench:window_intake") + f"?code={a.world.implementation.code}",
        staff_page(FORBIDDEN, clerk=OK),
        note="他部门的事项",
    ),
    Row("workbench:back_entry", lambda a: reverse("workbench:back_entry"), DEPARTMENT_STAFF),
    Row("workbench:case_detail", _case_url("case_detail"), CASE_READERS, prepare=_ensure_case),
    Row(
        "workbench:case_material",
        lambda a: reverse("workbench:case_material", args=[a.case().number, a.case().materials.get().pk]),
        CASE_READERS,
        prepare=_ensure_case,
    ),
    Row(
        "workbench:case_event_attachment",
        _case_url("case_event_attachment", 999999),
        UNKNOWN,
        prepare=_ensure_case,
    ),
    Row(
        "workbench:case_correction_notice",
        _case_url("case_correction_notice", 999999),
        UNKNOWN,
        prepare=_ensure_case,
    ),
    Row(
        "workbench:case_result_document",
        _case_url("case_result_document"),
        UNKNOWN,
        prepare=_ensure_case,
        note="尚无结果文书",
    ),
    _post("case_accept", ACTED, {"opinion": ""}),
    _post("case_refuse", ACTED, {"reason": "申请事项不属于本机关职权范围"}),
    _post("case_correction_request", ACTED, {"pick": ["1"], "problem_1": "申请书未签字"}),
    _post("case_opinion", UNKNOWN, {"task": "999999", "agree": "1", "opinion": "同意"}, note="不存在的待办"),
    _post("case_decide", WRONG_STEP, {"decision": "approve", "opinion": ""}, note="尚未受理"),
    _post("case_extension_request", WRONG_STEP, {"days": "5", "reason": "需要现场核查"}, note="尚未受理"),
    _post("case_extension_decide", UNKNOWN, {"decision": "approve"}, 999999),
    _post("case_special_start", WRONG_STEP, {"kind": "hearing", "reason": "依法举行听证"}, note="尚未受理"),
    _post("case_special_end", UNKNOWN, {"outcome": "听证结束"}, 999999),
    _post("case_visit", ACTED, {"purpose": "咨询办理进度"}),
    _post(
        "case_result_collected", staff_page(FORBIDDEN, clerk=OK, other_clerk=NOT_FOUND), {}, note="尚未办结"
    ),
    _post("case_reveal", CASE_READERS, {"reason": "核对申请人身份"}),
]

assert all(row.expect["anonymous"] == LOGIN for row in ROWS)
