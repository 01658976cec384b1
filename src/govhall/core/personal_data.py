"""Personal data at rest: AES-GCM sealing, keyed lookup hashes, masking.

A sealed value is ``"<key id>:<base64(nonce ‖ ciphertext ‖ tag)>"``, encrypted with AES-256-GCM
under the current data key, with the column's *purpose* (``"id_number"``, ``"phone"``) as
associated data so a ciphertext copied into another column does not decrypt. Lookups never
decrypt: each sealed column has a sibling holding ``HMAC-SHA256(lookup key, purpose ‖ value)``,
unique where the value must be unique. Views show the masked form, stored beside it.

Keys come from settings (``GOVHALL_DATA_KEYS``: ``id:base64key,...``, the first is current;
``GOVHALL_LOOKUP_KEY``); without them a key file is generated once under ``var/`` (0600).
Rotation: put a new key first, keep the old ones, run ``govhall personal_data_rekey`` — every
registered column is re-sealed under the new key; then the old key can be removed. See
docs/security.md.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
from dataclasses import dataclass
from functools import cache

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .keyfiles import file_once

NONCE_BYTES = 12


@dataclass(frozen=True)
class Keyring:
    current_id: str
    data_keys: dict[str, bytes]
    lookup_key: bytes


def _decode_key(text: str, name: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(text.strip() + "=" * (-len(text.strip()) % 4))
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} 不是有效的 base64 密钥") from exc
    if len(key) != 32:
        raise ImproperlyConfigured(f"{name} 应为 32 字节（AES-256）密钥，实际为 {len(key)} 字节")
    return key


def _generated_keys_file() -> dict[str, str]:
    def make() -> bytes:
        values = {
            "data_keys": f"k1:{base64.urlsafe_b64encode(os.urandom(32)).decode()}",
            "lookup_key": base64.urlsafe_b64encode(os.urandom(32)).decode(),
        }
        return json.dumps(values).encode()

    # Created once, atomically, 0600: never world-readable, and concurrent first starts agree on one key.
    return json.loads(file_once(settings.VAR_DIR / "data_keys.json", make))


@cache
def keyring() -> Keyring:
    configured = str(settings.GOVHALL.get("DATA_KEYS") or "")
    lookup = str(settings.GOVHALL.get("LOOKUP_KEY") or "")
    if not configured or not lookup:
        generated = _generated_keys_file()
        configured = configured or generated["data_keys"]
        lookup = lookup or generated["lookup_key"]
    keys: dict[str, bytes] = {}
    order: list[str] = []
    for part in configured.split(","):
        if not part.strip():
            continue
        key_id, _, value = part.strip().partition(":")
        if not re.fullmatch(r"[A-Za-z0-9_-]{1,16}", key_id) or not value:
            raise ImproperlyConfigured("GOVHALL_DATA_KEYS 的格式应为 “编号:base64密钥,…”")
        keys[key_id] = _decode_key(value, f"GOVHALL_DATA_KEYS[{key_id}]")
        order.append(key_id)
    if not order:
        raise ImproperlyConfigured("GOVHALL_DATA_KEYS 未配置任何密钥")
    return Keyring(current_id=order[0], data_keys=keys, lookup_key=_decode_key(lookup, "GOVHALL_LOOKUP_KEY"))


def seal(value: str, *, purpose: str) -> str:
    """Encrypt ``value`` under the current key; ``purpose`` binds it to its column."""
    ring = keyring()
    nonce = os.urandom(NONCE_BYTES)
    ciphertext = AESGCM(ring.data_keys[ring.current_id]).encrypt(nonce, value.encode(), purpose.encode())
    return f"{ring.current_id}:{base64.b64encode(nonce + ciphertext).decode()}"


def unseal(token: str, *, purpose: str) -> str:
    """Decrypt a sealed value. Callers that show it to a person must audit the reveal."""
    ring = keyring()
    key_id, _, body = token.partition(":")
    if key_id not in ring.data_keys:
        raise ImproperlyConfigured(f"缺少数据密钥 {key_id}：轮换密钥时旧密钥须保留至重新加密完成")
    raw = base64.b64decode(body)
    return (
        AESGCM(ring.data_keys[key_id])
        .decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], purpose.encode())
        .decode()
    )


def sealed_key_id(token: str) -> str:
    return token.partition(":")[0]


def lookup_hash(value: str, *, purpose: str) -> str:
    """Keyed hash for equality lookups without decrypting (HMAC-SHA256, hex)."""
    message = f"{purpose}\x00{value}".encode()
    return hmac.new(keyring().lookup_key, message, hashlib.sha256).hexdigest()


def mask_id_number(value: str) -> str:
    """``350102199003071234`` → ``3501**********1234`` (first 4 and last 4 kept)."""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(value: str) -> str:
    """``13800138000`` → ``138****8000``."""
    if len(value) < 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_name(value: str) -> str:
    """``张三丰`` → ``张**`` (for public pages such as licence verification)."""
    return value[:1] + "*" * (len(value) - 1) if value else ""


@dataclass(frozen=True)
class SealedColumn:
    """A column holding sealed values, registered so ``personal_data_rekey`` can re-seal it."""

    model_label: str  # "identity.Person"
    field: str  # "id_number_sealed"
    purpose: str  # "id_number"


SEALED_COLUMNS: list[SealedColumn] = []


def sealed_column_register(model_label: str, field: str, purpose: str) -> None:
    column = SealedColumn(model_label, field, purpose)
    if column not in SEALED_COLUMNS:
        SEALED_COLUMNS.append(column)
