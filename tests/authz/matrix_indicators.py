"""Rows for 监察看板 (/workbench/indicators/): the dashboard, drill-down, the dispatch table and the bulletin.

Supervisors only: the city supervisor (龙岩市) opens the city, 新罗区 and its departments, and their
exports; the province above is not theirs (404). Every other staff role gets 403.
"""

from django.urls import reverse

from .matrix import FORBIDDEN, NOT_FOUND, OK, Row, staff_page

SUPERVISOR = staff_page(FORBIDDEN, city_supervisor=OK)
ABOVE = staff_page(FORBIDDEN, city_supervisor=NOT_FOUND)

ROWS = [
    Row("workbench:dashboard", lambda a: reverse("workbench:dashboard"), SUPERVISOR),
    Row(
        "workbench:dashboard_region",
        lambda a: reverse("workbench:dashboard_region", args=["350802"]),
        SUPERVISOR,
    ),
    Row(
        "workbench:dashboard_region",
        lambda a: reverse("workbench:dashboard_region", args=["350000"]),
        ABOVE,
        note="上级区划",
    ),
    Row(
        "workbench:dashboard_department",
        lambda a: reverse("workbench:dashboard_department", args=[a.world.county_department.pk]),
        SUPERVISOR,
    ),
    Row(
        "workbench:dispatch_xlsx",
        lambda a: reverse("workbench:dispatch_xlsx", args=["350800"]) + "?week=2026-W21",
        SUPERVISOR,
    ),
    Row(
        "workbench:dispatch_xlsx",
        lambda a: reverse("workbench:dispatch_xlsx", args=["350000"]),
        ABOVE,
        note="上级区划",
    ),
    Row("workbench:bulletin_pdf", lambda a: reverse("workbench:bulletin_pdf", args=["350800"]), SUPERVISOR),
]
