"""Forms of the enterprise pages (certificate login and binding, agents): field shape only, in Chinese.

The rules — chain and signature checks, who may grant, agent identity, validity dates — live in
``identity.certificates`` and ``identity.services.enterprises``; views copy their errors here.
Item codes are checked against the basic catalog so a mandate never names an unknown item.
"""

import re
from datetime import timedelta
from typing import Any

from django import forms
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils import timezone

from govhall.catalog.selectors import catalog_item_get

from .forms_account import ErrorAttrsMixin

SCOPE_CHOICES = [("all", "全部事项"), ("chosen", "指定事项")]


class CertificateForm(ErrorAttrsMixin, forms.Form):
    """The certificate (PEM) and the base64 signature over the challenge shown on the page."""

    nonce = forms.CharField(widget=forms.HiddenInput, max_length=64)
    certificate_pem = forms.CharField(
        label="数字证书（PEM）",
        max_length=20000,
        error_messages={"required": "请选择证书文件，或粘贴 PEM 格式的证书"},
        widget=forms.Textarea(
            attrs={"rows": 6, "spellcheck": "false", "class": "mono", "data-certificate": ""}
        ),
    )
    signature = forms.CharField(
        label="签名（base64）",
        max_length=2000,
        error_messages={"required": "请用证书私钥对挑战码签名（选择私钥文件，或粘贴签名软件输出的签名）"},
        widget=forms.Textarea(
            attrs={"rows": 3, "spellcheck": "false", "class": "mono", "data-signature": ""}
        ),
    )


def item_codes_parse(text: str) -> list[str]:
    """Basic catalog codes separated by spaces, commas or new lines; each must exist."""
    codes = [code for code in re.split(r"[\s,，、;；]+", text or "") if code]
    unknown = []
    for code in codes:
        try:
            catalog_item_get(code=code)
        except ObjectDoesNotExist:
            unknown.append(code)
    if unknown:
        raise ValidationError(f"基本目录中没有以下事项编码：{'、'.join(unknown)}")
    return codes


class MandateGrantForm(ErrorAttrsMixin, forms.Form):
    agent_name = forms.CharField(
        label="经办人姓名", max_length=50, error_messages={"required": "请填写经办人姓名"}
    )
    agent_id_number = forms.CharField(
        label="经办人身份证号码",
        max_length=18,
        error_messages={"required": "请填写经办人身份证号码"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    scope = forms.ChoiceField(
        label="授权范围", choices=SCOPE_CHOICES, initial="all", widget=forms.RadioSelect
    )
    item_codes = forms.CharField(
        label="指定事项的基本编码",
        required=False,
        help_text="选择“指定事项”时填写，多个编码用空格或逗号分隔",
        widget=forms.Textarea(attrs={"rows": 2, "spellcheck": "false"}),
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        today = timezone.localdate()
        kwargs.setdefault(
            "initial", {"valid_from": today, "valid_until": today + timedelta(days=365), "scope": "all"}
        )
        super().__init__(*args, **kwargs)

    def clean_item_codes(self) -> list[str]:
        return item_codes_parse(self.cleaned_data.get("item_codes", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("scope") == "chosen" and not data.get("item_codes") and "item_codes" not in self.errors:
            self.add_error("item_codes", "选择“指定事项”时请至少填写一个事项编码")
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "agent_id_number": data["agent_id_number"],
            "agent_name": data["agent_name"],
            "all_items": data["scope"] == "all",
            "item_codes": data["item_codes"],
            "valid_from": data["valid_from"],
            "valid_until": data["valid_until"],
        }


class MandateRevokeForm(ErrorAttrsMixin, forms.Form):
    reason = forms.CharField(
        label="撤销原因",
        max_length=300,
        min_length=2,
        error_messages={"required": "请填写撤销原因", "min_length": "请填写撤销原因"},
    )
