"""Data: one ``package`` row for every day of every year the installed ``chinese-calendar`` covers.

``govhall calendar_seed`` does the same later (a newer release); operator rows are never touched.
"""

from django.db import migrations

BATCH = 2000


def seed(apps, schema_editor):
    from govhall.core.calendar_package import package_days, package_years

    CalendarDay = apps.get_model("core", "CalendarDay")
    db = schema_editor.connection.alias
    CalendarDay.objects.using(db).filter(source="package").delete()
    rows = [
        CalendarDay(
            date=day.date, source="package", is_workday=day.is_workday, holiday_name=day.holiday_name
        )
        for year in package_years()
        for day in package_days(year)
    ]
    CalendarDay.objects.using(db).bulk_create(rows, batch_size=BATCH)


def unseed(apps, schema_editor):
    CalendarDay = apps.get_model("core", "CalendarDay")
    CalendarDay.objects.using(schema_editor.connection.alias).filter(source="package").delete()


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0004_calendar_table"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
    ]
