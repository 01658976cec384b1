"""Rows for the 好差评 pages (/workbench/ratings/).

The rating is a poor 受理 rating of the matrix's window case (accepted by ``clerk``'s department), with an
open rectification. ``clerk`` is of that department: reads, rectifies (an appeal is for heads: 403);
``other_clerk`` of another department sees no such rating (404); the city supervisor sees it, may not act
for the department (403) and decides appeals; catalog managers hold no rating role (403); the operator
manages devices only. Each POST is rolled back after the request.
"""

from django.urls import reverse

from .matrix import FORBIDDEN, NOT_FOUND, OK, REDIRECT, Row, staff_page

READERS = staff_page(FORBIDDEN, clerk=OK, other_clerk=OK, city_supervisor=OK)
ONE_RATING = staff_page(FORBIDDEN, clerk=OK, other_clerk=NOT_FOUND, city_supervisor=OK)
SUPERVISOR = staff_page(FORBIDDEN, city_supervisor=OK)
DEVICES = staff_page(FORBIDDEN, operator=OK)


def _rating(authz):
    """A poor rating of the matrix case (made once, outside the per-request rollback)."""
    rating = getattr(authz, "_rating", None)
    if rating is None:
        from govhall.cases.selectors_ratings import case_for_rating
        from govhall.cases.services.handling import case_accept
        from govhall.identity.models import StaffRole
        from govhall.identity.services.staff import staff_upsert
        from govhall.interaction.ratings.services import appeal_file, rating_give

        case = authz.case()
        case.refresh_from_db()
        if case.accepted_on is None:
            case_accept(actor=authz.users["clerk"], case=case)
        rating = rating_give(
            case=case_for_rating(case_id=case.pk),
            stage="acceptance",
            level="dissatisfied",
            channel="web",
            rater=None,
        )
        head = staff_upsert(
            username="authz_head",
            display_name="authz_head",
            region=authz.world.county,
            roles=[StaffRole.DEPARTMENT_HEAD],
            department=authz.world.county_department,
        ).user
        authz._appeal = appeal_file(actor=head, rating_id=rating.pk, reason="评价与服务无关")
        authz._rating = rating
    return rating


def _prepare(authz, client):
    _rating(authz)


def _get(name, expect, url, note=""):
    return Row(f"workbench:{name}", url, expect, prepare=_prepare, note=note)


def _post(name, expect, url, data, note=""):
    return Row(
        f"workbench:{name}", url, expect, method="post", data=lambda a: data, prepare=_prepare, note=note
    )


def _rating_url(name):
    return lambda a: reverse(f"workbench:{name}", args=[_rating(a).pk])


ROWS = [
    _get("rating_list", READERS, lambda a: reverse("workbench:rating_list")),
    _get(
        "rating_list",
        READERS,
        lambda a: reverse("workbench:rating_list") + "?poor=on&level=dissatisfied",
        note="筛选",
    ),
    _get("rating_followup", READERS, lambda a: reverse("workbench:rating_followup")),
    _get("rating_detail", ONE_RATING, _rating_url("rating_detail")),
    _post(
        "rating_rectify",
        staff_page(FORBIDDEN, clerk=REDIRECT, other_clerk=NOT_FOUND),
        _rating_url("rating_rectify"),
        {"action": "窗口增设导办员"},
    ),
    _post(
        "rating_return_visit",
        staff_page(FORBIDDEN, clerk=REDIRECT, other_clerk=NOT_FOUND),
        _rating_url("rating_return_visit"),
        {"visited_on": "2026-01-05", "method": "phone", "reaction": "accepted"},
        note="整改未完成：提示后返回",
    ),
    _post(
        "rating_appeal",
        staff_page(FORBIDDEN),
        _rating_url("rating_appeal"),
        {"reason": "评价与服务无关"},
        note="仅部门负责人",
    ),
    _get("rating_appeals", SUPERVISOR, lambda a: reverse("workbench:rating_appeals")),
    _post(
        "rating_appeal_decide",
        staff_page(FORBIDDEN, city_supervisor=REDIRECT),
        lambda a: reverse("workbench:rating_appeal_decide", args=[(_rating(a), a._appeal)[1].pk]),
        {"decision": "uphold", "reason": "评价针对受理服务"},
    ),
    _get("rating_rule", SUPERVISOR, lambda a: reverse("workbench:rating_rule")),
    _post(
        "rating_rule",
        staff_page(FORBIDDEN, city_supervisor=REDIRECT),
        lambda a: reverse("workbench:rating_rule"),
        {"rectification_days": "10", "auto_level": "", "auto_after_days": ""},
    ),
    _get("rating_devices", DEVICES, lambda a: reverse("workbench:rating_devices")),
    _post(
        "rating_devices",
        DEVICES,
        lambda a: reverse("workbench:rating_devices"),
        {"name": "3 号窗口", "credit_code": "113508020040000457"},
        note="运维人员登记（密钥只显示一次）",
    ),
    _post(
        "rating_device_deactivate",
        staff_page(FORBIDDEN, operator=NOT_FOUND),
        lambda a: reverse("workbench:rating_device_deactivate", args=[999999]),
        {},
        note="不存在的评价器",
    ),
]
