"""The operators' staff directory: creating staff, editing roles and places, account recovery, scope."""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from govhall.core.models import AuditEntry
from govhall.directory.services import department_upsert, region_upsert
from govhall.identity.models import StaffProfile, StaffRole
from govhall.identity.services.staff import staff_account_deactivate, staff_account_save, staff_upsert
from govhall.identity.services.staff_totp import staff_totp_reset

from ...factories import credit_code
from ...staff_login import staff_client, totp_code, totp_device_for

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Minxi-Window-2026"
PASSWORD = "Xinluo-2026!"  # build_world()'s password for xl_manager


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    """Rate-limit counters live in the cache; django-otp's throttle would delay a retried code."""
    cache.clear()
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    yield
    cache.clear()


@pytest.fixture
def operator(world) -> User:
    return staff_upsert(
        username="fj_operator", display_name="省运维", region=world.province, roles=[StaffRole.OPERATOR]
    ).user


@pytest.fixture
def city_operator(world) -> User:
    return staff_upsert(
        username="ly_operator", display_name="市运维", region=world.city, roles=[StaffRole.OPERATOR]
    ).user


@pytest.fixture
def fuzhou_clerk(world) -> User:
    fuzhou = region_upsert(code="350100", name="福州市", parent=world.province)
    department = department_upsert(
        credit_code=credit_code(100_0001), name="福州市市场监督管理局", region=fuzhou, phone="0591-1234567"
    )
    return staff_upsert(
        username="fz_window",
        display_name="福州窗口",
        region=fuzhou,
        department=department,
        roles=[StaffRole.WINDOW_CLERK],
    ).user


def _new_form(world, **overrides):
    data = {
        "username": "xl_window2",
        "display_name": "郑敏",
        "region": world.county.code,
        "department": world.county_department.pk,
        "roles": [StaffRole.WINDOW_CLERK],
        "initial_password": NEW_PASSWORD,
        "initial_password_again": NEW_PASSWORD,
    }
    return data | overrides


def _edit_form(profile, **overrides):
    data = {
        "display_name": profile.display_name,
        "region": profile.region.code,
        "department": profile.department_id or "",
        "roles": list(profile.roles),
    }
    return data | overrides


def _password_step(client, username, password):
    return client.post(reverse("workbench:login"), {"username": username, "password": password})


def _enrol_and_log_in(client, username, *, lands_on=None):
    """After the password step: the enrolment page, then the first code of the new device confirms it.

    ``lands_on``: where the login then leads (the home page unless the password must be changed)."""
    enrol = client.get(reverse("workbench:login_code"))
    assert enrol.status_code == 302 and enrol["Location"] == reverse("workbench:login_enrol")
    page = client.get(reverse("workbench:login_enrol"))
    assert page.status_code == 200 and "绑定动态口令" in page.content.decode()
    device = TOTPDevice.objects.get(user__username=username, confirmed=False)
    done = client.post(reverse("workbench:login_enrol"), {"code": totp_code(device)})
    assert done.status_code == 302 and done["Location"] == (lands_on or reverse("workbench:home"))
    return device


# --- creating staff -----------------------------------------------------------------------------


def test_operator_creates_a_staff_member_who_logs_in_and_must_enrol_an_authenticator(world, operator):
    response = staff_client(operator).post(reverse("workbench:staff_new"), _new_form(world))
    assert response.status_code == 302
    assert response["Location"] == reverse("workbench:staff_detail", args=["xl_window2"])
    profile = StaffProfile.objects.select_related("user").get(user__username="xl_window2")
    assert profile.display_name == "郑敏" and profile.roles == [StaffRole.WINDOW_CLERK]
    assert profile.region == world.county and profile.department == world.county_department
    assert not TOTPDevice.objects.filter(user=profile.user).exists()
    entry = AuditEntry.objects.get(action="identity.staff_create")
    assert entry.actor == operator and entry.object_label == "xl_window2"
    assert entry.summary["after"]["roles"] == [StaffRole.WINDOW_CLERK]
    assert NEW_PASSWORD not in str(entry.summary)

    client = Client()
    first = _password_step(client, "xl_window2", NEW_PASSWORD)
    assert first.status_code == 302 and first["Location"] == reverse("workbench:login_code")
    change = reverse("workbench:password_change") + "?next=%2Fworkbench%2F"
    device = _enrol_and_log_in(client, "xl_window2", lands_on=change)
    device.refresh_from_db()
    assert device.confirmed
    # The initial password must be changed first (tests/identity/staff/test_staff_password.py).
    assert client.get(reverse("workbench:home"))["Location"] == change


