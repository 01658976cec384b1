"""Forms of the operators' working-day calendar page: correct one day, enter a year's arrangement."""

from django import forms

from govhall.core.calendar_text import arrangement_parse


class CalendarDayForm(forms.Form):
    STATUS_CHOICES = [
        ("work", "工作日"),
        ("rest", "休息日"),
        ("reset", "撤销更正（恢复 chinese-calendar / 周一至周五）"),
    ]

    date = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}))
    status = forms.ChoiceField(label="改为", choices=STATUS_CHOICES)
    note = forms.CharField(label="说明", max_length=100, required=False, help_text="如“国庆节调休上班”")
    reason = forms.CharField(label="更正事由", max_length=500, help_text="记入审计日志")


class CalendarYearForm(forms.Form):
    """A year's arrangement as text; ``clean_arrangement`` parses it (errors name the line)."""

    arrangement = forms.CharField(
        label="放假和调休安排",
        widget=forms.Textarea(attrs={"rows": 14, "class": "calendar-arrangement", "spellcheck": "false"}),
        help_text="每行一项：“2027-01-01~2027-01-03 元旦”为放假，“2027-01-04 调休上班”为调休上班日；其余日期按周一至周五。",
    )
    notice = forms.CharField(
        label="放假通知", max_length=200, required=False, help_text="如“国办发明电〔2026〕X号”"
    )
    reason = forms.CharField(label="录入事由", max_length=500, help_text="记入审计日志")

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year

    def clean_arrangement(self):
        text = self.cleaned_data["arrangement"]
        self.holidays, self.workdays = arrangement_parse(text, year=self.year)
        return text
