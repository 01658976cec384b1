"""Resident ID numbers (公民身份号码, GB 11643-1999): validation with precise Chinese messages.

Checks length and format, the birth date (a real date, not in the future, not before 1900) and
the ISO 7064 MOD 11-2 check character. The region prefix (first six digits) is accepted when it is
*well formed* — a real province code and digits — not only when it is in today's region list: a
person born in a county that has since been merged keeps the number they were given.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from stdnum.cn.ric import calc_check_digit

# Province-level prefixes of GB/T 2260, including 71 台湾, 81 香港, 82 澳门 and 83 (居住证 of 港澳台 residents).
PROVINCE_PREFIXES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
        "83",
    ]
)


def id_number_normalise(value: str) -> str:
    return (value or "").strip().replace(" ", "").upper()


def id_number_clean(value: str) -> str:
    """The normalised number, or ``ValidationError`` saying exactly what is wrong (in Chinese)."""
    number = id_number_normalise(value)
    if not number:
        raise ValidationError("请填写身份证号码", code="required")
    if len(number) != 18:
        raise ValidationError(f"身份证号码应为 18 位，您填写了 {len(number)} 位", code="length")
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise ValidationError("身份证号码前 17 位应为数字，最后一位为数字或 X", code="format")
    if number[:2] not in PROVINCE_PREFIXES or number[2:6] == "0000":
        raise ValidationError(f"身份证号码的地区码 {number[:6]} 不是有效的行政区划代码", code="region")
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(
            f"身份证号码中的出生日期 {number[6:14]} 不是有效日期", code="birth_date"
        ) from None
    if birth.year < 1900 or birth > timezone.localdate():
        raise ValidationError(f"身份证号码中的出生日期 {birth:%Y-%m-%d} 不在合理范围内", code="birth_date")
    if calc_check_digit(number) != number[17]:
        raise ValidationError("身份证号码校验位错误，请核对后重新填写", code="checksum")
    return number


def id_number_birth_date(number: str) -> date:
    return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def id_number_with_check(first17: str) -> str:
    """Complete 17 digits with their check character (demo data and tests)."""
    return first17 + calc_check_digit(first17 + "0")
