"""Forms of the operators' single sign-on pages: registering a department system, an upstream provider."""

from django import forms

from govhall.directory.selectors import department_list
from govhall.identity.models import AssuranceLevel


def _lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


class SsoClientForm(forms.Form):
    name = forms.CharField(label="接入系统名称", max_length=100)
    department = forms.ModelChoiceField(
        label="所属部门",
        queryset=department_list().order_by("name"),
        required=False,
        empty_label="（不指定）",
    )
    redirect_uris = forms.CharField(
        label="登录回调地址",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="每行一个，须与接入系统实际使用的地址完全一致（https；本机调试可用 http://localhost）",
    )
    post_logout_redirect_uris = forms.CharField(
        label="退出后回调地址",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="每行一个，可不填",
    )
    confidential = forms.BooleanField(
        label="机密客户端（有服务端，可保管密钥）", required=False, initial=True
    )
    skip_consent = forms.BooleanField(label="本平台内部系统，免用户授权确认", required=False)
    may_read_id_number = forms.BooleanField(
        label="允许获取完整身份证号码（须有法定依据，每次获取均记入审计）", required=False
    )
    purpose = forms.CharField(label="用途说明", max_length=300, required=False)

    def clean_redirect_uris(self) -> list[str]:
        return _lines(self.cleaned_data["redirect_uris"])

    def clean_post_logout_redirect_uris(self) -> list[str]:
        return _lines(self.cleaned_data["post_logout_redirect_uris"])

    def clean(self):
        data = super().clean()
        if data.get("may_read_id_number") and not (data.get("purpose") or "").strip():
            self.add_error("purpose", "允许获取完整身份证号码时须填写用途说明")
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label="原因", max_length=300, min_length=2)


class UpstreamProviderForm(forms.Form):
    slug = forms.SlugField(label="标识（英文）", max_length=50)
    name = forms.CharField(label="名称", max_length=100)
    issuer = forms.URLField(
        label="Issuer",
        max_length=300,
        assume_scheme="https",
        help_text="对方发现文档地址去掉 /.well-known/openid-configuration",
    )
    client_id = forms.CharField(label="Client ID", max_length=200)
    client_secret = forms.CharField(
        label="Client secret", max_length=200, widget=forms.PasswordInput, required=False
    )
    scopes = forms.CharField(label="Scopes", max_length=200, initial="openid profile id_number")
    id_number_claim = forms.CharField(label="身份证号码声明", max_length=50, initial="id_number")
    name_claim = forms.CharField(label="姓名声明", max_length=50, initial="name")
    level_map = forms.CharField(
        label="等级映射",
        required=False,
        max_length=300,
        help_text="每行“对方 acr 值 = L1/L2/L3”，例如 “loa3 = L3”",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    default_level = forms.ChoiceField(
        label="默认等级", choices=AssuranceLevel.choices, initial=AssuranceLevel.L2
    )

    def clean_level_map(self) -> dict[str, str]:
        mapping: dict[str, str] = {}
        for line in _lines(self.cleaned_data["level_map"]):
            acr, sep, level = (part.strip() for part in line.partition("="))
            if not sep or not acr or level not in AssuranceLevel.values:
                raise forms.ValidationError(f"无法识别的映射：“{line}”，格式为“acr = L1/L2/L3”")
            mapping[acr] = level
        return mapping
