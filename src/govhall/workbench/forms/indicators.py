"""The period picker of the supervision dashboard (统计周期). Field shapes only: ``supervision.periods``
decides what a choice means and falls back to the last full week on anything malformed."""

from __future__ import annotations

from django import forms

from govhall.supervision.periods import KINDS, Period


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")  # what <input type="date"> shows, whatever the locale


class PeriodForm(forms.Form):
    period = forms.ChoiceField(label="统计周期", choices=list(KINDS.items()))
    date = forms.DateField(
        label="所在日期", required=False, widget=DateInput, help_text="周、月、季度、年：含该日期的周期"
    )
    start = forms.DateField(label="开始日期", required=False, widget=DateInput, help_text="自定义时段")
    end = forms.DateField(label="结束日期", required=False, widget=DateInput, help_text="自定义时段")

    @classmethod
    def showing(cls, period: Period) -> PeriodForm:
        """An unbound form whose fields show ``period``."""
        return cls(
            initial={
                "period": period.kind,
                "date": period.start if period.kind != "custom" else None,
                "start": period.start,
                "end": period.end,
            }
        )
