"""Who may manage which part of the catalog — load-and-check in one call.

A catalog manager (事项管理员) manages implementations of their own region and the regions
below it; only a provincial catalog manager edits the basic catalog.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied

from govhall.directory.models import Level
from govhall.identity.models import StaffProfile, StaffRole
from govhall.identity.selectors import staff_profile_for

from .models import ItemImplementation


def catalog_manager_get(user: AbstractBaseUser | AnonymousUser) -> StaffProfile:
    """The caller's staff profile if they are a catalog manager; raises ``PermissionDenied`` otherwise."""
    profile = staff_profile_for(user)
    if profile is None or not profile.has_role(StaffRole.CATALOG_MANAGER):
        raise PermissionDenied("仅事项管理员可以执行此操作")
    return profile


def manager_covers_region(profile: StaffProfile, region_path: str) -> bool:
    return region_path.startswith(profile.region.path)


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
