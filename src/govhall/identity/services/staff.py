"""Writes to staff accounts."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from govhall.directory.models import Department, Region

from ..models import StaffProfile, StaffRole


@transaction.atomic
def staff_upsert(
    *,
    username: str,
    display_name: str,
    region: Region,
    roles: list[str],
    department: Department | None = None,
    password: str | None = None,
) -> StaffProfile:
    """Create or update a staff account; ``password`` is set only when given."""
    unknown = set(roles) - set(StaffRole.values)
    if unknown:
        raise ValidationError(f"未知角色：{'、'.join(sorted(unknown))}", code="invalid_role")
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=username, defaults={"is_staff": False})
    if password:
        user.set_password(password)
        user.save(update_fields=["password"])
    elif created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    profile, _ = StaffProfile.objects.update_or_create(
        user=user,
        defaults={"display_name": display_name, "region": region, "department": department, "roles": roles},
    )
    return profile
