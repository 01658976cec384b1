"""Rows for the cases API: applicants (their portal session) and case-handling staff (a verified workbench session).

Applicant endpoints: anonymous → 401, a citizen → their own drafts and cases, staff → 403 (no natural person
behind the account). Staff endpoints: anonymous → 401, a citizen → 403, catalog managers and the operator → 403
(no case role), the window clerk of the case's department → the outcome of the action, the clerk of another
department → 404 (not in scope), the city supervisor → sees the case but may not act (403). Cases are
built inside each request's rolled-back transaction, for the matrix's citizen.
"""

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from govhall.cases.services import handling
from govhall.identity.models import StaffRole

from ..case_records import PNG, applicant_for, draft_ready, staff, submit_online
from ..person_records import ID_NUMBERS
from .matrix import BAD_REQUEST, FORBIDDEN, NOT_FOUND, OK, UNAUTHORIZED, Row, outcomes

CREATED, NO_CONTENT = 201, 204
ALL_OK = outcomes(OK)


def applicant_only(ok):
    return outcomes(FORBIDDEN, anonymous=UNAUTHORIZED, citizen=ok)


def case_staff(clerk, *, supervisor=FORBIDDEN, other=NOT_FOUND):
    return outcomes(
        FORBIDDEN, anonymous=UNAUTHORIZED, clerk=clerk, other_clerk=other, city_supervisor=supervisor
    )


def _draft(a):
    a.draft = draft_ready(a.world, applicant_for(a.person))
    return a.draft


def _case(a, *, stage="submitted"):
    """A case of the matrix's citizen at ``stage``: submitted, accepted, review_done, claimed."""
    case = submit_online(a.world, applicant_for(a.person))
    department = a.world.county_department
    if stage == "claimed":
        handling.task_claim(actor=a.users["clerk"], task=case.tasks.get(kind="accept"))
    if stage in ("accepted", "review_done", "extension", "special"):
        handling.case_accept(actor=a.users["clerk"], case=case)
    reviewer = staff("authz_case_reviewer", "审查员", department, StaffRole.REVIEWER)
    if stage == "review_done":
        task = case.tasks.get(kind="review", status="open")
        handling.case_opinion(actor=reviewer, case=case, task=task, opinion="同意")
    if stage == "extension":
        a.extension = handling.extension_request(actor=reviewer, case=case, days=5, reason="需补充核查")
    if stage == "special":
        a.procedure = handling.special_start(
            actor=reviewer, case=case, kind="site_survey", reason="需现场核查"
        )
    a.case = case
    return case


def case_url(name, stage="submitted", extra=None):
    def build(a):
        case = _case(a, stage=stage)
        args = [case.number] + ([extra(a)] if extra else [])
        return reverse(name, args=args)

    return build


def task_url(name, stage="submitted"):
    return lambda a: reverse(name, args=[_case(a, stage=stage).tasks.get(kind="accept").pk])


def level_l2(a, client):
    session = client.session
    session["govhall.level"] = "L2"
    session.save()


def fresh_limit(a, client):
    cache.clear()


