"""Rows for the 电子监察 pages: red/yellow cards, supervision notices, the warning rule.

The card is a red card of a case of the world's department (新罗区市场监督管理局, ``clerk``'s); the
notice is issued on it by the city supervisor. ``clerk`` sees its department's cards and notices and
answers; ``other_clerk`` (another department) finds neither (404) but has the list pages (empty);
``city_supervisor`` sees the county's cards, issues and closes notices and edits its rule. Catalog
managers and the operator hold no supervision role (403).
"""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from .matrix import FORBIDDEN, NOT_FOUND, OK, REDIRECT, Row, staff_page

READERS = staff_page(FORBIDDEN, clerk=OK, other_clerk=OK, city_supervisor=OK)
ONE = staff_page(FORBIDDEN, clerk=OK, other_clerk=NOT_FOUND, city_supervisor=OK)
SUPERVISOR = staff_page(FORBIDDEN, city_supervisor=OK)


def _card(authz):
    if getattr(authz, "_sup_card", None) is None:
        from govhall.supervision.models import Card

        world = authz.world
        authz._sup_card = Card.objects.create(
            level="red",
            rule="promised_due",
            subject_type="case",
            subject_id="999999",
            subject_label="350802-20261201-000001-X 食品经营许可",
            due_on=timezone.localdate() - dt.timedelta(days=3),
            department=world.county_department,
            region=world.county,
            reason="承诺办结期限已超期",
            issued_on=timezone.localdate(),
            issued_at=timezone.now(),
        )
    return authz._sup_card


def _notice(authz, *, answered=False):
    attribute = "_sup_notice_answered" if answered else "_sup_notice"
    if getattr(authz, attribute, None) is None:
        from govhall.supervision.services.notices import notice_answer, notice_issue

        notice = notice_issue(
            actor=authz.users["city_supervisor"], card=_card(authz), requirement="请说明超期原因"
        )
        if answered:
            notice = notice_answer(actor=authz.users["clerk"], notice=notice, answer="已说明原因并办结")
        setattr(authz, attribute, notice)
    return getattr(authz, attribute)


def _prepare_card(authz, client):
    _card(authz)


def _prepare_notice(authz, client):
    _notice(authz)


def _prepare_answered(authz, client):
    _notice(authz, answered=True)


ROWS = [
    Row("workbench:card_list", lambda a: reverse("workbench:card_list"), READERS),
    Row(
        "workbench:card_list",
        lambda a: reverse("workbench:card_list") + "?export=xlsx",
        READERS,
        note="导出 Excel",
    ),
    Row(
        "workbench:card_detail",
        lambda a: reverse("workbench:card_detail", args=[_card(a).pk]),
        ONE,
        prepare=_prepare_card,
    ),
    Row("workbench:notice_list", lambda a: reverse("workbench:notice_list"), READERS),
    Row("workbench:notice_new", lambda a: reverse("workbench:notice_new"), SUPERVISOR),
    Row(
        "workbench:notice_new",
        lambda a: reverse("workbench:notice_new") + f"?card={_card(a).pk}",
        staff_page(FORBIDDEN, city_supervisor=REDIRECT),
        method="post",
        data=lambda a: {"requirement": "请于三日内说明超期原因"},
        prepare=_prepare_card,
        note="针对预警发起督办",
    ),
    Row(
        "workbench:notice_detail",
        lambda a: reverse("workbench:notice_detail", args=[_notice(a).pk]),
        ONE,
        prepare=_prepare_notice,
    ),
    Row(
        "workbench:notice_answer",
        lambda a: reverse("workbench:notice_answer", args=[_notice(a).pk]),
        staff_page(FORBIDDEN, clerk=REDIRECT, other_clerk=NOT_FOUND),
        method="post",
        data=lambda a: {"answer": "已核实原因，正在加快办理"},
        prepare=_prepare_notice,
        note="监察人员不能代部门回复",
    ),
    Row(
        "workbench:notice_close",
        lambda a: reverse("workbench:notice_close", args=[_notice(a, answered=True).pk]),
        staff_page(FORBIDDEN, city_supervisor=REDIRECT),
        method="post",
        data=lambda a: {"remark": "情况属实，予以办结"},
        prepare=_prepare_answered,
    ),
    Row(
        "workbench:notice_pdf",
        lambda a: reverse("workbench:notice_pdf", args=[_notice(a).pk]),
        ONE,
        prepare=_prepare_notice,
    ),
    Row("workbench:rule_edit", lambda a: reverse("workbench:rule_edit"), SUPERVISOR),
    Row(
        "workbench:rule_edit",
        lambda a: reverse("workbench:rule_edit"),
        staff_page(FORBIDDEN, city_supervisor=REDIRECT),
        method="post",
        data=lambda a: {
            "yellow_remaining_days": 2,
            "yellow_used_percent": 75,
            "red_refusal_without_reason": "on",
            "red_outside_system": "on",
            "red_late_back_entry": "on",
            "escalate_after_days": 2,
            "notice_answer_days": 3,
            "reason": "按本市要求调整",
        },
    ),
]
