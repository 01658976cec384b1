"""Forms of the window's enterprise pages: find by credit code, grant and revoke on the representative's behalf."""

import re
from datetime import timedelta
from typing import Any

from django import forms
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils import timezone

from govhall.catalog.selectors import catalog_item_get


class EnterpriseFindForm(forms.Form):
    credit_code = forms.CharField(
        label="统一社会信用代码",
        max_length=18,
        min_length=18,
        error_messages={"required": "请填写统一社会信用代码", "min_length": "统一社会信用代码为 18 位"},
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off", "class": "input-wide"}),
    )

    def clean_credit_code(self) -> str:
        return self.cleaned_data["credit_code"].strip().upper()


class WindowMandateGrantForm(forms.Form):
    agent_name = forms.CharField(
        label="经办人姓名", max_length=50, error_messages={"required": "请填写经办人姓名"}
    )
    agent_id_number = forms.CharField(
        label="经办人身份证号码", max_length=18, error_messages={"required": "请填写经办人身份证号码"}
    )
    all_items = forms.BooleanField(label="授权全部事项", required=False, initial=True)
    item_codes = forms.CharField(
        label="指定事项的基本编码",
        required=False,
        help_text="不勾选“授权全部事项”时填写，多个编码用空格或逗号分隔",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    valid_from = forms.DateField(
        label="生效日期",
        error_messages={"required": "请填写生效日期", "invalid": "日期格式应为 2026-01-31"},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    valid_until = forms.DateField(
        label="截止日期",
        error_messages={"required": "请填写截止日期", "invalid": "日期格式应为 2026-01-31"},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reason = forms.CharField(
        label="办理依据",
        max_length=300,
        help_text="如：法定代表人出具授权委托书，已核验原件",
        error_messages={"required": "请填写办理依据"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        today = timezone.localdate()
        kwargs.setdefault(
            "initial", {"valid_from": today, "valid_until": today + timedelta(days=365), "all_items": True}
        )
        super().__init__(*args, **kwargs)

    def clean_item_codes(self) -> list[str]:
        codes = [code for code in re.split(r"[\s,，、;；]+", self.cleaned_data.get("item_codes", "")) if code]
        unknown = []
        for code in codes:
            try:
                catalog_item_get(code=code)
            except ObjectDoesNotExist:
                unknown.append(code)
        if unknown:
            raise ValidationError(f"基本目录中没有以下事项编码：{'、'.join(unknown)}")
        return codes

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in (
                "agent_name",
                "agent_id_number",
                "all_items",
                "item_codes",
                "valid_from",
                "valid_until",
                "reason",
            )
        }


class WindowMandateRevokeForm(forms.Form):
    reason = forms.CharField(
        label="撤销原因", max_length=300, min_length=2, error_messages={"required": "请填写撤销原因"}
    )
