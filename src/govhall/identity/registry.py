"""Population registry (人口库) adapter: is this name and ID number a real, living resident?

``population_registry()`` returns the adapter named in ``settings.GOVHALL["POPULATION_REGISTRY"]``;
every adapter answers ``verify(name, id_number) -> RegistryAnswer`` and never raises — an
unreachable or misbehaving registry is an answer with ``unavailable=True`` and a Chinese reason.

- ``SimulatorRegistry`` (default; demo and tests): in-process, backed by ``SimulatedResident``.
- ``HttpRegistry``: JSON over HTTP(S) to ``GOVHALL["POPULATION_REGISTRY_URL"]`` + ``verify``, each
  request signed with HMAC-SHA256 under ``GOVHALL["POPULATION_REGISTRY_KEY"]``: headers
  ``X-Govhall-Timestamp`` (Unix seconds) and ``X-Govhall-Signature`` (hex HMAC of
  ``METHOD \\n PATH \\n TIMESTAMP \\n BODY``). The simulator answers the same protocol at
  ``/simulators/population/verify`` (``registry_urls``), so the HTTP adapter is tested for real.

This module only reads; adding residents to the simulator is ``services.registry_simulator``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.utils.module_loading import import_string

from govhall.core.personal_data import lookup_hash

from .models import SimulatedResident

logger = logging.getLogger(__name__)

TIMESTAMP_HEADER = "X-Govhall-Timestamp"
SIGNATURE_HEADER = "X-Govhall-Signature"
MAX_CLOCK_SKEW_SECONDS = 300
TIMEOUT_SECONDS = 5
SIMULATOR_HASH_PURPOSE = "registry_simulator"

UNAVAILABLE = "人口库核验服务暂时无法访问，请稍后再试，或携带身份证到政务服务大厅窗口办理实名认证"


@dataclass(frozen=True)
class RegistryAnswer:
    """The registry's verdict. ``reason`` is Chinese text fit to show the person."""

    matched: bool
    reason: str
    unavailable: bool = False


class PopulationRegistry(Protocol):
    name: str

    def verify(self, name: str, id_number: str) -> RegistryAnswer: ...


def population_registry() -> PopulationRegistry:
    """The configured adapter (``settings.GOVHALL["POPULATION_REGISTRY"]``)."""
    return import_string(str(settings.GOVHALL["POPULATION_REGISTRY"]))()


def registry_signature(*, key: str, method: str, path: str, timestamp: str, body: bytes) -> str:
    """Hex HMAC-SHA256 over ``METHOD\\nPATH\\nTIMESTAMP\\nBODY`` — the same on both sides."""
    message = f"{method.upper()}\n{path}\n{timestamp}\n".encode() + body
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def registry_signature_valid(
    *, key: str, method: str, path: str, headers: Mapping[str, str], body: bytes
) -> bool:
    """Whether a request carries a fresh, correct signature under ``key``."""
    timestamp = headers.get(TIMESTAMP_HEADER, "")
    signature = headers.get(SIGNATURE_HEADER, "")
    if not key or not timestamp.isdigit() or not signature:
        return False
    if abs(time.time() - int(timestamp)) > MAX_CLOCK_SKEW_SECONDS:
        return False
    expected = registry_signature(key=key, method=method, path=path, timestamp=timestamp, body=body)
    return hmac.compare_digest(expected, signature)


def simulator_answer(name: str, id_number: str) -> RegistryAnswer:
    """What the simulated registry says about ``name`` and ``id_number`` (shared by both simulators)."""
    resident = SimulatedResident.objects.filter(
        id_number_hash=lookup_hash(id_number, purpose=SIMULATOR_HASH_PURPOSE)
    ).first()
    if resident is None:
        return RegistryAnswer(False, "人口库中没有该身份证号码的登记信息")
    if resident.name != name.strip():
        return RegistryAnswer(False, "姓名与身份证号码不一致")
    if resident.deceased:
        return RegistryAnswer(False, "该身份证号码在人口库中登记为已死亡（注销）人员")
    return RegistryAnswer(True, "姓名与身份证号码一致")


class SimulatorRegistry:
    """The local simulator, called in-process."""

    name = "simulator"

    def verify(self, name: str, id_number: str) -> RegistryAnswer:
        return simulator_answer(name, id_number)


class HttpRegistry:
    """A population registry reached over HTTP(S) with signed JSON requests."""

    name = "http"

    def __init__(self, base_url: str | None = None, key: str | None = None, timeout: float = TIMEOUT_SECONDS):
        configured = settings.GOVHALL
        url = base_url if base_url is not None else str(configured["POPULATION_REGISTRY_URL"])
        self.base_url: str = url.rstrip("/")
        self.key: str = key if key is not None else str(configured["POPULATION_REGISTRY_KEY"])
        self.timeout = timeout

    def verify(self, name: str, id_number: str) -> RegistryAnswer:
        if not self.base_url or not self.key:
            logger.error("population registry: POPULATION_REGISTRY_URL or _KEY is not configured")
            return RegistryAnswer(False, "人口库核验接口尚未配置，请联系平台运维人员", unavailable=True)
        url = f"{self.base_url}/verify"
        body = json.dumps({"name": name, "id_number": id_number}, ensure_ascii=False).encode()
        timestamp = str(int(time.time()))
        signature = registry_signature(
            key=self.key, method="POST", path=urlsplit(url).path, timestamp=timestamp, body=body
        )
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "Accept": "application/json",
            TIMESTAMP_HEADER: timestamp,
            SIGNATURE_HEADER: signature,
        }
        try:
            response = requests.post(url, data=body, headers=headers, timeout=self.timeout)
        except requests.RequestException as exc:
            logger.warning("population registry unreachable: %s", type(exc).__name__)
            return RegistryAnswer(False, UNAVAILABLE, unavailable=True)
        return self._answer(response)

    def _answer(self, response: requests.Response) -> RegistryAnswer:
        try:
            payload = response.json()
        except ValueError:
            payload = None
        if response.status_code != 200 or not isinstance(payload, dict) or "matched" not in payload:
            logger.warning("population registry answered %s", response.status_code)
            if response.status_code == 401:
                return RegistryAnswer(
                    False, "人口库核验接口拒绝了本平台的签名，请联系平台运维人员", unavailable=True
                )
            return RegistryAnswer(False, UNAVAILABLE, unavailable=True)
        reason = str(payload.get("reason") or ("核验通过" if payload["matched"] else "核验未通过"))[:200]
        return RegistryAnswer(bool(payload["matched"]), reason)
