"""What the rater is told (in-site message + SMS). The texts are the ``rating_*`` templates of
``notifications.templates``. Messages go out after the transaction commits; the phone is unsealed
then, as an audited use.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from govhall.cases.selectors_ratings import case_applicant_person
from govhall.identity.services.reveal import person_phone_use
from govhall.notifications.models import Channel
from govhall.notifications.services import notification_send, site_message_post


def rater_notify(*, case_id: int, rater_user_id: int | None, template: str, params: dict[str, str]) -> None:
    """Site message to the rater and an SMS to the applicant's phone, after commit."""

    def send() -> None:
        person = case_applicant_person(case_id=case_id)
        recipient = person.user
        if rater_user_id not in (None, person.user_id):
            recipient = get_user_model().objects.get(pk=rater_user_id)
        site_message_post(
            recipient=recipient, template=template, params=params, link=reverse("portal:my_cases")
        )
        if person.phone_sealed:
            phone = person_phone_use(person=person, reason=f"好差评通知 {params.get('number', '')}")
            notification_send(channel=Channel.SMS, recipient=phone, template=template, params=params)

    transaction.on_commit(send)
