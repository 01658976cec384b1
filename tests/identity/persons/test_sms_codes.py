"""SMS verification codes: one per phone per 60 s, 10 per 24 h, 5 minutes, 5 attempts, single use."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from govhall.core.models import AuditEntry
from govhall.identity.models import SmsChallenge, SmsPurpose
from govhall.identity.services.persons import sms_code_send, sms_code_verify
from govhall.notifications.models import Message
from govhall.notifications.simulator import simulator_last_code

from .conftest import PHONE

pytestmark = pytest.mark.django_db
NEW_PHONE = "13700001111"


def age(challenge: SmsChallenge, **delta) -> None:
    """Move a challenge into the past (as if sent ``delta`` ago)."""
    moved = timezone.now() - timedelta(**delta)
    SmsChallenge.objects.filter(pk=challenge.pk).update(
        created_at=moved, expires_at=moved + timedelta(minutes=5)
    )


def test_code_is_sent_through_the_simulator_and_only_its_hash_is_kept():
    challenge = sms_code_send(phone=NEW_PHONE, purpose=SmsPurpose.REGISTER)
    code = simulator_last_code(recipient=NEW_PHONE)
    assert code is not None and len(code) == 6
    assert code not in challenge.code_hash and NEW_PHONE not in challenge.phone_hash
    outbox = Message.objects.get()
    assert code not in outbox.body  # the outbox stores the template with the code blanked
    entry = AuditEntry.objects.get(action="identity.sms_code_send")
    assert entry.summary == {"phone": "137****1111", "purpose": "register"}


@pytest.mark.parametrize("phone", ["", "1234567890", "12012345678", "139123456789", "abc"])
def test_only_mainland_mobile_numbers_get_a_code(phone):
    with pytest.raises(ValidationError):
        sms_code_send(phone=phone, purpose=SmsPurpose.REGISTER)
    assert not SmsChallenge.objects.exists()


def test_a_second_code_within_60_seconds_is_refused():
    sms_code_send(phone=NEW_PHONE, purpose=SmsPurpose.REGISTER)
    with pytest.raises(ValidationError) as caught:
        sms_code_send(phone=NEW_PHONE, purpose=SmsPurpose.REGISTER)
    assert caught.value.code == "too_soon"
    assert "秒后再获取" in caught.value.messages[0]
    assert SmsChallenge.objects.count() == 1


def test_after_60_seconds_a_new_code_is_sent_and_replaces_the_old_one():
    first = sms_code_send(phone=NEW_PHONE, purpose=SmsPurpose.REGISTER)
    old_code = simulator_last_code(recipient=NEW_PHONE)
    age(first, seconds=61)
    sms_code_send(phone=NEW_PHONE, purpose=SmsPurpose.REGISTER)
    new_code = simulator_last_code(recipient=NEW_PHONE)
    if old_code != new_code:
        with pytest.raises(ValidationError):
            sms_code_verify(phone=NEW_PHONE, purpose=SmsPurpose.REGISTER, code=old_code)
    sms_code_verify(phone=NEW_PHONE, purpose=SmsPurpose.REGISTER, code=new_code)


def test_no_more_than_ten_codes_in_24_hours():
    for hours in range(10, 0, -1):
        age(sms_code_send(phone=NEW_PHONE, purpose=SmsPurpose.REGISTER), hours=hours)
    with pytest.raises(ValidationError) as caught:
        sms_code_send(phone=NEW_PHONE, purpose=SmsPurpose.REGISTER)
    assert caught.value.code == "daily_limit"
    assert SmsChallenge.objects.count() == 10


def test_a_registered_phone_gets_no_registration_code(person):
    with pytest.raises(ValidationError) as caught:
        sms_code_send(phone=PHONE, purpose=SmsPurpose.REGISTER)
    assert caught.value.code == "phone_taken"


def test_an_unknown_phone_gets_no_login_code():
    with pytest.raises(ValidationError) as caught:
        sms_code_send(phone=NEW_PHONE, purpose=SmsPurpose.LOGIN)
    assert caught.value.messages == ["该手机号码尚未注册，请先注册账号"]
    assert not SmsChallenge.objects.exists()


def test_a_code_is_accepted_once():
    sms_code_send(phone=NEW_PHONE, purpose=SmsPurpose.REGISTER)
    code = simulator_last_code(recipient=NEW_PHONE)
    sms_code_verify(phone=NEW_PHONE, purpose=SmsPurpose.REGISTER, code=code)
    with pytest.raises(ValidationError) as caught:
        sms_code_verify(phone=NEW_PHONE, purpose=SmsPurpose.REGISTER, code=code)
    assert caught.value.code == "used"


def test_a_code_for_registration_does_not_log_in():
    sms_code_send(phone=NEW_PHONE, purpose=SmsPurpose.REGISTER)
    code = simulator_last_code(recipient=NEW_PHONE)
    with pytest.raises(ValidationError) as caught:
        sms_code_verify(phone=NEW_PHONE, purpose=SmsPurpose.LOGIN, code=code)
    assert caught.value.code == "no_code"


def test_a_code_expires_after_five_minutes():
    challenge = sms_code_send(phone=NEW_PHONE, purpose=SmsPurpose.REGISTER)
    code = simulator_last_code(recipient=NEW_PHONE)
    age(challenge, minutes=5, seconds=1)
    with pytest.raises(ValidationError) as caught:
        sms_code_verify(phone=NEW_PHONE, purpose=SmsPurpose.REGISTER, code=code)
    assert caught.value.messages == ["验证码已过期，请重新获取"]


def test_five_wrong_attempts_burn_the_code_even_for_the_right_one_after():
    challenge = sms_code_send(phone=NEW_PHONE, purpose=SmsPurpose.REGISTER)
    code = simulator_last_code(recipient=NEW_PHONE)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    messages = []
    for _ in range(5):
        with pytest.raises(ValidationError) as caught:
            sms_code_verify(phone=NEW_PHONE, purpose=SmsPurpose.REGISTER, code=wrong)
        messages.append(caught.value.messages[0])
    assert messages[0] == "验证码不正确，还可尝试 4 次"
    assert messages[-1] == "验证码错误次数过多，请重新获取"
    challenge.refresh_from_db()
    assert challenge.attempts == 5 and challenge.consumed_at is None
    with pytest.raises(ValidationError) as caught:
        sms_code_verify(phone=NEW_PHONE, purpose=SmsPurpose.REGISTER, code=code)
    assert caught.value.code == "too_many_attempts"
    assert AuditEntry.objects.filter(action="identity.sms_code_rejected").count() == 6


def test_a_malformed_code_is_refused_without_counting_an_attempt():
    challenge = sms_code_send(phone=NEW_PHONE, purpose=SmsPurpose.REGISTER)
    with pytest.raises(ValidationError) as caught:
        sms_code_verify(phone=NEW_PHONE, purpose=SmsPurpose.REGISTER, code="12ab")
    assert caught.value.messages == ["请填写短信中的 6 位数字验证码"]
    challenge.refresh_from_db()
    assert challenge.attempts == 0
