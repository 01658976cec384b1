"""Rows for the interaction pages (咨询投诉) and the 12345 hotline API.

Workbench: department staff of the owning department act (302 back to the record), another department
gets 404 (not in scope), the city supervisor reads and triages complaints but may not answer (403 by
role), catalog managers and the operator have no interaction role (403). Revealing a reporter's
contact is for department heads only (no matrix actor holds that role: 403 for every staff actor).
Hotline API: every session caller is a 401 (bearer token only); with a client's token every actor
gets 201 / 200 (the token, not the session, is the caller).
"""

from django.urls import reverse

from govhall.interaction.services.complaints import complaint_reply, complaint_submit, complaint_triage
from govhall.interaction.services.consultations import consultation_answer, consultation_ask
from govhall.interaction.services.hotline import hotline_client_create, hotline_ticket_receive

from .matrix import FORBIDDEN, LOGIN, NOT_FOUND, OK, REDIRECT, UNAUTHORIZED, Row, outcomes, staff_page

CREATED = 201


def _consultation(a, *, answered=False):
    consultation = consultation_ask(
        asker=a.person.user,
        title="需要哪些材料",
        question="开小吃店需要哪些材料？",
        implementation_code=a.world.implementation.code,
    )
    if answered:
        consultation_answer(actor=a.users["clerk"], consultation=consultation, answer="请带身份证。")
    return consultation


def _complaint(a, *, stage="submitted"):
    complaint = complaint_submit(
        complainant=a.person.user,
        kind="complaint",
        subject="item",
        title="窗口态度差",
        content="窗口人员态度不好。",
        implementation_code=a.world.implementation.code,
    )
    if stage in ("accepted", "replied"):
        complaint_triage(actor=a.users["clerk"], complaint=complaint, decision="accept")
    if stage == "replied":
        complaint_reply(actor=a.users["clerk"], complaint=complaint, reply="已批评教育。")
    return complaint


def consultation_url(name, **kwargs):
    return lambda a: reverse(name, args=[_consultation(a, **kwargs).pk])


def complaint_url(name, **kwargs):
    return lambda a: reverse(name, args=[_complaint(a, **kwargs).pk])


def department(ok, *, supervisor=FORBIDDEN):
    return staff_page(FORBIDDEN, clerk=ok, other_clerk=NOT_FOUND, city_supervisor=supervisor)


READERS = staff_page(FORBIDDEN, clerk=OK, other_clerk=OK, city_supervisor=OK)


def _token(a, client):
    if getattr(a, "hotline_token", None) is None:
        a.hotline_token = hotline_client_create(actor=None, name="矩阵12345", region=a.world.county).token
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {a.hotline_token}"


def _ticket_url(a):
    from govhall.interaction.models import HotlineClient

    client = HotlineClient.objects.get(name="矩阵12345")
    hotline_ticket_receive(
        client=client,
        ticket_id="T-EXISTING",
        kind="consultation",
        title="问题",
        content="内容",
        implementation_code=a.world.implementation.code,
    )
    return reverse("api-hotline-ticket", args=["T-EXISTING"])


TICKET = {"ticket_id": "T-1", "kind": "consultation", "title": "办证咨询", "content": "要带什么？"}

ROWS = [
    Row("workbench:interaction_list", lambda a: reverse("workbench:interaction_list"), READERS),
    Row(
        "workbench:interaction_list",
        lambda a: reverse("workbench:interaction_list") + "?kind=complaint",
        READERS,
        note="投诉举报",
    ),
    Row("workbench:interaction_export", lambda a: reverse("workbench:interaction_export"), READERS),
    Row(
        "workbench:interaction_consultation",
        consultation_url("workbench:interaction_consultation"),
        department(OK, supervisor=OK),
    ),
    Row(
        "workbench:interaction_consultation_answer",
        consultation_url("workbench:interaction_consultation_answer"),
        department(REDIRECT),
        method="post",
        data=lambda a: {"answer": "请带身份证。"},
    ),
    Row(
        "workbench:interaction_consultation_transfer",
        consultation_url("workbench:interaction_consultation_transfer"),
        department(REDIRECT),
        method="post",
        data=lambda a: {"to_department": a.other_department.pk, "reason": "属社保业务"},
    ),
    Row(
        "workbench:interaction_consultation_publish",
        consultation_url("workbench:interaction_consultation_publish", answered=True),
        department(REDIRECT),
        method="post",
        data=lambda a: {"public_question": "要带什么材料？", "public_answer": "身份证。"},
    ),
    Row(
        "workbench:interaction_complaint",
        complaint_url("workbench:interaction_complaint"),
        department(OK, supervisor=OK),
    ),
    Row(
        "workbench:interaction_complaint_triage",
        complaint_url("workbench:interaction_complaint_triage"),
        department(REDIRECT, supervisor=REDIRECT),
        method="post",
        data=lambda a: {"decision": "accept"},
    ),
    Row(
        "workbench:interaction_complaint_transfer",
        complaint_url("workbench:interaction_complaint_transfer", stage="accepted"),
        department(REDIRECT),
        method="post",
        data=lambda a: {"to_department": a.other_department.pk, "reason": "属社保业务"},
    ),
    Row(
        "workbench:interaction_complaint_reply",
        complaint_url("workbench:interaction_complaint_reply", stage="accepted"),
        department(REDIRECT),
        method="post",
        data=lambda a: {"reply": "已处理。"},
    ),
    Row(
        "workbench:interaction_complaint_close",
        complaint_url("workbench:interaction_complaint_close", stage="replied"),
        department(REDIRECT),
        method="post",
        data=lambda a: {"note": "电话回访满意"},
    ),
    Row(
        "workbench:interaction_complaint_reveal",
        complaint_url("workbench:interaction_complaint_reveal"),
        staff_page(FORBIDDEN),
        method="post",
        data=lambda a: {"reason": "核实情况"},
    ),
    Row(
        "api-hotline-tickets",
        lambda a: reverse("api-hotline-tickets"),
        outcomes(UNAUTHORIZED),
        method="post",
        data=lambda a: TICKET | {"implementation_code": a.world.implementation.code},
        note="无令牌",
    ),
    Row(
        "api-hotline-tickets",
        lambda a: reverse("api-hotline-tickets"),
        outcomes(CREATED),
        method="post",
        data=lambda a: TICKET | {"implementation_code": a.world.implementation.code},
        prepare=_token,
        note="热线令牌",
    ),
    Row(
        "api-hotline-ticket",
        lambda a: reverse("api-hotline-ticket", args=["T-1"]),
        outcomes(UNAUTHORIZED),
        note="无令牌",
    ),
    Row("api-hotline-ticket", _ticket_url, outcomes(OK), prepare=_token, note="热线令牌"),
]

assert LOGIN  # imported for readers of this module: workbench rows send anonymous callers to the login page
