"""Licence identifiers: the national form and the ISO 7064 MOD 37,36 check character."""

import pytest
from stdnum.iso7064 import mod_37_36

from govhall.licences.identifiers import (
    check_character,
    licence_identifier_make,
    licence_identifier_parse,
    licence_identifier_valid,
)


def test_check_character_matches_the_stdnum_vector():
    # The example of python-stdnum's documentation of ISO 7064 MOD 37,36.
    assert check_character("A12425GABC1234002") == "M"


def test_identifier_has_the_national_form_and_covers_the_parts_after_the_prefix():
    identifier = licence_identifier_make(type_code="SPJYXKZ", issuer_code="113508020040000457", serial=17)

    prefix, rest = identifier[:15], identifier[15:]
    assert prefix == "1.2.156.3005.2."
    type_code, issuer, serial, version, check = rest.split(".")
    assert (type_code, issuer, serial, version) == ("SPJYXKZ", "113508020040000457", "0000017", "001")
    assert mod_37_36.is_valid(f"SPJYXKZ1135080200400004570000017001{check}")
    assert licence_identifier_valid(identifier)
    parts = licence_identifier_parse(identifier)
    assert parts is not None and (parts.serial, parts.version, parts.check) == (17, 1, check)


@pytest.mark.parametrize("position", [15, 23, 45, 48])
def test_any_changed_character_is_caught(position):
    identifier = licence_identifier_make(type_code="SPJYXKZ", issuer_code="113508020040000457", serial=17)
    original = identifier[position]
    replacement = "8" if original != "8" else "9"
    changed = identifier[:position] + replacement + identifier[position + 1 :]

    assert not licence_identifier_valid(changed)


def test_swapped_neighbouring_digits_are_caught():
    identifier = licence_identifier_make(type_code="YYZZ", issuer_code="113508020040000457", serial=1234567)
    serial_start = identifier.index(".1234567.") + 1
    swapped = identifier[:serial_start] + "1243567" + identifier[serial_start + 7 :]

    assert not licence_identifier_valid(swapped)


@pytest.mark.parametrize(
    "text",
    ["", "1.2.156.3005.2.SPJYXKZ", "1.2.156.3005.3.SPJYXKZ.113508020040000457.0000001.001.K", "<script>"],
)
def test_malformed_identifiers_are_invalid(text):
    assert not licence_identifier_valid(text)


def test_out_of_shape_parts_are_refused():
    with pytest.raises(ValueError):
        licence_identifier_make(type_code="sp-jy", issuer_code="113508020040000457", serial=1)
    with pytest.raises(ValueError):
        licence_identifier_make(type_code="SPJYXKZ", issuer_code="1135", serial=1)
