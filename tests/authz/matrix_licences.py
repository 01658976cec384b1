"""Rows for the workbench licence pages: department staff and region supervisors read, reviewers and
department heads (none of the matrix actors) revoke, cancel and import."""

from django.urls import reverse

from govhall.licences.models import Licence
from govhall.licences.services import licence_issue, licence_type_upsert

from .matrix import FORBIDDEN, NOT_FOUND, OK, Row, staff_page


def a_licence(authz, client) -> None:
    """A 食品经营许可证 of the matrix's person, issued by the clerk's department (once per test)."""
    if Licence.objects.filter(holder_person=authz.person).exists():
        return
    licence_type_upsert(
        actor=None,
        code="SPJYXKZ",
        name="食品经营许可证",
        metadata_schema={
            "type": "object",
            "properties": {"business_name": {"type": "string", "title": "经营者名称"}},
        },
        validity_years=5,
    )
    licence_issue(
        actor=None,
        type_code="SPJYXKZ",
        holder_person=authz.person,
        issuer=authz.world.county_department,
        data={"business_name": "授权矩阵小吃店"},
        valid_until=None,
    )


def identifier(authz) -> str:
    return Licence.objects.get(holder_person=authz.person).identifier


READERS = {"clerk": OK, "other_clerk": OK, "city_supervisor": OK}

ROWS = [
    Row(
        "workbench:licence_list",
        lambda a: reverse("workbench:licence_list"),
        staff_page(FORBIDDEN, **READERS),
    ),
    Row(
        "workbench:licence_detail",
        lambda a: reverse("workbench:licence_detail", args=(identifier(a),)),
        staff_page(FORBIDDEN, clerk=OK, other_clerk=NOT_FOUND, city_supervisor=OK),
        prepare=a_licence,
    ),
    Row(
        "workbench:licence_pdf",
        lambda a: reverse("workbench:licence_pdf", args=(identifier(a),)),
        staff_page(FORBIDDEN, clerk=OK, other_clerk=NOT_FOUND, city_supervisor=OK),
        prepare=a_licence,
    ),
    Row(
        "workbench:licence_status",
        lambda a: reverse("workbench:licence_status", args=(identifier(a),)),
        staff_page(FORBIDDEN),
        method="post",
        data=lambda a: {"action": "revoke", "reason": "授权矩阵测试"},
        prepare=a_licence,
        note="仅审批人员与部门负责人",
    ),
    Row(
        "workbench:licence_import",
        lambda a: reverse("workbench:licence_import"),
        staff_page(FORBIDDEN),
        note="仅审批人员与部门负责人",
    ),
]
