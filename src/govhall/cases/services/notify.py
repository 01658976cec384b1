"""Telling the applicant: an in-site message at each change, and an SMS after the transaction commits."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse

from govhall.identity.services.reveal import person_phone_use
from govhall.notifications.models import Channel
from govhall.notifications.services import notification_send, site_message_post

from ..models import Case


def applicant_notify(case: Case, template: str, *, sms: bool = True, **params: str) -> None:
    values = {"number": case.number, "item": case.item_name, **params}
    site_message_post(
        recipient=case.applicant.user,  # not submitted_by: at the window that is the clerk
        template=template,
        params=values,
        link=reverse("portal:case_detail", args=[case.number]),
    )
    person = case.applicant
    if not sms or not person.phone_sealed:
        return

    def send() -> None:
        phone = person_phone_use(person=person, reason=f"办件通知 {case.number}")
        notification_send(channel=Channel.SMS, recipient=phone, template=template, params=values)

    transaction.on_commit(send)
