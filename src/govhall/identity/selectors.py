"""Reads of staff accounts used by every context's permission checks."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from .models import Credential, Person, StaffProfile


def staff_profile_for(user: AbstractBaseUser | AnonymousUser) -> StaffProfile | None:
    """The staff profile of ``user``, or None for anonymous users and non-staff."""
    if not user.is_authenticated:
        return None
    try:
        return StaffProfile.objects.select_related("region", "department").get(user_id=user.pk)
    except StaffProfile.DoesNotExist:
        return None


def staff_has_role(user: AbstractBaseUser | AnonymousUser, role: str) -> bool:
    profile = staff_profile_for(user)
    return profile is not None and profile.has_role(role)


def staff_usernames_existing(*, usernames: list[str]) -> set[str]:
    """Which of ``usernames`` have a staff account (the start-up banner lists demo accounts that exist)."""
    return set(
        StaffProfile.objects.filter(user__username__in=usernames).values_list("user__username", flat=True)
    )


def person_for_user(user: AbstractBaseUser | AnonymousUser) -> Person | None:
    """The natural-person record of ``user`` (None for anonymous users, staff and enterprise accounts)."""
    if not user.is_authenticated:
        return None
    return Person.objects.filter(user_id=user.pk).first()


def credentials_for_user(user: AbstractBaseUser) -> list[Credential]:
    """Login methods bound to ``user`` besides password and SMS (certificates, upstream accounts)."""
    return list(Credential.objects.filter(user_id=user.pk).order_by("created_at"))
