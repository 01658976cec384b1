"""``govhall certificate_sign --key K --challenge N`` — sign a login challenge with a private key.

Stands in for a certificate holder's signing software (USB key middleware, a CA's client): it
prints the base64 signature to paste into the certificate login page. RSA keys sign with
PKCS#1 v1.5 and SHA-256, P-256 keys with ECDSA and SHA-256 (DER).
"""

import base64
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "用证书私钥对登录挑战码签名，输出 base64 签名（代替证书持有人的签名软件）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--key", required=True, help="私钥文件（PEM，PKCS#8）")
        parser.add_argument("--challenge", required=True, help="页面上显示的挑战码")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["key"])
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except FileNotFoundError as exc:
            raise CommandError(f"找不到私钥文件：{path}") from exc
        except (ValueError, TypeError) as exc:
            raise CommandError(f"无法读取私钥（须为未加密的 PEM）：{path}") from exc
        message = options["challenge"].strip().encode()
        if isinstance(key, rsa.RSAPrivateKey):
            signature = key.sign(message, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(key, ec.EllipticCurvePrivateKey) and isinstance(key.curve, ec.SECP256R1):
            signature = key.sign(message, ec.ECDSA(hashes.SHA256()))
        else:
            raise CommandError("不支持的密钥类型（支持 RSA 与 ECDSA P-256）")
        self.stdout.write(base64.b64encode(signature).decode())
