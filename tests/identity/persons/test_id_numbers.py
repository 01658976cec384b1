"""Resident ID numbers (GB 11643): what registration accepts and the exact Chinese reason it refuses."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from govhall.identity.idnumber import id_number_clean, id_number_with_check


@pytest.mark.parametrize(
    "number",
    [
        "11010519491231002X",  # the standard's own example (Beijing), check character X
        id_number_with_check("35010219900307123"),  # 福州市鼓楼区
        id_number_with_check("35260119800101001"),  # 龙岩地区 (3526): abolished 1997, still a valid number
        id_number_with_check("35210219850615002"),  # 建阳地区 (3521): merged into 南平 in 1994
    ],
)
def test_well_formed_numbers_are_accepted_even_with_a_historic_region_prefix(number):
    assert id_number_clean(number) == number


def test_lower_case_x_and_spaces_are_normalised():
    assert id_number_clean(" 11010519491231002x ") == "11010519491231002X"


@pytest.mark.parametrize(
    ("number", "code", "message"),
    [
        ("", "required", "请填写身份证号码"),
        ("3501021990030712", "length", "身份证号码应为 18 位，您填写了 16 位"),
        ("35010219900307123X1", "length", "身份证号码应为 18 位，您填写了 19 位"),
        ("3501021990030A1234", "format", "身份证号码前 17 位应为数字，最后一位为数字或 X"),
        ("99010219900307123" + "4", "region", "身份证号码的地区码 990102 不是有效的行政区划代码"),
        (
            id_number_with_check("35010219900230123"),
            "birth_date",
            "身份证号码中的出生日期 19900230 不是有效日期",
        ),
        (
            id_number_with_check("35010218890101123"),
            "birth_date",
            "身份证号码中的出生日期 1889-01-01 不在合理范围内",
        ),
    ],
)
def test_malformed_numbers_are_refused_with_the_reason(number, code, message):
    with pytest.raises(ValidationError) as caught:
        id_number_clean(number)
    assert caught.value.code == code
    assert caught.value.messages == [message]


def test_a_birth_date_in_the_future_is_refused():
    tomorrow = timezone.localdate() + timedelta(days=1)
    number = id_number_with_check(f"350102{tomorrow:%Y%m%d}123")
    with pytest.raises(ValidationError) as caught:
        id_number_clean(number)
    assert caught.value.code == "birth_date"


def test_a_wrong_check_character_is_refused():
    good = id_number_with_check("35010219900307123")
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    with pytest.raises(ValidationError) as caught:
        id_number_clean(bad)
    assert caught.value.code == "checksum"
    assert caught.value.messages == ["身份证号码校验位错误，请核对后重新填写"]
