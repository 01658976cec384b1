"""Binding a person certificate (L3) and logging in with person and enterprise certificates."""

import pytest
from django.core.exceptions import ValidationError

from govhall.core.models import AuditEntry
from govhall.identity.models import Credential, Enterprise
from govhall.identity.services.certificates import certificate_bind, certificate_login
from govhall.identity.services.enterprises import enterprise_register

from .pki import ENTERPRISE_CODE, LI_ID, ZHANG_ID, person_make, verified

pytestmark = pytest.mark.django_db


def test_binding_own_certificate_raises_the_account_to_l3(pki):
    person = person_make(name="张建国", id_number=ZHANG_ID, level="L2")
    certificate = verified(pki.issue())
    credential = certificate_bind(person=person, certificate=certificate)
    person.refresh_from_db()
    assert (person.level, person.level_method) == ("L3", "certificate")
    assert (credential.kind, credential.identifier, credential.user_id) == (
        "certificate",
        certificate.fingerprint,
        person.user_id,
    )
    entry = AuditEntry.objects.get(action="identity.certificate_bind")
    assert entry.summary["level"] == {"before": "L2", "after": "L3"}
    assert ZHANG_ID not in str(entry.summary)


def test_binding_someone_elses_certificate_is_refused_and_changes_nothing(pki):
    person = person_make(name="李秀英", id_number=LI_ID, level="L2")
    certificate = verified(pki.issue())  # 张建国's certificate
    with pytest.raises(ValidationError) as caught:
        certificate_bind(person=person, certificate=certificate)
    assert caught.value.code == "certificate_other_person"
    person.refresh_from_db()
    assert person.level == "L2"
    assert not Credential.objects.exists()
    assert not AuditEntry.objects.filter(action="identity.certificate_bind").exists()


def test_a_certificate_bound_to_one_account_cannot_be_bound_to_another(pki):
    person = person_make(name="张建国", id_number=ZHANG_ID)
    issued = pki.issue()
    certificate_bind(person=person, certificate=verified(issued))
    other = person_make(name="李秀英", id_number=LI_ID)
    Credential.objects.filter(user=person.user).update(user=other.user)  # as if bound elsewhere
    with pytest.raises(ValidationError) as caught:
        certificate_bind(person=person, certificate=verified(issued))
    assert caught.value.code == "certificate_taken"


def test_enterprise_certificate_cannot_be_bound_to_a_person(pki):
    person = person_make(name="张建国", id_number=ZHANG_ID)
    certificate = verified(pki.issue(kind="enterprise", name="闽西食品", serial=ENTERPRISE_CODE))
    with pytest.raises(ValidationError) as caught:
        certificate_bind(person=person, certificate=certificate)
    assert caught.value.code == "certificate_kind"


def test_person_certificate_login_binds_on_first_use(pki):
    person = person_make(name="张建国", id_number=ZHANG_ID, level="L1")
    outcome = certificate_login(certificate=verified(pki.issue()))
    assert outcome.user == person.user and outcome.kind == "person"
    person.refresh_from_db()
    assert person.level == "L3"
    assert Credential.objects.get(user=person.user).last_used_at is not None


def test_person_certificate_login_without_account_is_refused(pki):
    with pytest.raises(ValidationError) as caught:
        certificate_login(certificate=verified(pki.issue()))
    assert caught.value.code == "person_unregistered"
    assert "尚未注册" in caught.value.messages[0]


def test_enterprise_certificate_login_uses_the_enterprise_account(pki):
    representative = person_make(name="张建国", id_number=ZHANG_ID)
    issued = pki.issue(kind="enterprise", name="闽西食品有限公司", serial=ENTERPRISE_CODE)
    enterprise = enterprise_register(representative=representative, certificate=verified(issued))
    outcome = certificate_login(certificate=verified(issued))
    assert outcome.kind == "enterprise" and outcome.enterprise == enterprise
    assert outcome.user == Enterprise.objects.get(pk=enterprise.pk).user
    assert outcome.user != representative.user


def test_enterprise_certificate_login_for_unregistered_enterprise_is_refused(pki):
    issued = pki.issue(kind="enterprise", name="闽西食品有限公司", serial=ENTERPRISE_CODE)
    with pytest.raises(ValidationError) as caught:
        certificate_login(certificate=verified(issued))
    assert caught.value.code == "enterprise_unregistered"
    assert not Enterprise.objects.exists()
