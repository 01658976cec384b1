"""Forms of the account pages (register, log in): field shape only, in Chinese.

The rules — ID number checksum, one account per ID number and phone, password policy, SMS codes —
live in ``identity.services.persons``; views copy its field errors onto these forms.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from govhall.identity.idnumber import id_number_clean
from govhall.identity.services.persons import name_clean, phone_clean


def _required(label: str) -> dict[str, str]:
    return {"required": f"请填写{label}"}


def _text(*, autocomplete: str, inputmode: str = "", **extra: Any) -> forms.TextInput:
    attrs = {"autocomplete": autocomplete, "spellcheck": "false", **extra}
    if inputmode:
        attrs["inputmode"] = inputmode
    return forms.TextInput(attrs=attrs)


class ErrorAttrsMixin:
    """Marks fields in error with ``aria-invalid`` and points them at their message."""

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        self.mark_errors()

    def mark_errors(self) -> None:
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:  # type: ignore[attr-defined]
                widget = self.fields[name].widget  # type: ignore[attr-defined]
                widget.attrs["aria-invalid"] = "true"
                auto_id = self[name].auto_id  # type: ignore[index]
                described = f"{auto_id}-error"
                if self.fields[name].help_text:  # type: ignore[attr-defined]
                    described += f" {auto_id}_helptext"
                widget.attrs["aria-describedby"] = described

    def add_service_errors(self, exc: ValidationError) -> None:
        """Copy a service's ``ValidationError`` (by field when it names one) onto the form."""
        if hasattr(exc, "error_dict"):
            for field, messages in exc.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)  # type: ignore[attr-defined]
        else:
            self.add_error(None, exc.messages)  # type: ignore[attr-defined]
        self.mark_errors()


PHONE_FIELD_KWARGS: dict[str, Any] = {
    "label": "手机号码",
    "max_length": 20,
    "error_messages": _required("手机号码"),
    "widget": forms.TextInput(
        attrs={
            "type": "tel",
            "autocomplete": "tel-national",
            "inputmode": "numeric",
            "placeholder": "11 位手机号码",
        }
    ),
}
CODE_FIELD_KWARGS: dict[str, Any] = {
    "label": "短信验证码",
    "max_length": 6,
    "error_messages": {"required": "请填写短信验证码", "max_length": "验证码为 6 位数字"},
    "widget": _text(
        autocomplete="one-time-code", inputmode="numeric", placeholder="6 位数字", pattern=r"\d{6}"
    ),
}


class RegisterForm(ErrorAttrsMixin, forms.Form):
    phone = forms.CharField(**PHONE_FIELD_KWARGS)
    sms_code = forms.CharField(**CODE_FIELD_KWARGS)
    name = forms.CharField(
        label="姓名",
        max_length=50,
        error_messages={"required": "请填写与身份证一致的姓名", "max_length": "姓名最多 50 个字"},
        widget=_text(autocomplete="name"),
    )
    id_number = forms.CharField(
        label="身份证号码",
        max_length=30,
        error_messages={"required": "请填写身份证号码", "max_length": "身份证号码应为 18 位"},
        widget=_text(autocomplete="off", placeholder="18 位居民身份证号码"),
    )
    password = forms.CharField(
        label="登录密码",
        strip=False,
        max_length=128,
        error_messages=_required("登录密码"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="至少 10 位，包含小写字母、大写字母、数字、符号中的三类，不能是常见密码。",
    )
    password_confirm = forms.CharField(
        label="确认密码",
        strip=False,
        max_length=128,
        error_messages={"required": "请再次填写登录密码"},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    agree = forms.BooleanField(
        label="我已阅读并同意《用户服务协议》和《个人信息保护说明》",
        error_messages={"required": "请阅读并同意用户服务协议和个人信息保护说明"},
    )

    # Shape checks shared with the service, so every field's problem shows at the first submit.
    def clean_phone(self) -> str:
        return phone_clean(self.cleaned_data["phone"])

    def clean_name(self) -> str:
        return name_clean(self.cleaned_data["name"])

    def clean_id_number(self) -> str:
        return id_number_clean(self.cleaned_data["id_number"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("password")
            and data.get("password_confirm")
            and data["password"] != data["password_confirm"]
        ):
            self.add_error("password_confirm", "两次填写的密码不一致")
        return data


class PasswordLoginForm(ErrorAttrsMixin, forms.Form):
    login_id = forms.CharField(
        label="手机号码或身份证号码",
        max_length=30,
        error_messages=_required("手机号码或身份证号码"),
        widget=_text(autocomplete="username"),
    )
    password = forms.CharField(
        label="密码",
        strip=False,
        max_length=128,
        error_messages=_required("密码"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class SmsLoginForm(ErrorAttrsMixin, forms.Form):
    phone = forms.CharField(**PHONE_FIELD_KWARGS)
    sms_code = forms.CharField(**CODE_FIELD_KWARGS)

    def clean_phone(self) -> str:
        return phone_clean(self.cleaned_data["phone"])
