"""Rows for the catalog pages: catalog managers only, each limited to their region and below.

The world's implementation belongs to 新罗区: the county and the provincial manager may open it;
window clerks, the supervisor and the operator have no catalog role (403). Only a provincial
manager edits the basic catalog.
"""

from django.urls import reverse

from .matrix import FORBIDDEN, NOT_FOUND, OK, REDIRECT, Row, staff_page

MANAGERS_OK = staff_page(FORBIDDEN, county_manager=OK, province_manager=OK)


def code(a) -> str:
    return a.world.implementation.code


def item(name: str, *extra):
    return lambda a: reverse(f"workbench:{name}", args=(code(a), *extra))


GENERAL = [
    "implementation_list",
    "implementation_new",
    "review_queue",
    "basic_list",
    "catalog_io_export",
    "catalog_io_import",
    "catalog_io_consistency",
]
ITEM = ["implementation_detail", "draft_edit", "review_detail", "version_list"]

ROWS = [
    *[
        Row(f"workbench:{name}", (lambda n: lambda a: reverse(f"workbench:{n}"))(name), MANAGERS_OK)
        for name in GENERAL
    ],
    *[Row(f"workbench:{name}", item(name), MANAGERS_OK) for name in ITEM],
    Row("workbench:version_detail", item("version_detail", 1), MANAGERS_OK),
    Row(
        "workbench:version_detail",
        item("version_detail", 99),
        staff_page(FORBIDDEN, county_manager=NOT_FOUND, province_manager=NOT_FOUND),
        note="不存在的版本",
    ),
    # No file uploaded for the first material: in scope → 404, out of scope → 403 before anything else.
    Row(
        "workbench:material_file",
        item("material_file", 1, 1, "template"),
        staff_page(FORBIDDEN, county_manager=NOT_FOUND, province_manager=NOT_FOUND),
    ),
    Row(
        "workbench:implementation_revise",
        item("implementation_revise"),
        staff_page(FORBIDDEN, county_manager=REDIRECT, province_manager=REDIRECT),
        method="post",
    ),
    Row(
        "workbench:implementation_status",
        item("implementation_status"),
        staff_page(FORBIDDEN, county_manager=REDIRECT, province_manager=REDIRECT),
        method="post",
        data=lambda a: {"action": "suspended", "reason": "授权矩阵测试"},
    ),
    Row(
        "workbench:basic_edit",
        lambda a: reverse("workbench:basic_edit", args=(a.world.item.code,)),
        staff_page(FORBIDDEN, province_manager=OK),
    ),
]
