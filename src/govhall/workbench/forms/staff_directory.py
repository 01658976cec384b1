"""Forms of the operators' staff directory: filters, a staff account (new or edited), a reason.

Region and department choices are limited to the operator's region subtree and come from
``govhall.directory.selectors``; the rules (department of the staff's own region, roles that need
a department, password strength) are checked by ``identity.services.staff``.
"""

from typing import Any

from django import forms

from govhall.directory.selectors import department_list, region_list, region_switcher_choices
from govhall.identity.models import StaffRole
from govhall.identity.scope import StaffScope


def _regions(scope: StaffScope, current_region_id: int | None = None) -> Any:
    regions = region_switcher_choices().filter(path__startswith=scope.region_path)
    if current_region_id is not None:
        regions = regions | region_list().filter(pk=current_region_id)
    return regions.order_by("code")


def _departments(scope: StaffScope) -> Any:
    return department_list().filter(region__path__startswith=scope.region_path)


class DepartmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.region.name} · {obj.name}"


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.short_code}）"


class StaffFilterForm(forms.Form):
    q = forms.CharField(label="姓名或用户名", required=False, max_length=50)
    region = forms.ChoiceField(label="所属区划", required=False)
    department = forms.TypedChoiceField(label="所属部门", required=False, coerce=int, empty_value=None)
    role = forms.ChoiceField(label="角色", required=False, choices=[("", "全部角色"), *StaffRole.choices])

    def __init__(self, *args: Any, scope: StaffScope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [  # type: ignore[attr-defined]
            ("", "全部区划"),
            *[(region.code, region.name) for region in _regions(scope)],
        ]
        self.fields["department"].choices = [  # type: ignore[attr-defined]
            ("", "全部部门"),
            *[(d.pk, f"{d.region.name} · {d.name}") for d in _departments(scope)],
        ]


class StaffAccountForm(forms.Form):
    """A staff account; ``new=True`` adds username and the initial password."""

    username = forms.CharField(
        label="用户名",
        max_length=40,
        help_text="3–40 位小写英文字母、数字、下划线、点或连字符，以字母开头；创建后不能修改",
    )
    display_name = forms.CharField(label="姓名", max_length=50)
    region = RegionChoiceField(label="所属区划", queryset=None, empty_label="请选择", to_field_name="code")
    department = DepartmentChoiceField(
        label="所属部门",
        queryset=None,
        required=False,
        empty_label="（不属于具体部门）",
        help_text="须为所属区划本级的部门；窗口人员、审批人员、部门负责人必须指定",
    )
    roles = forms.MultipleChoiceField(
        label="角色",
        choices=StaffRole.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请至少选择一个角色"},
    )
    initial_password = forms.CharField(
        label="初始密码",
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="至少 10 位，不能过于简单或与用户名相近；请当面或通过安全渠道告知本人",
    )
    initial_password_again = forms.CharField(
        label="再次输入初始密码",
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(
        self, *args: Any, scope: StaffScope, new: bool, current_region_id: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.new = new
        self.fields["region"].queryset = _regions(scope, current_region_id)  # type: ignore[attr-defined]
        self.fields["department"].queryset = _departments(scope)  # type: ignore[attr-defined]
        if not new:
            for name in ("username", "initial_password", "initial_password_again"):
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.new and data.get("initial_password") != data.get("initial_password_again"):
            self.add_error("initial_password_again", "两次输入的初始密码不一致")
        return data


class StaffReasonForm(forms.Form):
    reason = forms.CharField(
        label="原因",
        max_length=300,
        min_length=2,
        error_messages={"required": "请填写原因（至少 2 个字）", "min_length": "请填写原因（至少 2 个字）"},
    )


class StaffPasswordResetForm(StaffReasonForm):
    """An operator's new password for a staff member, typed twice, and the reason."""

    field_order = ["new_password", "new_password_again", "reason"]

    new_password = forms.CharField(
        label="新密码",
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="至少 10 位，至少包含三类字符；本人下次登录时须修改。请当面或通过安全渠道告知本人",
        error_messages={"required": "请输入新密码"},
    )
    new_password_again = forms.CharField(
        label="再次输入新密码",
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "请再次输入新密码"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("new_password") and data.get("new_password") != data.get("new_password_again"):
            self.add_error("new_password_again", "两次输入的新密码不一致")
        return data
