"""Forms of the 好差评 pages: list filters, rectification, return visit, appeal, appeal decision, rule, device."""

from django import forms

from govhall.interaction.ratings.models import Level, RectificationStatus, Stage, VisitMethod, VisitReaction

DATE = forms.DateInput(attrs={"type": "date"})
TEXT = {"rows": 3}


class RatingFilterForm(forms.Form):
    q = forms.CharField(label="办件编号或事项", required=False, max_length=100)
    level = forms.ChoiceField(label="评价等级", required=False, choices=[("", "全部"), *Level.choices])
    stage = forms.ChoiceField(label="评价环节", required=False, choices=[("", "全部"), *Stage.choices])
    since = forms.DateField(label="评价日期自", required=False, widget=DATE)
    until = forms.DateField(label="至", required=False, widget=DATE)
    poor = forms.BooleanField(label="只看差评", required=False)


class FollowUpFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="整改状态", required=False, choices=[("", "全部"), *RectificationStatus.choices]
    )


class RectificationForm(forms.Form):
    action = forms.CharField(
        label="整改情况",
        max_length=2000,
        widget=forms.Textarea(attrs=TEXT),
        error_messages={"required": "请填写整改情况"},
        help_text="说明原因分析、采取的措施及结果；将告知评价人",
    )


class ReturnVisitForm(forms.Form):
    visited_on = forms.DateField(label="回访日期", widget=DATE, error_messages={"required": "请填写回访日期"})
    method = forms.ChoiceField(label="回访方式", choices=VisitMethod.choices)
    reaction = forms.ChoiceField(label="评价人反馈", choices=VisitReaction.choices)
    note = forms.CharField(
        label="回访记录", required=False, max_length=2000, widget=forms.Textarea(attrs=TEXT)
    )


class AppealForm(forms.Form):
    reason = forms.CharField(
        label="申诉理由",
        max_length=2000,
        widget=forms.Textarea(attrs=TEXT),
        error_messages={"required": "请填写申诉理由"},
        help_text="例如评价与办理服务无关、恶意评价等，并说明依据",
    )


class AppealDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="复核结论",
        choices=[("uphold", "维持评价（申诉不成立）"), ("accept", "申诉成立（评价不计入统计，撤销整改）")],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择复核结论"},
    )
    reason = forms.CharField(
        label="复核理由",
        max_length=2000,
        widget=forms.Textarea(attrs=TEXT),
        error_messages={"required": "请填写复核理由"},
    )


class RatingRuleForm(forms.Form):
    rectification_days = forms.IntegerField(label="整改时限（工作日）", min_value=1, max_value=60, initial=15)
    auto_level = forms.ChoiceField(
        label="未评价时的默认评价",
        required=False,
        choices=[
            ("", "不默认评价（推荐）"),
            *[(k, v) for k, v in Level.choices if k in ("very_satisfied", "satisfied", "basic")],
        ],
    )
    auto_after_days = forms.IntegerField(
        label="环节完成多少个工作日后默认评价", required=False, min_value=1, max_value=60
    )


class DeviceForm(forms.Form):
    name = forms.CharField(
        label="评价器名称",
        max_length=100,
        help_text="例如“二楼市场监管 3 号窗口”",
        error_messages={"required": "请填写名称"},
    )
    credit_code = forms.CharField(
        label="所属部门统一社会信用代码",
        required=False,
        max_length=18,
        help_text="运维人员填写；部门负责人登记的评价器属于本部门",
    )
