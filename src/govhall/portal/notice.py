"""一次性告知单 — the one-time notice PDF of a live guide: everything an applicant needs on one sheet.

Item, department, conditions, the full materials list with requirements, time limits, fees,
place and hours, phones and the date printed. Layout and the embedded CJK font come from
``core.pdf``; the content comes from ``guide.Guide``.
"""

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from govhall.catalog.application_forms import scenario_answers_clean, scenario_materials
from govhall.core.pdf import PdfStyles, content_width, pdf_render, pdf_styles, pdf_table, pdf_text

from .guide import Guide
from .templatetags.portal_format import yuan


def notice_filename(guide: Guide) -> str:
    return f"一次性告知单-{guide.implementation.name}.pdf"


def notice_for_scenario(guide: Guide, query: Mapping[str, str]) -> tuple[Guide, list[str]]:
    """The guide narrowed to the materials that apply under the scenario answers in ``query``
    (``?apply_kind=renewal``), with the answers as lines for the notice. Answers that are missing
    or invalid are ignored: the notice then lists every material."""
    scenario = guide.version.scenario or {}
    questions = scenario.get("questions") or []
    if not questions:
        return guide, []
    try:
        answers = scenario_answers_clean(scenario, {q["key"]: query.get(q["key"], "") for q in questions})
    except ValidationError:
        return guide, []
    applicable = {m.position for m in scenario_materials(guide.version.materials.all(), answers)}
    lines = [
        f"{q['label']}：{next(o['label'] for o in q['options'] if o['value'] == answers[q['key']])}"
        for q in questions
    ]
    return replace(guide, materials=[m for m in guide.materials if m.position in applicable]), lines


def notice_pdf(
    guide: Guide, *, printed_at: datetime | None = None, scenario: list[str] | None = None
) -> bytes:
    """The notice as PDF bytes; ``scenario`` lists the applicant's answers when the materials were narrowed."""
    printed = timezone.localtime(printed_at or timezone.now()).strftime("%Y年%m月%d日 %H:%M")
    site_name = settings.GOVHALL["SITE_NAME"]
    return pdf_render(
        _flowables(guide, pdf_styles(), printed, scenario or []),
        title=f"一次性告知单：{guide.implementation.name}",
        author=guide.implementation.department.name,
        footer=f"{site_name} · 事项编码 {guide.implementation.code} · 打印时间 {printed}",
    )


def _flowables(guide: Guide, styles: PdfStyles, printed: str, scenario: list[str]) -> list[Flowable]:
    implementation, version = guide.implementation, guide.version
    width = content_width()
    parts: list[Flowable] = [
        pdf_text("一次性告知单", styles.title),
        pdf_text(f"事项名称：{implementation.name}", styles.heading),
        pdf_text(f"实施部门：{implementation.department.name}（{implementation.region.name}）", styles.body),
        pdf_text(f"事项类型：{guide.item_type}", styles.body),
        pdf_text(f"基本编码：{guide.item.code}", styles.body),
        pdf_text(f"服务对象：{'、'.join(guide.audiences) or '—'}", styles.body),
        *[pdf_text(f"适用情形：{line}", styles.body) for line in scenario],
        pdf_text("一、受理条件", styles.heading),
        pdf_text(version.conditions or "无特别条件", styles.body),
        pdf_text(
            f"二、申请材料（共 {len(guide.materials)} 项{'，按所选情形列出' if scenario else ''}）",
            styles.heading,
        ),
    ]
    if guide.materials:
        rows = [
            [
                str(m.position),
                m.name + (f"\n{m.notes}" if m.notes else ""),
                m.requirement_text,
                m.form,
                m.original,
                str(m.copies),
                m.source,
            ]
            for m in guide.materials
        ]
        parts.append(
            pdf_table(
                ["序号", "材料名称", "必要性", "形式", "原件/复印件", "份数", "来源"],
                rows,
                widths=_widths(width, [10, 36, 24, 15, 17, 10, 24]),
                styles=styles,
            )
        )
    else:
        parts.append(pdf_text("无需提交材料", styles.body))
    parts += [
        pdf_text("三、办理时限", styles.heading),
        pdf_text(f"法定办结时限：{guide.statutory_limit}；承诺办结时限：{guide.promised_limit}", styles.body),
        pdf_text("四、收费", styles.heading),
    ]
    if version.is_free or not guide.fees:
        parts.append(pdf_text("不收费", styles.body))
    else:
        parts.append(
            pdf_table(
                ["收费项目", "收费标准", "收费依据"],
                [[fee.name, yuan(fee.amount), fee.basis] for fee in guide.fees],
                widths=_widths(width, [30, 20, 50]),
                styles=styles,
            )
        )
    parts += [
        pdf_text("五、办理地点与时间", styles.heading),
        pdf_text(f"办理地点：{version.service_location or '—'}", styles.body),
        pdf_text(f"办理时间：{version.service_hours or '—'}", styles.body),
        pdf_text(f"到现场次数：{guide.visits}", styles.body),
        pdf_text("六、咨询与投诉", styles.heading),
        pdf_text(f"咨询电话：{version.consult_phone or '—'}", styles.body),
        pdf_text(f"监督投诉电话：{version.complaint_phone or '—'}", styles.body),
        Spacer(1, 6 * mm),
        pdf_text(
            f"本告知单依据第 {version.number} 版办事指南（{guide.published_on}发布）生成，打印时间：{printed}。"
            "申请人按本告知单提交齐全材料后，窗口不得要求补交告知单以外的材料。",
            styles.small,
        ),
    ]
    return parts


def _widths(total: float, shares: list[int]) -> list[float]:
    unit = total / sum(shares)
    return [share * unit for share in shares]
