"""The public verification page, the holder's wallet and the workbench licence pages."""

import io

import pytest
from django.test import Client
from django.urls import reverse

from govhall.core.models import AuditEntry
from govhall.identity.models import StaffRole
from govhall.identity.services.staff import staff_upsert
from govhall.identity.session import ENTERPRISE_KEY
from govhall.licences.models import Licence
from govhall.licences.services import licence_revoke

from ..staff_login import staff_client
from .test_import import GOOD, xlsx
from .test_issue_and_seal import issue, pdf_bytes

pytestmark = pytest.mark.django_db


def verify_url(licence) -> str:
    return reverse("licences:verify", args=(licence.identifier,))


def test_verify_page_shows_a_valid_licence_with_the_holder_masked(world, food_type, holder):
    licence = issue(world, food_type, holder)

    response = Client().get(verify_url(licence))

    page = response.content.decode()
    assert response.status_code == 200
    assert "该证照当前有效" in page and "张*" in page and "张三" not in page
    assert holder.id_number_masked in page and world.county_department.name in page


def test_verify_page_says_revoked_after_revocation(world, food_type, holder):
    licence = issue(world, food_type, holder)
    licence_revoke(actor=world.manager, licence=licence, reason="以欺骗手段取得许可")

    page = Client().get(verify_url(licence)).content.decode()

    assert "已撤销" in page and "以欺骗手段取得许可" in page and "该证照当前有效" not in page


def test_verify_page_for_an_unknown_or_malformed_identifier_is_a_chinese_404(world, food_type, holder):
    licence = issue(world, food_type, holder)
    wrong_check = licence.identifier[:-1] + ("A" if licence.identifier[-1] != "A" else "B")

    for identifier in (wrong_check, "nonsense"):
        response = Client().get(reverse("licences:verify", args=(identifier,)))
        assert response.status_code == 404 and "未查询到该证照" in response.content.decode()


def test_uploading_the_genuine_pdf_says_valid_and_a_tampered_one_says_invalid(world, food_type, holder):
    licence = issue(world, food_type, holder)
    genuine = pdf_bytes(licence)
    tampered = bytearray(genuine)
    tampered[tampered.index(b"stream", 2000) + 20] ^= 0x01

    good = Client().post(verify_url(licence), {"pdf": io.BytesIO(genuine)}, format="multipart")
    bad = Client().post(verify_url(licence), {"pdf": io.BytesIO(bytes(tampered))})
    not_pdf = Client().post(verify_url(licence), {"pdf": io.BytesIO(b"hello")})

    assert "电子签章有效" in good.content.decode() and "完全一致" in good.content.decode()
    assert "电子签章无效" in bad.content.decode() and "篡改" in bad.content.decode()
    assert not_pdf.status_code == 400 and "不是 PDF" in not_pdf.content.decode()


def test_wallet_lists_only_the_holders_own_licences(world, food_type, holder, other_holder):
    mine = issue(world, food_type, holder)
    theirs = issue(world, food_type, other_holder)

    response = staff_client(holder.user).get(reverse("licences:wallet"))

    page = response.content.decode()
    assert response.status_code == 200
    assert mine.identifier in page and theirs.identifier not in page


def test_wallet_shows_the_enterprise_licences_while_acting_for_it(world, food_type, holder, enterprise):
    own = issue(world, food_type, holder)
    company = issue(world, food_type, None, holder_enterprise=enterprise)
    client = staff_client(holder.user)

    before = client.get(reverse("licences:wallet")).content.decode()
    session = client.session
    session[ENTERPRISE_KEY] = enterprise.pk
    session.save()
    after = client.get(reverse("licences:wallet")).content.decode()

    assert own.identifier in before and company.identifier not in before
    assert own.identifier in after and company.identifier in after


def test_download_is_the_holders_only_and_audited(world, food_type, holder, other_holder):
    licence = issue(world, food_type, holder)
    url = reverse("licences:download", args=(licence.identifier,))

    response = staff_client(holder.user).get(url)
    stranger = staff_client(other_holder.user).get(url)
    anonymous = Client().get(url)

    assert response.status_code == 200 and response.content == pdf_bytes(licence)
    assert stranger.status_code == 404 and anonymous.status_code == 302
    entry = AuditEntry.objects.get(action="personal_data.licence_download")
    assert entry.actor_id == holder.user_id and entry.object_id == str(licence.pk)


@pytest.fixture
def reviewer(world):
    return staff_upsert(
        username="xl_licence_reviewer",
        display_name="郑审",
        region=world.county,
        roles=[StaffRole.REVIEWER],
        department=world.county_department,
    ).user


def test_reviewer_revokes_from_the_workbench_and_the_public_page_follows(world, food_type, holder, reviewer):
    licence = issue(world, food_type, holder)
    client = staff_client(reviewer)

    listed = client.get(reverse("workbench:licence_list"))
    empty_reason = client.post(
        reverse("workbench:licence_status", args=(licence.identifier,)), {"action": "revoke", "reason": ""}
    )
    still_valid = Licence.objects.get(pk=licence.pk).status
    done = client.post(
        reverse("workbench:licence_status", args=(licence.identifier,)),
        {"action": "revoke", "reason": "许可条件已不具备"},
    )

    assert listed.status_code == 200 and licence.identifier in listed.content.decode()
    assert empty_reason.status_code == 302 and still_valid == "valid"
    assert done.status_code == 302 and Licence.objects.get(pk=licence.pk).status == "revoked"
    assert "已撤销" in Client().get(verify_url(licence)).content.decode()


def test_import_page_with_a_bad_row_shows_problems_and_writes_nothing(world, food_type, holder, reviewer):
    bad = ["无名氏", "350802199001011237", "店", "路", "餐饮服务经营者", "2023-05-01", "", ""]
    upload = io.BytesIO(xlsx([GOOD, bad]))
    upload.name = "存量证照.xlsx"

    response = staff_client(reviewer).post(
        reverse("workbench:licence_import"), {"type_code": "SPJYXKZ", "file": upload}
    )

    assert response.status_code == 400
    assert "第 3 行" in response.content.decode() and not Licence.objects.exists()


def test_import_page_imports_a_clean_file(world, food_type, holder, reviewer):
    upload = io.BytesIO(xlsx([GOOD]))
    upload.name = "存量证照.xlsx"

    response = staff_client(reviewer).post(
        reverse("workbench:licence_import"), {"type_code": "SPJYXKZ", "file": upload}
    )

    assert response.status_code == 302
    licence = Licence.objects.get()
    assert licence.imported and licence.issuer == world.county_department