def test_new_staff_page_lists_only_regions_and_departments_in_the_operators_scope(world, city_operator):
    fuzhou = region_upsert(code="350100", name="福州市", parent=world.province)
    page = staff_client(city_operator).get(reverse("workbench:staff_new")).content.decode()
    assert world.county.code in page and world.county_department.name in page
    assert fuzhou.code not in page and f'value="{world.province.code}"' not in page


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"department": 999_999}, "选择一个有效的选项"),
        ({"initial_password": "12345678", "initial_password_again": "12345678"}, "密码"),
        ({"initial_password_again": "Something-else-2026"}, "两次输入的初始密码不一致"),
        ({"username": "Xl Window"}, "用户名须为"),
        ({"roles": []}, "请至少选择一个角色"),
    ],
    ids=["unknown department", "weak password", "passwords differ", "bad username", "no role"],
)
def test_bad_input_shows_a_chinese_error_and_writes_nothing(world, operator, overrides, message):
    users_before = User.objects.count()
    response = staff_client(operator).post(reverse("workbench:staff_new"), _new_form(world, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert User.objects.count() == users_before
    assert not AuditEntry.objects.filter(action="identity.staff_create").exists()


def test_weak_password_error_names_the_rule_in_chinese(world, operator):
    response = staff_client(operator).post(
        reverse("workbench:staff_new"),
        _new_form(world, initial_password="12345678", initial_password_again="12345678"),
    )
    page = response.content.decode()
    assert "初始密码不符合要求" in page and "密码太短，至少需要 10 位" in page and "这个密码太常见了" in page


def test_department_of_another_region_is_refused_with_a_chinese_error(world, operator):
    response = staff_client(operator).post(
        reverse("workbench:staff_new"), _new_form(world, department=world.city_department.pk)
    )
    assert response.status_code == 200
    assert "不属于所属区划“新罗区”" in response.content.decode()
    assert not User.objects.filter(username="xl_window2").exists()


def test_department_roles_need_a_department(world, operator):
    response = staff_client(operator).post(reverse("workbench:staff_new"), _new_form(world, department=""))
    assert "窗口人员须指定所属部门" in response.content.decode()
    assert not User.objects.filter(username="xl_window2").exists()


def test_a_username_in_use_is_refused(world, operator):
    response = staff_client(operator).post(
        reverse("workbench:staff_new"), _new_form(world, username="xl_manager")
    )
    assert "用户名“xl_manager”已被使用" in response.content.decode()
    assert StaffProfile.objects.get(user__username="xl_manager").display_name == "林晓"


def test_unknown_role_is_refused_by_the_service(world, operator):
    with pytest.raises(ValidationError, match="未知角色：superuser"):
        staff_account_save(
            by=operator,
            username="xl_window2",
            display_name="郑敏",
            region=world.county,
            department=world.county_department,
            roles=["superuser"],
            initial_password=NEW_PASSWORD,
        )
    assert not User.objects.filter(username="xl_window2").exists()


# --- editing ------------------------------------------------------------------------------------


def test_role_and_region_edits_are_audited_with_before_and_after(world, operator):
    profile = StaffProfile.objects.select_related("region").get(user=world.manager)
    response = staff_client(operator).post(
        reverse("workbench:staff_detail", args=["xl_manager"]),
        _edit_form(
            profile,
            region=world.city.code,
            department=world.city_department.pk,
            roles=[StaffRole.CATALOG_MANAGER, StaffRole.REVIEWER],
        ),
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.region == world.city and profile.department == world.city_department
    assert profile.roles == [StaffRole.REVIEWER, StaffRole.CATALOG_MANAGER]
    entry = AuditEntry.objects.get(action="identity.staff_update")
    assert entry.actor == operator
    assert entry.summary["changed"] == ["department", "region", "roles"]
    assert entry.summary["before"]["roles"] == [StaffRole.CATALOG_MANAGER]
    assert entry.summary["after"]["roles"] == [StaffRole.REVIEWER, StaffRole.CATALOG_MANAGER]
    assert entry.summary["before"]["region"].endswith("新罗区")
    assert entry.summary["after"]["region"].endswith("龙岩市")


def test_saving_without_changes_writes_no_audit_entry(world, operator):
    profile = StaffProfile.objects.select_related("region").get(user=world.manager)
    staff_client(operator).post(reverse("workbench:staff_detail", args=["xl_manager"]), _edit_form(profile))
    assert not AuditEntry.objects.filter(action="identity.staff_update").exists()


def test_an_operator_cannot_remove_their_own_operator_role(world, operator):
    with pytest.raises(ValidationError, match="不能移除您自己的运维人员角色"):
        staff_account_save(
            by=operator,
            username="fj_operator",
            display_name="省运维",
            region=world.province,
            department=None,
            roles=[StaffRole.SUPERVISOR],
        )
    assert StaffProfile.objects.get(user=operator).roles == [StaffRole.OPERATOR]


# --- scope --------------------------------------------------------------------------------------


def test_city_operator_cannot_manage_provincial_or_other_city_staff(
    world, operator, city_operator, fuzhou_clerk
):
    client = staff_client(city_operator)
    device = totp_device_for(fuzhou_clerk)
    for username in ("fj_operator", "fz_window"):
        assert client.get(reverse("workbench:staff_detail", args=[username])).status_code == 403
        for action in ("staff_totp_reset", "staff_lockout_clear", "staff_deactivate"):
            response = client.post(reverse(f"workbench:{action}", args=[username]), {"reason": "越权测试"})
            assert response.status_code == 403
    fuzhou = StaffProfile.objects.select_related("region", "department").get(user=fuzhou_clerk)
    response = client.post(
        reverse("workbench:staff_detail", args=["fz_window"]), _edit_form(fuzhou, display_name="改名")
    )
    assert response.status_code == 403
    assert User.objects.get(username="fz_window").is_active
    assert StaffProfile.objects.get(user=fuzhou_clerk).display_name == "福州窗口"
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    assert not AuditEntry.objects.filter(action__startswith="identity.staff_").exists()
    assert not AuditEntry.objects.filter(action="identity.totp_reset").exists()


def test_city_operator_cannot_move_staff_out_of_the_city_or_create_provincial_staff(world, city_operator):
    with pytest.raises(PermissionDenied):
        staff_account_save(
            by=city_operator,
            username="xl_manager",
            display_name="林晓",
            region=world.province,
            department=None,
            roles=[StaffRole.CATALOG_MANAGER],
        )
    with pytest.raises(PermissionDenied):
        staff_account_save(
            by=city_operator,
            username="fj_new",
            display_name="省级新人",
            region=world.province,
            department=None,
            roles=[StaffRole.SUPERVISOR],
            initial_password=NEW_PASSWORD,
        )
    assert StaffProfile.objects.get(user=world.manager).region == world.county
    assert not User.objects.filter(username="fj_new").exists()


def test_staff_list_shows_only_the_operators_subtree_and_filters(
    world, operator, city_operator, fuzhou_clerk
):
    city_page = staff_client(city_operator).get(reverse("workbench:staff_list")).content.decode()
    assert "xl_manager" in city_page and "ct_manager" in city_page
    assert "fz_window" not in city_page and "fj_operator" not in city_page

    client = staff_client(operator)
    page = client.get(reverse("workbench:staff_list"), {"role": StaffRole.WINDOW_CLERK}).content.decode()
    assert "fz_window" in page and "xl_manager" not in page
    page = client.get(reverse("workbench:staff_list"), {"q": "林晓"}).content.decode()
    assert "xl_manager" in page and "xl_reviewer" not in page
    page = client.get(reverse("workbench:staff_list"), {"region": world.other_county.code}).content.decode()
    assert "ct_manager" in page and "xl_manager" not in page
    page = client.get(
        reverse("workbench:staff_list"), {"department": world.county_department.pk}
    ).content.decode()
    assert "xl_manager" in page and "xl_reviewer" in page and "ly_manager" not in page


def test_staff_list_shows_authenticator_and_lockout_state(world, operator, settings):
    totp_device_for(world.manager)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _password_step(Client(), "xl_reviewer", "wrong-password")
    page = staff_client(operator).get(reverse("workbench:staff_list"), {"q": "xl_"}).content.decode()
    manager_row = page[page.index("xl_manager") : page.index("</tr>", page.index("xl_manager"))]
    reviewer_row = page[page.index("xl_reviewer") : page.index("</tr>", page.index("xl_reviewer"))]
    assert "已绑定" in manager_row and "已锁定" not in manager_row
    assert "未绑定" in reviewer_row and "已锁定" in reviewer_row


def test_staff_list_query_count_does_not_grow_with_rows(world, operator, django_assert_max_num_queries):
    for number in range(20):
        staff_upsert(
            username=f"bulk_{number}",
            display_name=f"批量{number}",
            region=world.county,
            department=world.county_department,
            roles=[StaffRole.REVIEWER],
        )
    client = staff_client(operator)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("workbench:staff_list"))
    assert response.content.decode().count("badge--pending") >= 20


# --- recovery -----------------------------------------------------------------------------------


def test_reset_authenticator_makes_the_next_login_enrol_again_and_audits_the_reason(world, operator):
    old = totp_device_for(world.manager)
    response = staff_client(operator).post(
        reverse("workbench:staff_totp_reset", args=["xl_manager"]), {"reason": "手机丢失，本人来电申请"}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    entry = AuditEntry.objects.get(action="identity.totp_reset")
    assert entry.reason == "手机丢失，本人来电申请" and entry.actor == operator
    assert entry.summary == {"devices_removed": 1, "had_confirmed_device": True}
    assert old.key not in str(entry.summary)

    client = Client()
    _password_step(client, "xl_manager", PASSWORD)
    new = _enrol_and_log_in(client, "xl_manager")
    assert new.pk != old.pk and new.key != old.key


def test_reset_authenticator_needs_a_reason(world, operator):
    device = totp_device_for(world.manager)
    client = staff_client(operator)
    response = client.post(reverse("workbench:staff_totp_reset", args=["xl_manager"]), {"reason": " "})
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    assert not AuditEntry.objects.filter(action="identity.totp_reset").exists()
    page = client.get(response["Location"]).content.decode()
    assert "请填写原因" in page


def test_reset_authenticator_ends_the_staff_members_verified_session(world, operator):
    own = staff_client(world.manager)
    assert own.get(reverse("workbench:home")).status_code == 200
    staff_totp_reset(by=operator, user=world.manager, reason="手机丢失")
    response = own.get(reverse("workbench:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("workbench:login"))


def test_clearing_a_lockout_after_five_failures_lets_the_user_log_in(world, operator, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    client = Client()
    for _ in range(5):
        _password_step(client, "xl_manager", "wrong-password")
    assert _password_step(client, "xl_manager", PASSWORD).status_code == 429
    response = staff_client(operator).post(
        reverse("workbench:staff_lockout_clear", args=["xl_manager"]),
        {"reason": "本人电话确认，忘记密码后已找回"},
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="identity.staff_lockout_clear")
    assert entry.reason == "本人电话确认，忘记密码后已找回" and entry.summary["attempt_records_cleared"] >= 1
    first = _password_step(client, "xl_manager", PASSWORD)
    assert first.status_code == 302 and first["Location"] == reverse("workbench:login_code")
    device = totp_device_for(world.manager)
    done = client.post(reverse("workbench:login_code"), {"code": totp_code(device)})
    assert done.status_code == 302 and done["Location"] == reverse("workbench:home")


def test_clearing_a_lockout_without_failures_says_so_and_audits_nothing(world, operator):
    client = staff_client(operator)
    response = client.post(reverse("workbench:staff_lockout_clear", args=["xl_manager"]), {"reason": "测试"})
    assert "该账号没有登录失败记录" in client.get(response["Location"]).content.decode()
    assert not AuditEntry.objects.filter(action="identity.staff_lockout_clear").exists()


def test_deactivated_staff_cannot_log_in_and_their_open_session_ends(world, operator):
    open_session = staff_client(world.manager)
    response = staff_client(operator).post(
        reverse("workbench:staff_deactivate", args=["xl_manager"]), {"reason": "调离岗位"}
    )
    assert response.status_code == 302
    assert not User.objects.get(username="xl_manager").is_active
    entry = AuditEntry.objects.get(action="identity.staff_deactivate")
    assert entry.reason == "调离岗位" and entry.summary["after"] == {"is_active": False}

    refused = _password_step(Client(), "xl_manager", PASSWORD)
    assert refused.status_code == 200 and "用户名或密码错误" in refused.content.decode()
    home = open_session.get(reverse("workbench:home"))
    assert home.status_code == 302 and home["Location"].startswith(reverse("workbench:login"))


def test_an_operator_cannot_deactivate_themselves(world, operator):
    with pytest.raises(ValidationError, match="不能停用您自己的账号"):
        staff_account_deactivate(by=operator, user=operator, reason="测试")
    assert User.objects.get(pk=operator.pk).is_active


# --- who may use it -----------------------------------------------------------------------------


@pytest.mark.parametrize("actor", ["manager", "clerk", "supervisor"])
def test_non_operators_get_403_and_change_nothing(world, actor):
    users = {
        "manager": world.manager,
        "clerk": staff_upsert(
            username="xl_clerk",
            display_name="窗口",
            region=world.county,
            department=world.county_department,
            roles=[StaffRole.WINDOW_CLERK],
        ).user,
        "supervisor": staff_upsert(
            username="fj_supervisor", display_name="监察", region=world.province, roles=[StaffRole.SUPERVISOR]
        ).user,
    }
    client = staff_client(users[actor])
    device = totp_device_for(world.reviewer)
    assert client.get(reverse("workbench:staff_list")).status_code == 403
    assert client.post(reverse("workbench:staff_new"), _new_form(world)).status_code == 403
    assert (
        client.post(
            reverse("workbench:staff_totp_reset", args=["xl_reviewer"]), {"reason": "越权"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("workbench:staff_deactivate", args=["xl_reviewer"]), {"reason": "越权"}
        ).status_code
        == 403
    )
    assert not User.objects.filter(username="xl_window2").exists()
    assert TOTPDevice.objects.filter(pk=device.pk).exists() and world.reviewer.is_active
    with pytest.raises(PermissionDenied):
        staff_totp_reset(by=users[actor], user=world.reviewer, reason="越权")


def test_operators_see_the_staff_link_in_the_navigation(world, operator):
    page = staff_client(operator).get(reverse("workbench:home")).content.decode()
    assert page.count(f'href="{reverse("workbench:staff_list")}"') == 2  # navigation and shortcut
    manager_page = staff_client(world.manager).get(reverse("workbench:home")).content.decode()
    assert reverse("workbench:staff_list") not in manager_page
