"""Forms of the import/export and consistency pages: filters in the manager's scope and the upload."""

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class _ScopeFilterForm(forms.Form):
    region = forms.ChoiceField(label="区划（含下级）", required=False)
    basic_code = forms.RegexField(
        label="基本编码",
        required=False,
        regex=r"^[0-9A-Za-z]{12}$",
        max_length=12,
        error_messages={"invalid": "基本编码应为 12 位数字或字母"},
    )

    def __init__(self, *args: Any, regions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", "本人管理范围内全部"), *regions]  # type: ignore[attr-defined]

    def clean_basic_code(self) -> str:
        return str(self.cleaned_data.get("basic_code") or "").upper()


class ExportForm(_ScopeFilterForm):
    """下载模板/导出: which implementations, and whether open drafts replace the published version."""

    status = forms.ChoiceField(label="事项状态", required=False)
    drafts = forms.BooleanField(label="有草稿或待审核版本时导出该版本", required=False)

    def __init__(self, *args: Any, statuses: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "全部状态"), *statuses]  # type: ignore[attr-defined]


class ConsistencyForm(_ScopeFilterForm):
    """一致性检查: where and which item to check."""


class ImportForm(forms.Form):
    file = forms.FileField(
        label="已填写的模板（.xlsx）",
        error_messages={"required": "请选择要导入的文件"},
        help_text="请使用本页下载的模板填写；一个文件全部校验通过才会导入，导入结果为草稿。",
    )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("只能导入 .xlsx 格式的 Excel 文件")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"文件不能超过 {MAX_UPLOAD_BYTES // 1024 // 1024} MB，请分批导入")
        return upload
