"""Who may manage which part of the catalog — load-and-check in one call.

A catalog manager (事项管理员) manages implementations of their own region and the regions
below it; only a provincial catalog manager edits the basic catalog. The rule itself lives in
``govhall.identity.scope`` (catalog managers are region-wide there); this module applies it.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied

from govhall.directory.models import Level
from govhall.identity.models import StaffProfile, StaffRole
from govhall.identity.scope import staff_scope_of
from govhall.identity.selectors import staff_profile_for

from .models import ItemImplementation


def catalog_manager_get(user: AbstractBaseUser | AnonymousUser) -> StaffProfile:
    """The caller's staff profile if they are a catalog manager; raises ``PermissionDenied`` otherwise."""
    return catalog_manager_of(staff_profile_for(user))


def catalog_manager_of(profile: StaffProfile | None) -> StaffProfile:
    """``profile`` if it is a catalog manager's (already loaded); raises ``PermissionDenied`` otherwise."""
    if profile is None or not staff_scope_of(profile).has_role(StaffRole.CATALOG_MANAGER):
        raise PermissionDenied("仅事项管理员可以执行此操作")
    return profile


def manager_covers_region(profile: StaffProfile, region_path: str) -> bool:
    """Whether a catalog manager's scope covers rows of ``region_path`` (their region and below)."""
    return staff_scope_of(profile).covers(region_path=region_path, for_roles=(StaffRole.CATALOG_MANAGER,))


def basic_catalog_manager_get(user: AbstractBaseUser | AnonymousUser) -> StaffProfile:
    profile = catalog_manager_get(user)
    if profile.region.level != Level.PROVINCE:
        raise PermissionDenied("仅省级事项管理员可以维护基本目录")
    return profile


def implementation_get_for_manager(
    *, user: AbstractBaseUser | AnonymousUser, code: str, for_update: bool = False
) -> ItemImplementation:
    """The implementation with ``code`` if ``user`` manages its region; raises ``PermissionDenied`` or DoesNotExist."""
    profile = catalog_manager_get(user)
    queryset = ItemImplementation.objects.select_related(
        "catalog_item", "handling_item", "region", "department", "published_version"
    )
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    implementation = queryset.get(code=code)
    if not manager_covers_region(profile, implementation.region.path):
        raise PermissionDenied("该事项不在您的管理范围内")
    return implementation
