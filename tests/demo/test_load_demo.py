"""``govhall load_demo``: what it loads, that a second run loads nothing, and that the guides are valid."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import RequestFactory
from django_otp.plugins.otp_totp.models import TOTPDevice

from govhall.catalog.elements import elements_clean, version_snapshot
from govhall.catalog.models import (
    CatalogItem,
    HandlingItem,
    ImplementationEvent,
    ImplementationStatus,
    ImplementationVersion,
    ItemImplementation,
    Material,
    Theme,
    VersionState,
)
from govhall.demo.accounts import DEMO_ACCOUNTS, demo_totp_key
from govhall.demo.catalog import demo_plan
from govhall.demo.forms import blank_form_path
from govhall.directory.models import Department, Region
from govhall.identity.models import StaffProfile

pytestmark = pytest.mark.usefixtures("demo", "db")

PLAN, ELEMENT_SETS = demo_plan()


def counts() -> dict[str, int]:
    models = (
        Region,
        Department,
        Theme,
        CatalogItem,
        HandlingItem,
        ItemImplementation,
        ImplementationVersion,
        Material,
        ImplementationEvent,
        StaffProfile,
    )
    return {model.__name__: model.objects.count() for model in models}


def test_first_run_loads_the_province_and_thousands_of_implementations():
    expected = {
        "Region": 122,
        "Department": 1527,
        "Theme": 17,
        "CatalogItem": 43,
        "HandlingItem": 28,
        "ItemImplementation": len(PLAN),
        "StaffProfile": len(DEMO_ACCOUNTS),
    }
    assert {name: count for name, count in counts().items() if name in expected} == expected
    assert len(PLAN) > 4000


def test_a_second_run_loads_nothing_and_says_so(demo):
    before = counts()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert counts() == before
    assert f"实施清单：新增 0，已存在 {len(PLAN)}" in out.getvalue()
    assert "行政区划：新增 0" in out.getvalue() and "演示账号：新增 0" in out.getvalue()


def test_every_implementation_is_live_with_a_published_first_version_and_an_import_event():
    assert ItemImplementation.objects.exclude(status=ImplementationStatus.PUBLISHED).count() == 0
    assert ItemImplementation.objects.filter(published_version__isnull=True).count() == 0
    assert set(ImplementationVersion.objects.values_list("state", "number").distinct()) == {
        (VersionState.PUBLISHED, 1)
    }
    assert ImplementationEvent.objects.filter(action="imported").count() == len(PLAN)


def test_every_element_set_passes_the_submit_rules_except_the_one_legacy_guide():
    legacy = {p.elements_key for p in PLAN if p.legacy}
    assert legacy == {"010010000025/-/legacy-limit"}
    for key, elements in ELEMENT_SETS.items():
        if key in legacy:
            with pytest.raises(ValidationError) as error:
                elements_clean(elements, for_submit=True)
            assert error.value.message_dict == {"promised_limit": ["承诺时限（5）不能超过法定时限（3）"]}
        else:
            elements_clean(elements, for_submit=True)


def test_loaded_guides_of_xinluo_pass_the_submit_rules():
    versions = ImplementationVersion.objects.filter(
        implementation__region__code="350802000000"
    ).prefetch_related("materials", "steps", "fees", "themes", "prerequisites")
    assert versions.count() == sum(1 for p in PLAN if p.department.place.code == "350802") == 47
    for version in versions:
        elements_clean(version_snapshot(version), for_submit=True)


def test_the_legacy_guide_is_loaded_as_is_and_fails_only_the_promised_limit_rule():
    implementation = ItemImplementation.objects.get(
        catalog_item__code="010010000025", region__code="350824000000"
    )
    with pytest.raises(ValidationError) as error:
        elements_clean(version_snapshot(implementation.published_version), for_submit=True)
    assert list(error.value.message_dict) == ["promised_limit"]


def test_deliberate_inconsistencies_differ_from_the_other_counties():
    def snapshot(code: str, region: str, handling: str = "") -> dict:
        implementation = ItemImplementation.objects.get(
            catalog_item__code=code,
            region__code=region.ljust(12, "0"),
            handling_item__code=f"{code}{handling}" if handling else None,
        )
        return version_snapshot(implementation.published_version)

    assert snapshot("010050000016", "350821")["promised_limit"] == 15
    assert snapshot("010050000016", "350823")["promised_limit"] == 10
    assert str(snapshot("070070000021", "350825", "02")["fees"][0]["amount"]) == "100.00"
    assert str(snapshot("070070000021", "350823", "02")["fees"][0]["amount"]) == "80.00"
    assert (
        len(snapshot("010010000027", "350823")["materials"])
        == len(snapshot("010010000027", "350821")["materials"]) + 1
    )


def test_guides_carry_the_department_window_hours_and_area_code():
    implementation = ItemImplementation.objects.select_related("department").get(
        catalog_item__code="070030000006", handling_item__code="07003000000601", region__code="350821000000"
    )
    version = implementation.published_version
    assert implementation.department.name == "长汀县民政局"
    assert version.service_location == "长汀县行政服务中心四楼民政窗口"
    assert version.consult_phone == implementation.department.phone and version.consult_phone.startswith(
        "0597-"
    )
    assert version.service_hours == implementation.department.hours


def test_identity_card_renewal_social_security_card_and_housing_fund_are_the_most_popular():
    top = ItemImplementation.objects.filter(region__code__startswith="3508").order_by("-popularity")
    names = {i.catalog_item.name for i in top.select_related("catalog_item")[:12]}
    assert {"居民身份证核发", "社会保障卡申领", "住房公积金提取"} <= names
    assert ItemImplementation.objects.filter(popularity=0).count() < ItemImplementation.objects.count() / 10


def test_demo_accounts_log_in_with_the_documented_password_and_have_their_scope():
    for account in DEMO_ACCOUNTS:
        request = RequestFactory().post("/workbench/login/")  # django-axes needs the request
        user = authenticate(request, username=account.username, password=account.password)
        assert user is not None
        profile = StaffProfile.objects.select_related("region").get(user=user)
        assert (profile.roles, profile.region.code[:6], profile.display_name) == (
            [account.role],
            account.region,
            account.display_name,
        )
    assert {a.username for a in DEMO_ACCOUNTS} >= {"fj_catalog", "ly_catalog", "xl_catalog", "xl_reviewer"}


def test_demo_accounts_keep_the_documented_password_without_a_forced_change():
    usernames = [a.username for a in DEMO_ACCOUNTS]
    profiles = StaffProfile.objects.filter(user__username__in=usernames)
    assert profiles.count() == len(usernames)
    assert not profiles.filter(must_change_password=True).exists()


def test_every_demo_account_has_a_demo_totp_device_and_the_new_roles_exist():
    for account in DEMO_ACCOUNTS:
        device = TOTPDevice.objects.get(user__username=account.username)
        assert device.confirmed and device.key == demo_totp_key(account.username), account.username
    roles = {(a.username, a.role, a.region) for a in DEMO_ACCOUNTS}
    assert {
        ("xl_window", "window_clerk", "350802"),
        ("ly_supervisor", "supervisor", "350800"),
        ("fj_operator", "operator", "350000"),
    } <= roles


def test_forms_the_applicant_fills_in_come_with_a_blank_pdf_form():
    material = Material.objects.filter(name="食品经营许可申请书").first()
    assert material.template_file.name == blank_form_path("食品经营许可申请书")
    with material.template_file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert not Material.objects.filter(name="居民身份证").exclude(template_file="").exists()
