"""Filters of the operator's outbox / simulator page (GET)."""

from django import forms

from govhall.notifications.models import Channel, MessageStatus
from govhall.notifications.templates import TEMPLATES

VIEW_CHOICES = [("outbox", "发件记录"), ("deliveries", "模拟器收件")]


class SimulatorFilterForm(forms.Form):
    view = forms.ChoiceField(choices=VIEW_CHOICES, required=False, widget=forms.HiddenInput)
    channel = forms.ChoiceField(label="渠道", required=False, choices=[("", "不限"), *Channel.choices])
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "不限"), *MessageStatus.choices])
    template = forms.ChoiceField(
        label="模板",
        required=False,
        choices=[("", "不限"), *((code, template.subject) for code, template in TEMPLATES.items())],
    )
    recipient = forms.CharField(
        label="接收人", required=False, max_length=120, help_text="完整的手机号码或电子邮件地址"
    )

    def clean_recipient(self) -> str:
        return self.cleaned_data["recipient"].strip()

    def clean_view(self) -> str:
        return self.cleaned_data["view"] or "outbox"