ROWS = [
    Row("api-item-form", lambda a: reverse("api-item-form", args=[a.world.implementation.code]), ALL_OK),
    Row("api-draft-list", lambda a: reverse("api-draft-list"), applicant_only(OK)),
    Row(
        "api-draft-list",
        lambda a: reverse("api-draft-list"),
        applicant_only(CREATED),
        method="post",
        data=lambda a: {"implementation_code": a.world.implementation.code},
    ),
    Row("api-draft-detail", lambda a: reverse("api-draft-detail", args=[_draft(a).pk]), applicant_only(OK)),
    Row(
        "api-draft-detail",
        lambda a: reverse("api-draft-detail", args=[_draft(a).pk]),
        applicant_only(OK),
        method="patch",
        note="空内容",
    ),
    Row(
        "api-draft-materials",
        lambda a: reverse("api-draft-materials", args=[_draft(a).pk]),
        applicant_only(CREATED),
        method="post",
        data=lambda a: {"position": 3, "file": SimpleUploadedFile("委托书.png", PNG)},
    ),
    Row(
        "api-draft-material",
        lambda a: reverse("api-draft-material", args=[_draft(a).pk, a.draft.materials.get().pk]),
        applicant_only(NO_CONTENT),
        method="delete",
    ),
    Row(
        "api-draft-submit",
        lambda a: reverse("api-draft-submit", args=[_draft(a).pk]),
        applicant_only(BAD_REQUEST),
        method="post",
        prepare=level_l2,
        note="没有 Idempotency-Key",
    ),
    Row("api-case-list", lambda a: reverse("api-case-list"), applicant_only(OK)),
    Row("api-case-detail", case_url("api-case-detail"), applicant_only(OK)),
    Row(
        "api-case-correction",
        case_url("api-case-correction"),
        applicant_only(BAD_REQUEST),
        method="post",
        data=lambda a: {"note": "补正"},
        note="没有待补正的告知",
    ),
    Row(
        "api-case-withdraw",
        case_url("api-case-withdraw"),
        applicant_only(OK),
        method="post",
        data=lambda a: {"reason": "信息填写有误"},
    ),
    Row(
        "api-progress",
        lambda a: reverse("api-progress") + f"?number={_case(a).number}&tail={ID_NUMBERS[0][-6:]}",
        ALL_OK,
        prepare=fresh_limit,
    ),
    Row("api-staff-inbox", lambda a: reverse("api-staff-inbox"), case_staff(OK, supervisor=OK, other=OK)),
    Row(
        "api-staff-task-claim",
        task_url("api-staff-task-claim"),
        case_staff(OK, supervisor=NOT_FOUND),
        method="post",
    ),
    Row(
        "api-staff-task-release",
        task_url("api-staff-task-release", stage="claimed"),
        case_staff(OK, supervisor=NOT_FOUND),
        method="post",
    ),
    Row("api-staff-case", case_url("api-staff-case"), case_staff(OK, supervisor=OK)),
    Row(
        "api-staff-case-accept",
        case_url("api-staff-case-accept"),
        case_staff(OK),
        method="post",
        data=lambda a: {},
    ),
    Row(
        "api-staff-case-refuse",
        case_url("api-staff-case-refuse"),
        case_staff(OK),
        method="post",
        data=lambda a: {"reason": "不属于本机关职权范围"},
    ),
    Row(
        "api-staff-case-correction",
        case_url("api-staff-case-correction"),
        case_staff(CREATED),
        method="post",
        data=lambda a: {"items[0]material_position": 1, "items[0]problem": "申请书未签字"},
    ),
    Row(
        "api-staff-case-opinion",
        case_url("api-staff-case-opinion", stage="accepted"),
        case_staff(FORBIDDEN),
        method="post",
        data=lambda a: {"task": a.case.tasks.get(kind="review").pk, "agree": True, "opinion": "同意"},
        note="审查环节属审查人员",
    ),
    Row(
        "api-staff-case-decide",
        case_url("api-staff-case-decide", stage="review_done"),
        case_staff(FORBIDDEN),
        method="post",
        data=lambda a: {"approve": False, "opinion": "不符合条件"},
        note="决定属部门负责人",
    ),
    Row(
        "api-staff-case-extensions",
        case_url("api-staff-case-extensions", stage="accepted"),
        case_staff(CREATED),
        method="post",
        data=lambda a: {"days": 5, "reason": "需补充核查"},
    ),
    Row(
        "api-staff-case-extension-decide",
        case_url("api-staff-case-extension-decide", stage="extension", extra=lambda a: a.extension.pk),
        case_staff(FORBIDDEN),
        method="post",
        data=lambda a: {"approve": True, "opinion": "同意"},
        note="延期由部门负责人批准",
    ),
    Row(
        "api-staff-case-special-start",
        case_url("api-staff-case-special-start", stage="accepted"),
        case_staff(FORBIDDEN),
        method="post",
        data=lambda a: {"kind": "site_survey", "reason": "需现场核查"},
        note="特别程序属审批人员",
    ),
    Row(
        "api-staff-case-special-end",
        case_url("api-staff-case-special-end", stage="special", extra=lambda a: a.procedure.pk),
        case_staff(FORBIDDEN),
        method="post",
        data=lambda a: {"outcome": "现场符合要求"},
    ),
]
