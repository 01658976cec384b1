"""A case's timeline in plain Chinese, for its applicant (我的办件) and the public progress query.

Only events marked public are ever passed in (``cases.selectors.timeline(public_only=True)``);
internal steps such as a colleague claiming a task are left out here as well. The public
progress query shows the sentence and the department, never an opinion or a person's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

# What happened, said to the applicant. ``None``: not shown to the applicant.
PLAIN: dict[str, str | None] = {
    "submitted": "申请已提交",
    "window_visit": "到窗口办理",
    "claimed": "工作人员已接收您的申请",
    "released": None,
    "accepted": "申请已受理，开始计算办理时限",
    "deemed_accepted": "5 个工作日内未作出受理决定，依法自收件之日起视为受理",
    "refused": "决定不予受理",
    "correction_requested": "材料需要补正：已一次性告知需补正的全部材料",
    "corrected": "已提交补正材料，等待重新受理",
    "extension_requested": "办理部门申请延长办理时限",
    "extended": "经批准延长办理时限",
    "extension_rejected": "延长办理时限的申请未获批准，按原时限办理",
    "special_started": "进入特别程序，期间不计入办理时限",
    "special_ended": "特别程序结束，继续计算办理时限",
    "approved": "审批通过：准予许可",
    "denied": "审批结果：不予许可",
    "withdrawn": "申请已撤回",
    "licence_issued": "电子证照已签发，可在“我的证照”中查看和下载",
    "result_collected": "已在窗口领取办理结果",
    "back_entered": "窗口补录办件信息",
}

STATUS_BADGES = {
    "submitted": "badge--type",
    "correction": "badge--warn",
    "in_review": "badge--type",
    "completed": "badge--visits",
    "refused": "badge--muted",
    "withdrawn": "badge--muted",
}


@dataclass(frozen=True)
class TimelineRow:
    at: Any
    text: str
    department: str
    opinion: str
    attachment: str  # the ``case_document`` name of a public attachment, or ""


def timeline_rows(events: list[Any], *, with_opinions: bool) -> list[TimelineRow]:
    rows = []
    for event in events:
        text = PLAIN.get(event.kind, event.get_kind_display())
        if text is None:
            continue
        if event.kind == "window_visit" and event.opinion and with_opinions:
            text = f"到窗口办理：{event.opinion}"
        if event.kind in ("special_started", "special_ended") and event.data.get("label"):
            text = text.replace("特别程序", f"特别程序（{event.data['label']}）", 1)
        opinion = event.opinion if with_opinions and event.kind != "window_visit" else ""
        rows.append(
            TimelineRow(
                at=timezone.localtime(event.at),
                text=text,
                department=event.department.name if event.department_id else "",
                opinion=opinion,
                attachment=f"event-{event.pk}" if with_opinions and event.attachment else "",
            )
        )
    return rows
