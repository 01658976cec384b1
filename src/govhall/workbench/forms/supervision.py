"""Forms of the 电子监察 pages: the card filters, a new notice, an answer, a closure, the warning rule.

Field shapes only: who may do what, and what it does, is the ``supervision`` services' business.
"""

from __future__ import annotations

from typing import Any

from django import forms

from govhall.supervision.models import CardLevel, CardStatus, NoticeStatus, SubjectType, WarningRule
from govhall.supervision.selectors import card_filter_departments, card_filter_regions
from govhall.supervision.services.scan import RULE_LABELS

from .cases import DateInput


def _any(choices: Any) -> list[tuple[str, str]]:
    return [("", "全部"), *choices]


class CardFilterForm(forms.Form):
    level = forms.ChoiceField(label="等级", required=False, choices=_any(CardLevel.choices))
    status = forms.ChoiceField(label="状态", required=False, choices=_any(CardStatus.choices))
    rule = forms.ChoiceField(label="规则", required=False, choices=[])
    department = forms.ModelChoiceField(
        label="责任部门", required=False, queryset=card_filter_departments(region_path="-").none()
    )
    region = forms.ModelChoiceField(
        label="区划", required=False, queryset=card_filter_regions(region_path="-").none()
    )
    date_from = forms.DateField(label="发牌日期自", required=False, widget=DateInput)
    date_to = forms.DateField(label="至", required=False, widget=DateInput)

    def __init__(self, *args: Any, region_path: str = "", region_wide: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = _any(
            sorted(RULE_LABELS.items(), key=lambda kv: kv[1]) + [("catalog_onboarding", "事项未上线")]
        )
        if region_wide:
            self.fields["department"].queryset = card_filter_departments(region_path=region_path)
            self.fields["region"].queryset = card_filter_regions(region_path=region_path)
        else:
            del self.fields["department"]
            del self.fields["region"]

    def selector_filters(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "level": data.get("level") or "",
            "status": data.get("status") or "",
            "rule": data.get("rule") or "",
            "department": data["department"].pk if data.get("department") else None,
            "region": data["region"].pk if data.get("region") else None,
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }


class NoticeFilterForm(forms.Form):
    status = forms.ChoiceField(label="状态", required=False, choices=_any(NoticeStatus.choices))


SUBJECT_CHOICES = [
    (SubjectType.CASE, "办件（按办件编号）"),
    (SubjectType.COMPLAINT, "投诉举报（按编号）"),
    (SubjectType.CONSULTATION, "咨询（按编号）"),
]


class NoticeForm(forms.Form):
    subject_type = forms.ChoiceField(label="督办对象类型", choices=SUBJECT_CHOICES, required=False)
    reference = forms.CharField(label="对象编号", max_length=40, required=False)
    requirement = forms.CharField(
        label="督办要求",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "请填写督办要求"},
    )


class NoticeAnswerForm(forms.Form):
    answer = forms.CharField(
        label="回复内容",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "请填写回复内容"},
    )


class NoticeCloseForm(forms.Form):
    remark = forms.CharField(
        label="办结意见",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写办结意见"},
    )


class WarningRuleForm(forms.ModelForm):
    reason = forms.CharField(label="修改理由", max_length=500, required=False)

    class Meta:
        model = WarningRule
        fields = [
            "yellow_remaining_days",
            "yellow_used_percent",
            "red_refusal_without_reason",
            "red_outside_system",
            "red_late_back_entry",
            "escalate_after_days",
            "notice_answer_days",
        ]

    def clean_yellow_used_percent(self) -> int:
        value = self.cleaned_data["yellow_used_percent"]
        if value > 100:
            raise forms.ValidationError("已用时限比例应在 0 到 100 之间")
        return value
