"""The audit log's filters (GET, and repeated as hidden fields by the export form)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings

from govhall.core.audit_labels import CHANNEL_LABELS

CHANNEL_CHOICES = [("", "全部渠道"), *CHANNEL_LABELS.items()]


class DateInput(forms.DateInput):
    input_type = "date"


class AuditFilterForm(forms.Form):
    action = forms.CharField(
        label="操作",
        required=False,
        max_length=80,
        help_text="完整操作代码，或以“.”结尾的类别（如 identity.）",
        widget=forms.TextInput(attrs={"list": "audit-actions", "autocomplete": "off"}),
    )
    actor = forms.CharField(label="操作人用户名", required=False, max_length=150)
    object_type = forms.CharField(label="对象类型", required=False, max_length=80)
    object_id = forms.CharField(label="对象标识", required=False, max_length=80)
    on_behalf_of = forms.CharField(label="代表", required=False, max_length=80)
    channel = forms.ChoiceField(label="渠道", required=False, choices=CHANNEL_CHOICES)
    date_from = forms.DateField(label="起始日期", required=False, widget=DateInput)
    date_to = forms.DateField(label="截止日期", required=False, widget=DateInput)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("object_id") and not cleaned.get("object_type"):
            self.add_error("object_type", "按对象标识筛选时须同时填写对象类型")
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "截止日期不能早于起始日期")
        return cleaned

    def selector_filters(self) -> dict[str, Any]:
        """The cleaned filters as ``core.audit_selectors.audit_entry_list`` takes them (dates → local days)."""
        data = self.cleaned_data
        zone = ZoneInfo(settings.TIME_ZONE)
        start, end = data.get("date_from"), data.get("date_to")
        return {
            "action": data.get("action") or "",
            "actor": data.get("actor") or "",
            "object_type": data.get("object_type") or "",
            "object_id": data.get("object_id") or "",
            "on_behalf_of": data.get("on_behalf_of") or "",
            "channel": data.get("channel") or "",
            "since": datetime.combine(start, time.min, zone) if start else None,
            "until": datetime.combine(end + timedelta(days=1), time.min, zone) if end else None,
        }

    def described(self) -> dict[str, str]:
        """The filters as text (for the export's own audit entry)."""
        return {name: str(value) for name, value in self.cleaned_data.items() if value not in (None, "")}
