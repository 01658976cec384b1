"""Signed short links for SMS invitations (短信评价): the token names a case and a stage, expires after 30 days.

``django.core.signing.TimestampSigner`` with its own salt: a token made for anything else, edited, or
older than ``LINK_DAYS`` does not read. A token is usable while its stage is unrated — once rated, the
page says so (the rating's uniqueness, not the token, makes it single-use).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .models import Stage

SALT = "govhall.ratings.sms-link"
LINK_DAYS = 30
_STAGE_CODES: dict[str, str] = {Stage.ACCEPTANCE.value: "a", Stage.COMPLETION.value: "c"}
_CODE_STAGES = {code: stage for stage, code in _STAGE_CODES.items()}


class LinkInvalid(Exception):
    """The token is forged, damaged or names nothing we know."""


class LinkExpired(LinkInvalid):
    """The token was genuine but is older than ``LINK_DAYS``."""


@dataclass(frozen=True)
class LinkTarget:
    case_id: int
    stage: str


def rating_link_token(*, case_id: int, stage: str) -> str:
    return signing.TimestampSigner(salt=SALT).sign(f"{case_id}{_STAGE_CODES[stage]}")


def rating_link_read(token: str) -> LinkTarget:
    """The case and stage a token names; ``LinkExpired`` / ``LinkInvalid`` otherwise."""
    try:
        value = signing.TimestampSigner(salt=SALT).unsign(token, max_age=LINK_DAYS * 86400)
    except signing.SignatureExpired as exc:
        raise LinkExpired("评价链接已过期") from exc
    except signing.BadSignature as exc:
        raise LinkInvalid("评价链接无效") from exc
    number, code = value[:-1], value[-1:]
    if not number.isdigit() or code not in _CODE_STAGES:
        raise LinkInvalid("评价链接无效")
    return LinkTarget(case_id=int(number), stage=_CODE_STAGES[code])


def rating_link_url(*, case_id: int, stage: str) -> str:
    """The absolute address sent by SMS."""
    base = str(settings.GOVHALL["SITE_URL"]).rstrip("/")
    return base + reverse("portal:rating_sms", args=[rating_link_token(case_id=case_id, stage=stage)])
