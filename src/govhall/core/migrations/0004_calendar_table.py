"""The working-day calendar becomes a table of every day: package rows and operator rows, plus years.

Existing rows were operators' corrections: they become ``operator`` rows.
"""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0003_calendarday"),
    ]

    operations = [
        migrations.CreateModel(
            name="CalendarYear",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("year", models.PositiveSmallIntegerField(unique=True, verbose_name="年度")),
                ("confirmed", models.BooleanField(default=False, verbose_name="已确认")),
                ("confirmed_at", models.DateTimeField(blank=True, null=True, verbose_name="确认时间")),
                ("notice", models.CharField(blank=True, max_length=200, verbose_name="放假通知")),
            ],
            options={
                "verbose_name": "工作日历年度",
                "verbose_name_plural": "工作日历年度",
                "ordering": ["year"],
            },
        ),
        migrations.AlterModelOptions(
            name="calendarday",
            options={"ordering": ["date", "source"], "verbose_name": "工作日历", "verbose_name_plural": "工作日历"},
        ),
        migrations.AddField(
            model_name="calendarday",
            name="holiday_name",
            field=models.CharField(blank=True, max_length=60, verbose_name="节日"),
        ),
        migrations.AddField(
            model_name="calendarday",
            name="source",
            field=models.CharField(
                choices=[("package", "chinese-calendar"), ("operator", "运维录入")],
                default="operator",
                max_length=10,
                verbose_name="来源",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="calendarday",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now, verbose_name="更新时间"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="calendarday",
            name="date",
            field=models.DateField(verbose_name="日期"),
        ),
        migrations.AddConstraint(
            model_name="calendarday",
            constraint=models.UniqueConstraint(fields=("date", "source"), name="core_calendar_day_source"),
        ),
    ]
