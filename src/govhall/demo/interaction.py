"""Demo consultations and complaints for 龙岩市新罗区市场监督管理局 (idempotent: loads once).

王建国 asks about 食品经营许可 (answered by ``xl_scjg_window`` and published to the FAQ) and asks again
(left unanswered, its deadline already past: it shows red in the workbench and in supervision's
monitor); a complaint about a window is transferred once to another 新罗区 department; a 12345 hotline
client for 新罗区 is registered with its token written to ``VAR_DIR/demo-hotline-client.json`` (0600).
"""

from __future__ import annotations

import datetime as dt
import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from govhall.catalog.selectors import implementation_live_list
from govhall.core.keyfiles import file_replace
from govhall.directory.models import Department, Region
from govhall.identity.models import Person
from govhall.interaction.models import Consultation, HotlineClient
from govhall.interaction.services.complaints import complaint_submit, complaint_transfer
from govhall.interaction.services.consultations import (
    consultation_answer,
    consultation_ask,
    consultation_publish,
)
from govhall.interaction.services.hotline import hotline_client_create

HOTLINE_NAME = "新罗区12345热线（演示）"


def interaction_demo_load() -> int:
    """Create the demo records once; returns how many were created (0 on later runs)."""
    if Consultation.objects.filter(title__startswith="【演示】").exists():
        return 0
    User = get_user_model()
    person = Person.objects.filter(name="王建国").select_related("user").first()
    clerk = User.objects.filter(username="xl_scjg_window").first()
    county = Region.objects.filter(code="350802000000").first()
    department = Department.objects.filter(region=county, name__contains="市场监督管理局").first()
    if person is None or clerk is None or county is None or department is None:
        return 0
    implementation = (
        implementation_live_list().filter(department=department, catalog_item__name="食品经营许可").first()
    )
    code = implementation.code if implementation else ""
    today = timezone.localdate()
    answered = consultation_ask(
        asker=person.user,
        title="【演示】食品经营许可需要现场核查吗",
        question="我公司在新罗区开设餐饮门店，申请食品经营许可是否需要现场核查？王建国，13805910003。",
        implementation_code=code,
        department=None if code else department,
    )
    consultation_answer(
        actor=clerk,
        consultation=answered,
        answer="首次申请一般需要现场核查，审查人员会提前电话联系您约定时间。",
    )
    consultation_publish(
        actor=clerk,
        consultation=answered,
        public_question="申请食品经营许可需要现场核查吗？",
        public_answer="首次申请一般需要现场核查，审查人员会提前与申请人约定核查时间。",
    )
    consultation_ask(
        asker=person.user,
        title="【演示】延续申请要提前多久",
        question="食品经营许可证到期前多久可以申请延续？",
        implementation_code=code,
        department=None if code else department,
        today=today
        - dt.timedelta(days=14),  # long past its answer deadline: shown red, and overdue for supervision
    )
    other = (
        Department.objects.filter(region=county, is_active=True)
        .exclude(pk=department.pk)
        .order_by("name")
        .first()
    )
    complaint = complaint_submit(
        complainant=person.user,
        kind="complaint",
        subject="window",
        department=department,
        window_name="二楼综合受理窗口",
        title="【演示】窗口要求重复提交材料",
        content="办理时被要求重复提交营业执照复印件，系统中已有电子证照。",
    )
    if other is not None:
        complaint_transfer(
            actor=clerk, complaint=complaint, to_department=other, reason="该窗口由行政服务中心统一管理"
        )
    if not HotlineClient.objects.filter(name=HOTLINE_NAME).exists():
        issued = hotline_client_create(actor=None, name=HOTLINE_NAME, region=county, actor_label="load_demo")
        handed = {"name": HOTLINE_NAME, "token": issued.token, "url": "/api/v1/hotline/tickets/"}
        file_replace(
            settings.VAR_DIR / "demo-hotline-client.json", json.dumps(handed, ensure_ascii=False).encode()
        )
    return 4
