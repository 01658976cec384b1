"""Forms of the workbench licence pages: filter the list, revoke or cancel with a reason, import a file."""

from typing import Any

from django import forms

from govhall.licences.models import LicenceStatus


class LicenceFilterForm(forms.Form):
    q = forms.CharField(
        label="关键词", required=False, max_length=120, help_text="证照标识、持证主体名称或办件编号"
    )
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部"), *LicenceStatus.choices])
    type_code = forms.ChoiceField(label="证照类型", required=False)

    def __init__(self, *args: Any, types: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["type_code"].choices = [("", "全部"), *types]


class LicenceStatusForm(forms.Form):
    action = forms.ChoiceField(choices=[("revoke", "撤销"), ("cancel", "注销")])
    reason = forms.CharField(
        label="原因",
        min_length=2,
        max_length=500,
        error_messages={"required": "请填写原因", "min_length": "原因至少 2 个字"},
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class LicenceImportForm(forms.Form):
    type_code = forms.ChoiceField(label="证照类型", error_messages={"required": "请选择证照类型"})
    file = forms.FileField(
        label="证照数据文件",
        help_text="Excel（.xlsx）或 CSV 文件，第一行为列名；不超过 5 MB、2000 条",
        error_messages={"required": "请选择要导入的文件"},
    )

    def __init__(self, *args: Any, types: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["type_code"].choices = [("", "请选择"), *types]
