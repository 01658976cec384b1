"""一件事 in the catalog: what a bundle may contain, who may change it, and the audit trail."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from govhall.catalog.models import Bundle, ItemImplementation
from govhall.catalog.selectors_bundles import bundle_get_live, bundles_live
from govhall.catalog.services.bundles import bundle_co_department_ids, bundle_save
from govhall.core.models import AuditEntry

from ..bundle_records import bundle_build, member_make
from ..case_records import desk_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(world):
    return bundle_build(world, desk_build(world).co_departments)


def _save(world, **overrides):
    args = dict(
        actor=world.manager,
        code="b2",
        name="另一件事",
        region=world.county,
        lead=world.implementation,
        members=[],
    )
    return bundle_save(**(args | overrides))


def test_bundle_records_members_and_co_departments_and_is_audited(world, setup):
    bundle = setup.bundle
    assert bundle.created_by == world.manager
    assert set(bundle.members.all()) == {setup.health, setup.fire}
    assert bundle_co_department_ids(bundle) == sorted([setup.health.department_id, setup.fire.department_id])
    entry = AuditEntry.objects.get(action="catalog.bundle.created", object_id=str(bundle.pk))
    assert entry.summary["lead"] == world.implementation.code


def test_lead_cannot_be_a_member_and_members_are_required(world, setup):
    with pytest.raises(ValidationError) as error:
        _save(world, members=[world.implementation])
    assert "不能同时作为协办事项" in str(error.value.message_dict["members"])
    with pytest.raises(ValidationError) as error:
        _save(world, members=[])
    assert "members" in error.value.message_dict
    assert not Bundle.objects.filter(code="b2").exists()


def test_members_must_be_live_and_code_unique(world, setup):
    suspended = member_make(
        world, setup.health.department, code="010050000099", name="暂停事项", own_material="表"
    )
    ItemImplementation.objects.filter(pk=suspended.pk).update(status="suspended")  # test set-up
    suspended.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        _save(world, members=[suspended])
    assert "未发布或已暂停" in str(error.value.message_dict["members"])
    with pytest.raises(ValidationError) as error:
        _save(world, code="open-restaurant", members=[setup.health])
    assert "已被使用" in str(error.value.message_dict["code"])


def test_only_managers_of_the_region_may_save(world, setup):
    with pytest.raises(PermissionDenied):
        _save(world, actor=world.other_manager, members=[setup.health])


def test_live_bundles_by_region_and_inactive_hidden(world, setup):
    assert [b.code for b in bundles_live(region=world.county)] == ["open-restaurant"]
    assert bundles_live(region=world.other_county) == []
    bundle_save(
        actor=world.manager,
        bundle=setup.bundle,
        code="open-restaurant",
        name="开办餐饮店",
        description="一次申请，并联审批",
        region=world.county,
        lead=world.implementation,
        members=[setup.health, setup.fire],
        status="inactive",
    )
    assert bundles_live(region=world.county) == []
    with pytest.raises(Bundle.DoesNotExist):
        bundle_get_live(code="open-restaurant")
    assert AuditEntry.objects.filter(action="catalog.bundle.updated").get().summary == {
        "status": {"before": "active", "after": "inactive"}
    }
