"""Registering a citizen: SMS code, ID number, one account per ID number and phone, data sealed at rest."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection

from govhall.core.audit import audit_chain_verify
from govhall.core.models import AuditEntry
from govhall.core.personal_data import unseal
from govhall.identity.idnumber import id_number_with_check
from govhall.identity.models import AssuranceLevel, AuthMethod, Person, SmsPurpose
from govhall.identity.services.persons import person_register, sms_code_send
from govhall.notifications.simulator import simulator_last_code

from .conftest import ID_NUMBER, PASSWORD, PHONE

pytestmark = pytest.mark.django_db


def register(**overrides) -> Person:
    values = {"name": "林小明", "id_number": ID_NUMBER, "phone": PHONE, "password": PASSWORD}
    values.update(overrides)
    if "sms_code" not in values:
        sms_code_send(phone=values["phone"], purpose=SmsPurpose.REGISTER)
        values["sms_code"] = simulator_last_code(recipient=values["phone"])
    return person_register(**values)


def test_registration_creates_an_l1_account_with_an_opaque_username():
    person = register(id_number=ID_NUMBER.lower() if ID_NUMBER.endswith("X") else ID_NUMBER)
    assert person.level == AssuranceLevel.L1 and person.level_method == AuthMethod.SMS
    assert person.name == "林小明"
    assert person.id_number_masked == ID_NUMBER[:4] + "**********" + ID_NUMBER[-4:]
    assert person.phone_masked == "139****5678"
    assert unseal(person.id_number_sealed, purpose="id_number") == ID_NUMBER
    assert unseal(person.phone_sealed, purpose="phone") == PHONE
    user = person.user
    assert user.username.startswith("p-") and ID_NUMBER not in user.username and PHONE not in user.username
    assert user.check_password(PASSWORD)
    entry = AuditEntry.objects.get(action="identity.person_register")
    assert entry.actor_id == user.pk and entry.object_id == str(person.pk)
    assert entry.summary == {
        "level": "L1",
        "method": "sms",
        "id_number": person.id_number_masked,
        "phone": "139****5678",
    }
    assert audit_chain_verify()[1] == []


def test_the_raw_database_columns_hold_neither_the_id_number_nor_the_phone():
    person = register()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Person._meta.db_table} WHERE id = %s", [person.pk])  # noqa: S608
        row = " ".join(str(value) for value in cursor.fetchone())
        cursor.execute("SELECT summary FROM core_auditentry")
        audit = " ".join(str(value) for (value,) in cursor.fetchall())
        cursor.execute("SELECT phone_hash, code_hash FROM identity_smschallenge")
        challenges = " ".join(str(value) for pair in cursor.fetchall() for value in pair)
    for secret in (ID_NUMBER, PHONE, ID_NUMBER[6:14]):
        assert secret not in row and secret not in audit and secret not in challenges


def test_a_second_account_for_the_same_id_number_is_refused():
    register()
    with pytest.raises(ValidationError) as caught:
        register(phone="13600002222")
    assert caught.value.message_dict == {
        "id_number": ["该身份证号码已注册账号，请直接登录；如非本人注册，请携带身份证到政务服务大厅窗口办理"]
    }
    assert Person.objects.count() == 1


def test_a_second_account_for_the_same_phone_is_refused():
    register()
    other = id_number_with_check("35080219851111222")
    with pytest.raises(ValidationError) as caught:
        person_register(name="王芳", id_number=other, phone=PHONE, sms_code="123456", password=PASSWORD)
    assert caught.value.message_dict == {"phone": ["该手机号码已注册账号，请直接登录或更换手机号码"]}
    assert Person.objects.count() == 1 and get_user_model().objects.count() == 1


def test_a_wrong_code_creates_nothing_and_says_so_next_to_the_code():
    sms_code_send(phone=PHONE, purpose=SmsPurpose.REGISTER)
    right = simulator_last_code(recipient=PHONE)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    with pytest.raises(ValidationError) as caught:
        register(sms_code=wrong)
    assert caught.value.message_dict == {"sms_code": ["验证码不正确，还可尝试 4 次"]}
    assert not Person.objects.exists() and not get_user_model().objects.exists()


def test_every_field_problem_is_reported_at_once_and_the_code_is_not_spent():
    sms_code_send(phone=PHONE, purpose=SmsPurpose.REGISTER)
    code = simulator_last_code(recipient=PHONE)
    with pytest.raises(ValidationError) as caught:
        register(
            name="",
            id_number=ID_NUMBER[:17] + ("0" if ID_NUMBER[17] != "0" else "1"),
            password="12345678",
            sms_code=code,
        )
    errors = caught.value.message_dict
    assert errors["name"] == ["请填写与身份证一致的姓名"]
    assert errors["id_number"] == ["身份证号码校验位错误，请核对后重新填写"]
    assert errors["password"] == [
        "密码太短，至少需要 10 个字符",
        "这个密码太常见，容易被猜中，请换一个",
        "密码不能全是数字",
        "密码须至少包含小写字母、大写字母、数字、符号中的三类",
        "密码不能包含身份证号码或手机号码",  # 12345678 ends with the phone's last six digits
    ]
    # The code was not consumed: fixing the fields registers with it.
    assert register(sms_code=code).level == AssuranceLevel.L1


def test_the_password_may_not_contain_the_phone_number():
    with pytest.raises(ValidationError) as caught:
        register(password=f"Ab!{PHONE}")
    assert "密码不能包含身份证号码或手机号码" in caught.value.message_dict["password"]
