"""Who may take part in a solicitation or survey, and how a contact is kept (sealed, masked).

``participant_check`` applies the publisher's setting: "verified only" needs a logged-in natural
person at level L2 or above (实名认证); "anonymous allowed" takes anyone, and still links a
logged-in person so a survey is answered once per person. ``contact_seal`` turns an optional
phone number or e-mail address into its sealed and masked forms — the clear value is never
stored. Never writes anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError

from govhall.core.personal_data import mask_phone, seal
from govhall.identity.models import AssuranceLevel, Person, level_at_least
from govhall.identity.selectors import person_for_user

from .models import CONTACT_PURPOSE, Participation

PHONE_RE = re.compile(r"^1\d{10}$")
LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}$")
EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")


@dataclass(frozen=True)
class Participant:
    person: Person | None


def participant_check(*, user: Any, participation: str, what: str) -> Participant:
    """The participant behind ``user``, or ``ValidationError`` (Chinese) when the setting refuses them."""
    person = person_for_user(user) if user is not None and user.is_authenticated else None
    if participation != Participation.VERIFIED:
        return Participant(person)
    if user is None or not user.is_authenticated:
        raise ValidationError(f"本次{what}仅限实名认证用户参与，请先登录")
    if person is None:
        raise ValidationError(f"本次{what}仅限个人实名用户参与，请使用个人账号登录")
    if not level_at_least(person.level, AssuranceLevel.L2):
        raise ValidationError(f"本次{what}仅限实名认证（L2及以上）用户参与，请先在“我的账号”中完成实名认证")
    return Participant(person)


def contact_clean(value: str) -> str:
    """A phone number, landline or e-mail address, trimmed; ``ValidationError`` otherwise ('' passes)."""
    value = (value or "").strip().replace(" ", "")
    if value and not (PHONE_RE.match(value) or LANDLINE_RE.match(value) or EMAIL_RE.match(value)):
        raise ValidationError("联系方式应为手机号码、固定电话或电子邮箱")
    return value


def contact_mask(value: str) -> str:
    if "@" in value:
        name, _, domain = value.partition("@")
        return f"{name[:1]}***@{domain}"
    return mask_phone(value)


def contact_seal(value: str) -> tuple[str, str]:
    """``(sealed, masked)`` for a cleaned contact; ``("", "")`` when none was given."""
    value = contact_clean(value)
    if not value:
        return "", ""
    return seal(value, purpose=CONTACT_PURPOSE), contact_mask(value)
