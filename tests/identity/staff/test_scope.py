"""The one scope rule (identity/scope.py): department roles see their department, region-wide roles their subtree."""

import pytest

from govhall.catalog.models import ItemImplementation
from govhall.directory.services import department_upsert
from govhall.identity.models import StaffRole
from govhall.identity.scope import staff_scope_for, staff_scope_require
from govhall.identity.services.staff import staff_upsert

pytestmark = pytest.mark.django_db


def scope_of(world, *, username, region, roles, department=None):
    user = staff_upsert(
        username=username, display_name=username, region=region, roles=roles, department=department
    ).user
    return staff_scope_for(user)


def test_city_supervisor_sees_every_department_of_its_counties_but_not_other_cities(world):
    supervisor = scope_of(world, username="ly_sup", region=world.city, roles=[StaffRole.SUPERVISOR])

    assert supervisor.covers(region_path=world.county.path, department_id=world.county_department.pk)
    assert supervisor.covers(region_path=world.other_county.path, department_id=None)
    assert supervisor.covers(region_path=world.city.path, department_id=world.city_department.pk)
    assert not supervisor.covers(region_path=world.province.path, department_id=None)


def test_county_supervisor_does_not_see_the_city_or_a_sibling_county(world):
    supervisor = scope_of(world, username="xl_sup", region=world.county, roles=[StaffRole.SUPERVISOR])

    assert supervisor.covers(region_path=world.county.path)
    assert not supervisor.covers(region_path=world.city.path)
    assert not supervisor.covers(region_path=world.other_county.path)


def test_reviewer_sees_only_their_own_department(world):
    other_department = department_upsert(
        credit_code="11350802MB00000013", name="新罗区卫生健康局", region=world.county
    )
    reviewer = scope_of(
        world,
        username="xl_rev",
        region=world.county,
        roles=[StaffRole.REVIEWER],
        department=world.county_department,
    )

    assert reviewer.covers(region_path=world.county.path, department_id=world.county_department.pk)
    assert not reviewer.covers(region_path=world.county.path, department_id=other_department.pk)
    assert not reviewer.covers(region_path=world.county.path, department_id=None)


def test_department_role_without_a_department_sees_nothing(world):
    clerk = scope_of(world, username="xl_clerk", region=world.county, roles=[StaffRole.WINDOW_CLERK])

    assert not clerk.covers(region_path=world.county.path, department_id=world.county_department.pk)
    assert not clerk.filter(
        ItemImplementation.objects.all(), region_path_field="region__path", department_field="department_id"
    ).exists()


def test_operator_role_alone_grants_no_data(world):
    operator = scope_of(world, username="fj_op", region=world.province, roles=[StaffRole.OPERATOR])

    assert not operator.covers(region_path=world.county.path, department_id=world.county_department.pk)
    assert not operator.filter(
        ItemImplementation.objects.all(), region_path_field="region__path", department_field="department_id"
    ).exists()


def test_filter_matches_covers_for_region_wide_and_department_roles(world):
    queryset = ItemImplementation.objects.all()
    city_manager = staff_scope_for(world.city_manager)
    other_manager = staff_scope_for(world.other_manager)
    reviewer = scope_of(
        world,
        username="xl_rev2",
        region=world.county,
        roles=[StaffRole.REVIEWER],
        department=world.county_department,
    )

    for scope in (city_manager, other_manager, reviewer):
        visible = set(
            scope.filter(
                queryset, region_path_field="region__path", department_field="department_id"
            ).values_list("pk", flat=True)
        )
        expected = {
            implementation.pk
            for implementation in queryset.select_related("region")
            if scope.covers(
                region_path=implementation.region.path, department_id=implementation.department_id
            )
        }
        assert visible == expected
    assert world.implementation.pk in visible  # the reviewer's department holds the world's implementation


def test_for_roles_narrows_to_the_named_roles(world):
    both = scope_of(
        world,
        username="xl_both",
        region=world.county,
        roles=[StaffRole.REVIEWER, StaffRole.CATALOG_MANAGER],
        department=world.county_department,
    )

    assert both.covers(region_path=world.county.path, department_id=None)
    assert not both.covers(region_path=world.county.path, department_id=None, for_roles=(StaffRole.REVIEWER,))


def test_scope_require_names_the_missing_roles_in_chinese(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied, match="效能监察人员"):
        staff_scope_require(world.manager, StaffRole.SUPERVISOR)
    with pytest.raises(PermissionDenied, match="仅工作人员"):
        from django.contrib.auth.models import AnonymousUser

        staff_scope_require(AnonymousUser(), StaffRole.SUPERVISOR)
