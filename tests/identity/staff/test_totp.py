"""Demo TOTP devices and ``govhall demo_totp``: the code for demo devices, a refusal for any other."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from govhall.demo.accounts import DEMO_TOTP_SEED, demo_totp_key
from govhall.identity.services.staff_totp import demo_totp_device_ensure, staff_totp_enrol_start

from ...staff_login import totp_code

pytestmark = pytest.mark.django_db


def test_demo_secret_is_derived_from_the_username_and_the_published_seed():
    import hashlib
    import hmac

    assert (
        demo_totp_key("xl_catalog")
        == hmac.new(DEMO_TOTP_SEED, b"xl_catalog", hashlib.sha256).digest()[:20].hex()
    )
    assert demo_totp_key("xl_catalog") != demo_totp_key("xl_reviewer")


def test_demo_device_is_created_once_and_demo_totp_prints_its_current_code(world):
    first = demo_totp_device_ensure(user=world.manager, key_hex=demo_totp_key("xl_manager"))
    again = demo_totp_device_ensure(user=world.manager, key_hex=demo_totp_key("xl_manager"))
    assert first.pk == again.pk and TOTPDevice.objects.filter(user=world.manager).count() == 1
    out = StringIO()
    call_command("demo_totp", "xl_manager", stdout=out, stderr=StringIO())
    assert out.getvalue().strip() == totp_code(first)


def test_demo_totp_refuses_a_real_device(world):
    staff_totp_enrol_start(user=world.manager)
    TOTPDevice.objects.filter(user=world.manager).update(confirmed=True)
    with pytest.raises(CommandError, match="不是演示设备"):
        call_command("demo_totp", "xl_manager", stdout=StringIO())


def test_demo_totp_refuses_a_device_named_demo_with_another_secret(world):
    device = demo_totp_device_ensure(user=world.manager, key_hex=demo_totp_key("xl_manager"))
    TOTPDevice.objects.filter(pk=device.pk).update(key="00" * 20)
    with pytest.raises(CommandError, match="不是演示设备"):
        call_command("demo_totp", "xl_manager", stdout=StringIO())


def test_demo_totp_names_an_unknown_account():
    assert not User.objects.filter(username="nobody").exists()
    with pytest.raises(CommandError, match="不存在或没有已绑定"):
        call_command("demo_totp", "nobody", stdout=StringIO())
