"""Forms of the window real-name service: the ID number to look up, the card check, the reveal reason."""

from typing import Any

from django import forms


class IdNumberForm(forms.Form):
    id_number = forms.CharField(
        label="身份证号码",
        max_length=30,
        error_messages={"required": "请填写身份证号码"},
        help_text="输入申请人身份证上的完整 18 位号码（仅精确匹配，不支持模糊查询）",
    )


class WindowVerifyForm(forms.Form):
    confirmed = forms.BooleanField(
        label="已核对身份证原件，人证一致",
        error_messages={"required": "请先核对身份证原件并确认人证一致"},
    )
    card_expiry = forms.DateField(
        label="证件有效期至",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "请按 年-月-日 填写有效期，如 2035-06-30"},
    )
    long_term = forms.BooleanField(label="长期有效", required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            not cleaned.get("long_term")
            and not cleaned.get("card_expiry")
            and "card_expiry" not in self.errors
        ):
            self.add_error("card_expiry", "请填写身份证有效期限，或勾选“长期有效”")
        return cleaned


class RevealForm(forms.Form):
    reason = forms.CharField(
        label="查看事由",
        max_length=200,
        min_length=2,
        error_messages={"required": "查看完整身份证号码须填写事由", "min_length": "事由至少 2 个字"},
    )
