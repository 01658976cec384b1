"""Licence identifiers (电子证照标识) in the national form, with the ISO 7064 MOD 37,36 check character.

``1.2.156.3005.2.<type code>.<issuer credit code>.<serial>.<version>.<check>``, for example
``1.2.156.3005.2.SPJYXKZ.113508020040000457.0000001.001.K``:

* ``1.2.156.3005.2`` — the fixed object-identifier prefix of electronic licences;
* ``<type code>`` — the licence type (``LicenceType.code``: 1–20 characters ``0-9A-Z``);
* ``<issuer credit code>`` — the issuing department's unified social credit code (18 characters);
* ``<serial>`` — the issuer's serial number for this type, at least 7 digits (zero-padded);
* ``<version>`` — the licence's version, 3 digits (``001`` for a first issue);
* ``<check>`` — one character of ``0-9A-Z``.

**What the check character covers**: the characters of type code, credit code, serial and version,
concatenated without the dots (``SPJYXKZ1135080200400004570000001001`` above), upper case. The fixed
prefix is the same for every licence and adds nothing, so it is not covered. A valid identifier
satisfies ``stdnum.iso7064.mod_37_36.checksum(covered + check) == 1``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stdnum.iso7064 import mod_37_36

PREFIX = "1.2.156.3005.2"
SERIAL_DIGITS = 7
TYPE_CODE_PATTERN = r"[0-9A-Z]{1,20}"
_PATTERN = re.compile(
    rf"^{re.escape(PREFIX)}\.(?P<type>{TYPE_CODE_PATTERN})\.(?P<issuer>[0-9A-Z]{{18}})"
    r"\.(?P<serial>\d{7,12})\.(?P<version>\d{3})\.(?P<check>[0-9A-Z])$"
)


@dataclass(frozen=True)
class IdentifierParts:
    type_code: str
    issuer_code: str
    serial: int
    version: int
    check: str


def check_character(covered: str) -> str:
    """The MOD 37,36 check character of ``covered`` (characters ``0-9A-Z`` only)."""
    return mod_37_36.calc_check_digit(covered.upper())


def _covered(type_code: str, issuer_code: str, serial: str, version: str) -> str:
    return f"{type_code}{issuer_code}{serial}{version}".upper()


def licence_identifier_make(*, type_code: str, issuer_code: str, serial: int, version: int = 1) -> str:
    """The full identifier for these parts (``ValueError`` if a part is out of shape)."""
    type_code, issuer_code = type_code.upper(), issuer_code.upper()
    if not re.fullmatch(TYPE_CODE_PATTERN, type_code):
        raise ValueError(f"证照类型代码应为 1–20 位数字或大写字母：{type_code}")
    if not re.fullmatch(r"[0-9A-Z]{18}", issuer_code):
        raise ValueError(f"颁发机构代码应为 18 位统一社会信用代码：{issuer_code}")
    if not 1 <= serial < 10**12 or not 1 <= version <= 999:
        raise ValueError("顺序号或版本号超出范围")
    serial_text, version_text = f"{serial:0{SERIAL_DIGITS}d}", f"{version:03d}"
    check = check_character(_covered(type_code, issuer_code, serial_text, version_text))
    return f"{PREFIX}.{type_code}.{issuer_code}.{serial_text}.{version_text}.{check}"


def licence_identifier_parse(text: str) -> IdentifierParts | None:
    """The parts of a well-formed identifier whose check character is right, else None."""
    match = _PATTERN.match((text or "").strip().upper())
    if match is None:
        return None
    covered = _covered(match["type"], match["issuer"], match["serial"], match["version"])
    if not mod_37_36.is_valid(covered + match["check"]):
        return None
    return IdentifierParts(
        type_code=match["type"],
        issuer_code=match["issuer"],
        serial=int(match["serial"]),
        version=int(match["version"]),
        check=match["check"],
    )


def licence_identifier_valid(text: str) -> bool:
    """Whether ``text`` is a well-formed licence identifier with the right check character."""
    return licence_identifier_parse(text) is not None
