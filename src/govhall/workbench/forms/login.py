"""Forms of the staff login: password (step 1), the 6-digit TOTP code (step 2 and enrolment), and
the staff member's own password change (the rules themselves: ``identity.services.staff_password``)."""

from typing import Any

from django import forms


class StaffPasswordForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150, error_messages={"required": "请输入用户名"})
    password = forms.CharField(
        label="密码",
        max_length=128,
        strip=False,
        widget=forms.PasswordInput,
        error_messages={"required": "请输入密码"},
    )


class TotpCodeForm(forms.Form):
    code = forms.RegexField(
        label="动态口令",
        regex=r"^\s*\d{6}\s*$",
        max_length=12,
        error_messages={"required": "请输入 6 位动态口令", "invalid": "请输入 6 位数字动态口令"},
    )


def _password_field(label: str, autocomplete: str, required: str, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
        error_messages={"required": required},
        **kwargs,
    )


class StaffPasswordChangeForm(forms.Form):
    current = _password_field("当前密码", "current-password", "请输入当前密码")
    new = _password_field(
        "新密码",
        "new-password",
        "请输入新密码",
        help_text="至少 10 位，至少包含小写字母、大写字母、数字、符号中的三类；不能过于常见、"
        "不能与用户名相近，也不能与当前密码相同",
    )
    new_again = _password_field("再次输入新密码", "new-password", "请再次输入新密码")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("new") and data.get("new_again") and data["new"] != data["new_again"]:
            self.add_error("new_again", "两次输入的新密码不一致")
        return data
