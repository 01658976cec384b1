"""Forms of the staff login: password (step 1) and the 6-digit TOTP code (step 2 and enrolment)."""

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
