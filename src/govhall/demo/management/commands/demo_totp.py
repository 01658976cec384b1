"""``govhall demo_totp <username>``: the current workbench code of a demo staff account (demo only).

Refuses every account whose TOTP device is not a demo device — the device must carry the demo
name *and* the secret derived from the username (``govhall.demo.accounts.demo_totp_key``), so a
real staff member's device is never read out.
"""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from govhall.demo.accounts import demo_totp_key
from govhall.identity.services.staff_totp import DEMO_DEVICE_NAME


class Command(BaseCommand):
    help = "显示演示工作人员账号当前的动态口令（仅限演示设备）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username", help="演示账号用户名，如 xl_catalog")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        devices = list(TOTPDevice.objects.filter(user__username=username, confirmed=True))
        if not devices:
            raise CommandError(f"账号 {username} 不存在或没有已绑定的动态口令设备")
        device = devices[0]
        if len(devices) != 1 or device.name != DEMO_DEVICE_NAME or device.key != demo_totp_key(username):
            raise CommandError(
                f"账号 {username} 的动态口令设备不是演示设备，拒绝显示（仅演示账号可用此命令）"
            )
        now = time.time()
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
        remaining = device.step - int(now - device.t0) % device.step
        self.stdout.write(f"{code:0{device.digits}d}")
        self.stderr.write(f"（{username} 的当前动态口令，{remaining} 秒后更新）")
