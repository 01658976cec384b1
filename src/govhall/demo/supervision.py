"""Demo data for 电子监察: a provincial warning rule and a few late cases of 新罗区市场监督管理局, then a scan.

The cases are taken at the window through the real services (``case_window_intake``, ``case_accept``
by the demo window clerk ``xl_scjg_window``), so they carry their materials, timeline and audit
entries. A demo needs them *late* today, which no service can make: their clocks are then moved into
the past — the trusted demo path, like ``seed_scale``'s bulk loader, never reachable from a page. The
scan then issues the cards the supervisor (``ly_supervisor``) and the department's staff see.
Idempotent: the cases are recognised by their form's reason text and made once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from govhall.core.workdays import is_workday, workdays_add
from govhall.directory.models import Region
from govhall.supervision.models import WarningRule

MARKER = "电子监察演示办件"
DEPARTMENT = "龙岩市新罗区市场监督管理局"
ITEM_NAME = "个体工商户设立登记"
# (applicant, working days from today to the promised due date: < 0 overdue, 0 today, > 0 left)
LATE_CASES = (("林晓梅", -3), ("陈国平", -1), ("张丽君", 0), ("黄伟明", 1))


def _provincial_rule() -> int:
    province = Region.objects.filter(parent__isnull=True, code="350000000000").first()
    supervisor = get_user_model().objects.filter(username="fj_supervisor").first()
    if province is None or supervisor is None or WarningRule.objects.filter(region=province).exists():
        return 0
    from govhall.supervision.services.rules import RULE_FIELDS, warning_rule_save

    defaults = WarningRule()
    warning_rule_save(
        actor=supervisor,
        region=province,
        values={field: getattr(defaults, field) for field in RULE_FIELDS},
        reason="演示数据：全省默认预警规则",
    )
    return 1


def _png() -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (60, 40), (235, 240, 250)).save(out, "PNG")
    return out.getvalue()


def _late_cases(clerk: Any) -> int:
    from govhall.cases.models import Case
    from govhall.cases.services.handling import case_accept
    from govhall.cases.services.window import WindowApplicant, case_window_intake
    from govhall.catalog.models import ItemImplementation
    from govhall.identity.idnumber import id_number_with_check

    if Case.objects.filter(form_data__reason=MARKER).exists():
        return 0
    implementation = (
        ItemImplementation.objects.filter(
            department__name=DEPARTMENT, catalog_item__name=ITEM_NAME, status="published"
        )
        .order_by("code")
        .first()
    )
    if implementation is None:
        return 0
    today = timezone.localdate()
    png = _png()
    for index, (name, offset) in enumerate(LATE_CASES):
        case = case_window_intake(
            clerk=clerk,
            who=WindowApplicant(
                id_number=id_number_with_check(f"35080219850{index + 1}0{index + 1}71{index}"), name=name
            ),
            implementation_code=implementation.code,
            scenario_answers={},
            form_data={"reason": MARKER},
            scans={1: [("申请书.png", png)], 3: [("身份证明.png", png)]},
            delivery="window",
        )
        case = case_accept(actor=clerk, case=case)
        limit = case.promised_days or 5
        due = workdays_add(today, offset) if offset >= 0 else _workdays_back(today, -offset)
        accepted = _workdays_back(due, limit)
        Case.objects.filter(pk=case.pk).update(
            received_on=accepted, accept_due=workdays_add(accepted, 5), accepted_on=accepted, promised_due=due
        )
    return len(LATE_CASES)


def _workdays_back(day: dt.date, days: int) -> dt.date:
    """The ``days``-th working day before ``day`` (so ``days`` working days run from it to ``day``)."""
    while days:
        day -= dt.timedelta(days=1)
        if is_workday(day):
            days -= 1
    return day


def supervision_demo_load() -> int:
    """The provincial rule, the late demo cases and a scan; returns how many rules and cases were added."""
    from govhall.supervision.services.scan import supervision_scan

    added = _provincial_rule()
    clerk = get_user_model().objects.filter(username="xl_scjg_window").first()
    if clerk is not None:
        added += _late_cases(clerk)
    supervision_scan()
    return added
