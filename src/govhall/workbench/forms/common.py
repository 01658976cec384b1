"""Small workbench forms: list filters, reasons for status changes and reviews, the new-implementation picker."""

from typing import Any

from django import forms

REASON_REQUIRED = {"required": "请说明原因"}

OPEN_STATE_CHOICES = [
    ("", "不限"),
    ("any", "有草稿或待审核"),
    ("draft", "有草稿"),
    ("pending", "待审核"),
    ("none", "无"),
]
SORT_CHOICES = [
    ("code", "实施编码"),
    ("name", "事项名称"),
    ("-name", "事项名称（倒序）"),
    ("department", "实施主体"),
    ("region", "实施区划"),
    ("status", "状态"),
]


class ImplementationFilterForm(forms.Form):
    """Filters of the implementation list (GET)."""

    q = forms.CharField(label="名称或编码", required=False, max_length=100)
    region = forms.ChoiceField(label="区划", required=False)
    department = forms.TypedChoiceField(label="实施主体", required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label="状态", required=False)
    open_state = forms.ChoiceField(label="草稿/待审核", required=False, choices=OPEN_STATE_CHOICES)
    sort = forms.ChoiceField(label="排序", required=False, choices=SORT_CHOICES)

    def __init__(
        self,
        *args: Any,
        regions: list[tuple[str, str]],
        departments: list[tuple[Any, str]],
        statuses: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "全部状态"), *statuses]  # type: ignore[attr-defined]
        self.fields["region"].choices = [("", "全部区划"), *regions]  # type: ignore[attr-defined]
        self.fields["department"].choices = [("", "全部部门"), *departments]  # type: ignore[attr-defined]


class StatusChangeForm(forms.Form):
    """暂停 / 恢复 / 取消 an implementation, with a reason."""

    action = forms.ChoiceField(
        label="操作", choices=[("suspended", "暂停"), ("resumed", "恢复"), ("withdrawn", "取消")]
    )
    reason = forms.CharField(
        label="原因", widget=forms.Textarea(attrs={"rows": 2}), error_messages=REASON_REQUIRED
    )


class ApproveForm(forms.Form):
    comment = forms.CharField(
        label="审核意见（可选）", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="退回理由",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "退回时必须说明理由"},
    )


class NewImplementationForm(forms.Form):
    """Step two of 新建实施清单: the handling item (if any) and the implementing department."""

    handling_item = forms.TypedChoiceField(label="业务办理项", required=False, coerce=int, empty_value=None)
    department = forms.TypedChoiceField(
        label="实施主体", coerce=int, error_messages={"required": "请选择实施主体"}
    )

    def __init__(
        self,
        *args: Any,
        handling_items: list[tuple[int, str]],
        departments: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handling_item"].choices = [("", "不区分业务办理项"), *handling_items]  # type: ignore[attr-defined]
        self.fields["department"].choices = [("", "请选择"), *departments]  # type: ignore[attr-defined]


class VersionCompareForm(forms.Form):
    """?a=1&b=3 on the version list."""

    a = forms.TypedChoiceField(label="从版本", coerce=int)
    b = forms.TypedChoiceField(label="到版本", coerce=int)

    def __init__(self, *args: Any, numbers: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(n, f"第 {n} 版") for n in numbers]
        self.fields["a"].choices = choices  # type: ignore[attr-defined]
        self.fields["b"].choices = choices  # type: ignore[attr-defined]


class BasicFilterForm(forms.Form):
    q = forms.CharField(label="名称或基本编码", required=False, max_length=100)
    item_type = forms.ChoiceField(label="事项类型", required=False)

    def __init__(self, *args: Any, item_types: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item_type"].choices = [("", "全部类型"), *item_types]  # type: ignore[attr-defined]


class CatalogItemEditForm(forms.Form):
    """The editable inherited elements of a basic item, and why they change."""

    name = forms.CharField(
        label="事项名称",
        max_length=200,
        error_messages={"required": "事项名称不能为空"},
        widget=forms.TextInput(attrs={"class": "input-wide"}),
    )
    legal_basis = forms.CharField(
        label="设定依据",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "设定依据不能为空"},
    )
    competent_department = forms.CharField(label="主管部门", required=False, max_length=100)
    is_active = forms.BooleanField(label="有效", required=False)
    reason = forms.CharField(
        label="变更原因",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "请说明变更原因"},
        help_text="将记入变更记录，并同步到所有实施清单。",
    )
