"""Demo 好差评: two window cases of 食品经营许可 at 新罗区市场监督管理局 (陈晓梅 at the counter), accepted;
one rated 满意 at the window's device, one rated 不满意 on the web with its rectification open; and the
window's registered rating device. Idempotent: nothing is created when the demo device exists.

The device key is written to ``var/demo-rating-device.txt`` (pair a tablet by opening the URL in it).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from govhall.cases.selectors_ratings import case_for_rating
from govhall.cases.services.handling import case_accept
from govhall.cases.services.window import WindowApplicant, case_window_intake
from govhall.catalog.application_forms import scenario_materials
from govhall.catalog.models import ItemImplementation
from govhall.core.audit import audit_context_use
from govhall.demo.people import demo_person
from govhall.identity.selectors import staff_profile_for
from govhall.interaction.ratings.devices import rating_device_register
from govhall.interaction.ratings.models import RatingChannel, RatingDevice
from govhall.interaction.ratings.services import rating_give

DEVICE_NAME = "新罗区行政服务中心二楼市场监管 3 号窗口（演示）"
ITEM_CODE = "010010000027"  # 食品经营许可


FORM = {
    "operator_name": "龙岩市新罗区晓梅便利店",
    "business_address": "龙岩市新罗区西城街道中山路 88 号",
    "area": 45,
    "business_type": "食品销售经营者",
    "business_items": "预包装食品销售",
}


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (240, 240, 240)).save(out, "PNG")
    return out.getvalue()


def ratings_demo_load() -> int:
    """Create the demo ratings and device if missing; returns how many ratings were created."""
    if RatingDevice.objects.filter(name=DEVICE_NAME).exists():
        return 0
    users = get_user_model().objects.in_bulk(["xl_scjg_window", "xl_scjg_head"], field_name="username")
    clerk, head = users.get("xl_scjg_window"), users.get("xl_scjg_head")
    profile = staff_profile_for(clerk) if clerk is not None else None
    if head is None or profile is None or profile.department is None:
        return 0  # demo staff not loaded (--no-staff)
    implementation = ItemImplementation.objects.filter(
        department=profile.department, catalog_item__code=ITEM_CODE, handling_item__isnull=True
    ).first()
    if implementation is None or not implementation.is_live:
        return 0
    person = demo_person("陈晓梅")
    version = implementation.versions.get(pk=implementation.published_version_id)
    applicable = scenario_materials(list(version.materials.all()), {"apply_kind": "first"})
    scans = {m.position: [(f"{m.name[:20]}.png", _png())] for m in applicable if m.requirement == "required"}
    created = 0
    with audit_context_use(channel="command"), transaction.atomic():
        device, key = rating_device_register(actor=head, department=profile.department, name=DEVICE_NAME)
        for level, channel in (("satisfied", RatingChannel.DEVICE), ("dissatisfied", RatingChannel.WEB)):
            case = case_window_intake(
                clerk=clerk,
                who=WindowApplicant(id_number=person.id_number, name=person.name),
                implementation_code=implementation.code,
                scenario_answers={"apply_kind": "first"},
                form_data=FORM,
                scans=scans,
                delivery="window",
            )
            case_accept(actor=clerk, case=case, opinion="材料齐全，予以受理")
            snapshot = case_for_rating(case_id=case.pk)
            rating_give(
                case=snapshot,
                stage="acceptance",
                level=level,
                channel=channel,
                rater=None,
                comment="" if level == "satisfied" else "窗口排队时间太长，工作人员解释不清",
                actor_label="演示数据",
            )
            created += 1
    path = Path(settings.VAR_DIR) / "demo-rating-device.txt"
    try:
        base = str(settings.GOVHALL["SITE_URL"]).rstrip("/")
        path.write_text(f"{DEVICE_NAME}\n{base}/ratings/device/pair/{key}/\n", encoding="utf-8")
    except OSError:
        pass
    return created
