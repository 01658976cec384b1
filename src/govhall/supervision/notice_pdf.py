"""The printable 督办通知单 (PDF, CJK font embedded via ``core.pdf``): number, subject, requirement,
deadline, the department's answer and the closure, and who issued it. Pure rendering; never writes."""

from __future__ import annotations

from django.utils import timezone
from reportlab.lib.units import mm

from govhall.core.pdf import content_width, pdf_render, pdf_styles, pdf_table, pdf_text

from .models import Notice


def _who(user) -> str:  # type: ignore[no-untyped-def]
    if user is None:
        return "—"
    profile = getattr(user, "staff_profile", None)
    return profile.display_name if profile is not None else user.get_username()


def _when(moment) -> str:  # type: ignore[no-untyped-def]
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"


def notice_pdf(notice: Notice) -> bytes:
    styles = pdf_styles()
    width = content_width()
    rows = [
        ("督办编号", notice.number),
        ("督办对象", f"{notice.get_subject_type_display()}：{notice.subject_label}"),
        ("被督办部门", notice.department.name),
        ("督办单位", f"{notice.issuer_region.name}效能监察（{_who(notice.issued_by)}）"),
        ("督办时间", _when(notice.issued_at)),
        ("回复期限", notice.answer_due.isoformat()),
        ("状态", notice.get_status_display() + ("（逾期回复）" if notice.answered_late else "")),
    ]
    if notice.escalated_at:
        rows.append(("逾期升级", f"{_when(notice.escalated_at)} 升级至 {notice.escalated_to or '—'}"))
    flowables = [
        pdf_text("督办通知单", styles.title),
        pdf_text(notice.number, styles.small),
        pdf_table(["项目", "内容"], rows, widths=[30 * mm, width - 30 * mm], styles=styles),
        pdf_text("督办要求", styles.heading),
        pdf_text(notice.requirement, styles.body),
        pdf_text("部门回复", styles.heading),
        pdf_text(
            f"{notice.answer}\n（{_who(notice.answered_by)}，{_when(notice.answered_at)}）"
            if notice.answer
            else "尚未回复",
            styles.body,
        ),
        pdf_text("办结意见", styles.heading),
        pdf_text(
            f"{notice.closing_remark}\n（{_who(notice.closed_by)}，{_when(notice.closed_at)}）"
            if notice.closed_at
            else "尚未办结",
            styles.body,
        ),
    ]
    return pdf_render(
        flowables, title=f"督办通知单 {notice.number}", author=notice.issuer_region.name, footer=notice.number
    )
