"""Rows for the 一件事 pages: catalog managers whose region covers the bundle list, create and change bundles.

The bundle ``authz-bundle`` of 新罗区 (lead: the world's item; member: an item of another department)
is made by ``prepare``. 长汀县's manager is not an actor here; the city supervisor, clerks and the
operator have no catalog role (403). The POST row sends no members: managers get the form back (200).
"""

from django.urls import reverse

from .matrix import FORBIDDEN, OK, Row, staff_page

MANAGERS_OK = staff_page(FORBIDDEN, county_manager=OK, province_manager=OK)


def _ensure_bundle(authz, client) -> None:
    from govhall.catalog.models import Bundle
    from govhall.catalog.services.bundles import bundle_save
    from tests.bundle_records import member_make

    if Bundle.objects.filter(code="authz-bundle").exists():
        return
    member = member_make(
        authz.world,
        authz.other_department,
        code="010050000016",
        name="公共场所卫生许可",
        own_material="申请表",
    )
    bundle_save(
        actor=None,
        code="authz-bundle",
        name="开办餐饮店",
        region=authz.world.county,
        lead=authz.world.implementation,
        members=[member],
    )


ROWS = [
    Row(
        "workbench:bundle_list",
        lambda a: reverse("workbench:bundle_list"),
        MANAGERS_OK,
        prepare=_ensure_bundle,
    ),
    Row("workbench:bundle_new", lambda a: reverse("workbench:bundle_new"), MANAGERS_OK, note="选择区划"),
    Row(
        "workbench:bundle_new",
        lambda a: reverse("workbench:bundle_new") + f"?region={a.world.county.code}",
        MANAGERS_OK,
        note="新罗区",
    ),
    Row(
        "workbench:bundle_new",
        lambda a: reverse("workbench:bundle_new") + f"?region={a.world.county.code}",
        MANAGERS_OK,
        method="post",
        data=lambda a: {
            "code": "authz-new",
            "name": "新一件事",
            "lead": a.world.implementation.pk,
            "status": "active",
        },
        note="未选协办事项，表单报错",
    ),
    Row(
        "workbench:bundle_edit",
        lambda a: reverse("workbench:bundle_edit", args=["authz-bundle"]),
        MANAGERS_OK,
        prepare=_ensure_bundle,
    ),
]
