"""``govhall seal_load --department <credit code> --pkcs12 FILE --password P`` — load a real seal certificate.

Or ``--certificate cert.pem --key key.pem [--chain chain.pem] [--password P]``. The certificate
replaces the department's active seal; the chain's root joins the trust roots of verification.
Audited (``licences.seal_load``, channel ``command``).
"""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from govhall.core.audit import audit_context_use
from govhall.directory.models import Department
from govhall.directory.selectors import department_get
from govhall.licences.seals import seal_load


def _read(path: str | None) -> bytes | None:
    if not path:
        return None
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise CommandError(f"无法读取文件：{path}（{exc.strerror}）") from exc


class Command(BaseCommand):
    help = "为部门导入电子印章证书（PKCS#12，或 PEM 证书与私钥）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--department", required=True, help="部门统一社会信用代码")
        parser.add_argument("--pkcs12", help="PKCS#12 文件（.p12 / .pfx）")
        parser.add_argument("--certificate", help="PEM 证书文件")
        parser.add_argument("--key", help="PEM 私钥文件")
        parser.add_argument("--chain", help="PEM 证书链文件（可选）")
        parser.add_argument("--password", default="", help="PKCS#12 或私钥的口令")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            department = department_get(credit_code=options["department"].strip().upper())
        except Department.DoesNotExist as exc:
            raise CommandError(f"没有统一社会信用代码为 {options['department']} 的部门") from exc
        if not options["pkcs12"] and not (options["certificate"] and options["key"]):
            raise CommandError("须提供 --pkcs12，或同时提供 --certificate 与 --key")
        try:
            with audit_context_use(channel="command"):
                row = seal_load(
                    actor=None,
                    department=department,
                    pkcs12_data=_read(options["pkcs12"]),
                    password=options["password"],
                    certificate_data=_read(options["certificate"]),
                    key_data=_read(options["key"]),
                    chain_data=_read(options["chain"]),
                )
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        self.stdout.write(
            f"已为 {department.name} 导入电子印章证书，有效期至 {row.not_after:%Y-%m-%d}，指纹 {row.fingerprint}"
        )
