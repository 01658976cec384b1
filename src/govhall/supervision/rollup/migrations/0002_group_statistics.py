"""PostgreSQL only: tell the planner how few (region, department) pairs there are, so it sums the
rollup with a hash aggregate instead of sorting tens of thousands of day rows (measured: 46 → 35 ms
for a province over a year at 1,000,000 cases). Nothing to do on SQLite."""

from django.db import migrations

TABLES = {
    "case_day_stats_groups": "supervision_rollup_casedaystats",
    "case_month_stats_groups": "supervision_rollup_casemonthstats",
}


def create_statistics(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table in TABLES.items():
        schema_editor.execute(
            f"CREATE STATISTICS IF NOT EXISTS {name} (ndistinct) ON region_id, department_id FROM {table}"
        )


def drop_statistics(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in TABLES:
        schema_editor.execute(f"DROP STATISTICS IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("supervision_rollup", "0001_case_day_month_stats")]

    operations = [migrations.RunPython(create_statistics, drop_statistics)]
