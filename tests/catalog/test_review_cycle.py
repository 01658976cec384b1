"""动态管理: drafts, review by someone else, immutable published versions, the live guide."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from govhall.catalog.elements import version_snapshot
from govhall.catalog.models import ImplementationStatus, ImplementationVersion, VersionState
from govhall.catalog.services.implementations import (
    implementation_change_status,
    version_approve,
    version_draft_open,
    version_draft_save,
    version_reject,
    version_submit,
)

from ..factories import sample_elements

pytestmark = pytest.mark.django_db


def test_published_version_stays_live_while_new_draft_is_edited(world):
    live = world.implementation.published_version
    draft = version_draft_open(implementation=world.implementation, user=world.manager)
    version_draft_save(version=draft, user=world.manager, elements=sample_elements(promised_limit=5))

    world.implementation.refresh_from_db()
    assert world.implementation.published_version_id == live.pk
    assert world.implementation.published_version.promised_limit == 10
    assert draft.number == 2 and draft.state == VersionState.DRAFT


def test_approval_by_another_manager_publishes_and_supersedes(world):
    old = world.implementation.published_version
    draft = version_draft_open(implementation=world.implementation, user=world.manager)
    version_draft_save(version=draft, user=world.manager, elements=sample_elements(promised_limit=5))
    version_submit(version=draft, user=world.manager, reason="压缩承诺时限")
    world.implementation.refresh_from_db()
    assert world.implementation.published_version_id == old.pk  # pending is not live

    version_approve(version=draft, reviewer=world.reviewer)

    world.implementation.refresh_from_db()
    old.refresh_from_db()
    assert world.implementation.published_version_id == draft.pk
    assert old.state == VersionState.SUPERSEDED
    assert {"field": "promised_limit", "label": "承诺办结时限", "before": "10", "after": "5"} in (
        ImplementationVersion.objects.get(pk=draft.pk).changes
    )


def test_author_cannot_approve_own_version(world):
    draft = version_draft_open(implementation=world.implementation, user=world.manager)
    version_submit(version=draft, user=world.manager, reason="更新")
    with pytest.raises(PermissionDenied):
        version_approve(version=draft, reviewer=world.manager)
    draft.refresh_from_db()
    assert draft.state == VersionState.PENDING


def test_manager_of_another_county_cannot_review(world):
    draft = version_draft_open(implementation=world.implementation, user=world.manager)
    version_submit(version=draft, user=world.manager, reason="更新")
    with pytest.raises(PermissionDenied):
        version_approve(version=draft, reviewer=world.other_manager)


def test_city_manager_reviews_county_items(world):
    draft = version_draft_open(implementation=world.implementation, user=world.manager)
    version_submit(version=draft, user=world.manager, reason="更新")
    version_approve(version=draft, reviewer=world.city_manager)
    draft.refresh_from_db()
    assert draft.state == VersionState.PUBLISHED


def test_rejection_needs_reason_and_leaves_live_guide(world):
    live_pk = world.implementation.published_version_id
    draft = version_draft_open(implementation=world.implementation, user=world.manager)
    version_submit(version=draft, user=world.manager, reason="更新")
    with pytest.raises(ValidationError):
        version_reject(version=draft, reviewer=world.reviewer, reason="  ")
    version_reject(version=draft, reviewer=world.reviewer, reason="材料清单不完整")
    world.implementation.refresh_from_db()
    assert world.implementation.published_version_id == live_pk
    # The author reopens from the rejected work, not from scratch.
    reopened = version_draft_open(implementation=world.implementation, user=world.manager)
    assert reopened.number == 3


def test_published_version_cannot_be_saved(world):
    with pytest.raises(ValidationError):
        version_draft_save(
            version=world.implementation.published_version, user=world.manager, elements=sample_elements()
        )


def test_submit_refuses_promised_limit_over_statutory(world):
    draft = version_draft_open(implementation=world.implementation, user=world.manager)
    version_draft_save(version=draft, user=world.manager, elements=sample_elements(promised_limit=30))
    with pytest.raises(ValidationError) as error:
        version_submit(version=draft, user=world.manager, reason="更新")
    assert "promised_limit" in error.value.message_dict
    draft.refresh_from_db()
    assert draft.state == VersionState.DRAFT


def test_only_one_open_draft(world):
    first = version_draft_open(implementation=world.implementation, user=world.manager)
    again = version_draft_open(implementation=world.implementation, user=world.reviewer)
    assert first.pk == again.pk


def test_suspend_and_resume_with_reason(world):
    implementation_change_status(
        implementation=world.implementation, user=world.manager, action="suspended", reason="系统升级"
    )
    world.implementation.refresh_from_db()
    assert world.implementation.status == ImplementationStatus.SUSPENDED
    assert not world.implementation.is_live
    implementation_change_status(
        implementation=world.implementation, user=world.manager, action="resumed", reason="升级完成"
    )
    world.implementation.refresh_from_db()
    assert world.implementation.is_live


def test_snapshot_carries_materials_in_order(world):
    snapshot = version_snapshot(world.implementation.published_version)
    assert [m["name"] for m in snapshot["materials"]] == ["食品经营许可申请书", "营业执照复印件", "委托书"]


def test_new_draft_keeps_material_files(world):
    from govhall.catalog.models import Material

    Material.objects.filter(version=world.implementation.published_version, position=1).update(
        template_file="catalog/templates/apply.docx", sample_file="catalog/samples/apply.pdf"
    )
    draft = version_draft_open(implementation=world.implementation, user=world.manager)
    first = draft.materials.get(position=1)
    assert (first.template_file.name, first.sample_file.name) == (
        "catalog/templates/apply.docx",
        "catalog/samples/apply.pdf",
    )


def test_draft_with_blank_depth_keeps_defaults(world):
    draft = version_draft_open(implementation=world.implementation, user=world.manager)
    version_draft_save(
        version=draft, user=world.manager, elements=sample_elements(online_depth="", max_visits=None)
    )
    draft.refresh_from_db()
    assert (draft.online_depth, draft.max_visits) == (1, 1)


@pytest.mark.parametrize(
    ("field", "value"),
    [("promised_limit", 100000), ("max_visits", 11), ("online_depth", 6), ("statutory_limit", 10**12)],
)
def test_out_of_range_numbers_are_refused_before_the_database(world, field, value):
    draft = version_draft_open(implementation=world.implementation, user=world.manager)
    with pytest.raises(ValidationError) as error:
        version_draft_save(version=draft, user=world.manager, elements=sample_elements(**{field: value}))
    assert field in error.value.message_dict


def test_huge_fee_is_refused(world):
    draft = version_draft_open(implementation=world.implementation, user=world.manager)
    fees = [{"name": "工本费", "amount": "1e12", "basis": "依据"}]
    with pytest.raises(ValidationError) as error:
        version_draft_save(
            version=draft, user=world.manager, elements=sample_elements(is_free=False, fees=fees)
        )
    assert "fees.0.amount" in error.value.message_dict
