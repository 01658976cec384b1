"""``govhall demo_certificates`` — the demo CA and the demo holders' certificates under ``var/demo-ca/``.

Idempotent: the CA is kept once created; a holder's certificate is re-issued only when missing,
issued by another CA, or within 30 days of expiry. See ``govhall.demo.enterprises``.
"""

from typing import Any

from django.core.management.base import BaseCommand

from govhall.demo.enterprises import demo_certificates_ensure
from govhall.identity.certificate_authority import demo_ca_directory


class Command(BaseCommand):
    help = "生成演示数字证书认证中心及演示用户的个人证书、企业证书（可重复运行）"

    def handle(self, *args: Any, **options: Any) -> None:
        ca_created, issued = demo_certificates_ensure()
        directory = demo_ca_directory()
        self.stdout.write(
            f"演示 CA：{'新建' if ca_created else '已存在'}；新签发证书 {issued} 张；目录：{directory}"
        )
        for path in sorted(directory.glob("*.cert.pem")):
            self.stdout.write(f"  {path.name}  {path.name.replace('.cert.pem', '.key.pem')}")
