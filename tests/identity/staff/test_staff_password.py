"""Staff passwords: the forced change after an operator set the password, the voluntary change,
an operator's password reset, and reactivation of a deactivated account — through the real pages."""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from govhall.catalog.models import ItemImplementation
from govhall.core.models import AuditEntry
from govhall.identity.models import StaffProfile, StaffRole
from govhall.identity.services.staff import staff_account_deactivate, staff_account_reactivate, staff_upsert
from govhall.identity.services.staff_password import staff_password_change, staff_password_reset

from ...staff_login import log_in_through_pages, staff_client

pytestmark = pytest.mark.django_db

INITIAL = "Minxi-Window-2026"
CHOSEN = "Tulou-Gate-8848!"
PASSWORD = "Xinluo-2026!"  # build_world()'s password for xl_manager and xl_reviewer
HOME = reverse("workbench:home")
CHANGE = reverse("workbench:password_change")


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
def newcomer(world, operator) -> User:
    """A window clerk the operator just created through the page, with ``INITIAL`` as password."""
    response = staff_client(operator).post(
        reverse("workbench:staff_new"),
        {
            "username": "xl_window2",
            "display_name": "郑敏",
            "region": world.county.code,
            "department": world.county_department.pk,
            "roles": [StaffRole.WINDOW_CLERK],
            "initial_password": INITIAL,
            "initial_password_again": INITIAL,
        },
    )
    assert response.status_code == 302
    return User.objects.get(username="xl_window2")


def _must_change(user: User) -> bool:
    return StaffProfile.objects.get(user=user).must_change_password


def _hash(user: User) -> str:
    return User.objects.get(pk=user.pk).password


def _change(client: Client, current: str, new: str, again: str | None = None, next_url: str = ""):
    data = {"current": current, "new": new, "new_again": new if again is None else again}
    if next_url:
        data["next"] = next_url
    return client.post(CHANGE, data)


def _password_step(client: Client, username: str, password: str):
    return client.post(reverse("workbench:login"), {"username": username, "password": password})


# --- forced change after the operator set the password ------------------------------------------


def test_new_staff_must_change_the_initial_password_before_reaching_the_home_page(newcomer):
    assert _must_change(newcomer)
    assert AuditEntry.objects.get(action="identity.staff_create").summary["must_change_password"] is True

    client = Client()
    done = log_in_through_pages(client, "xl_window2", INITIAL)
    assert done.status_code == 302 and done["Location"] == f"{CHANGE}?next=%2Fworkbench%2F"
    page = client.get(done["Location"])
    assert page.status_code == 200
    text = page.content.decode()
    assert "您当前的密码由运维人员设置" in text and "修改密码" in text
    assert 'aria-label="工作台导航"' not in text  # no way around the change page
    home = client.get(HOME)
    assert home.status_code == 302 and home["Location"] == f"{CHANGE}?next=%2Fworkbench%2F"
    realname = client.get(reverse("workbench:realname_search"))
    assert realname["Location"].startswith(f"{CHANGE}?next=")

    changed = _change(client, INITIAL, CHOSEN, next_url=HOME)
    assert changed.status_code == 302 and changed["Location"] == HOME
    assert client.get(HOME).status_code == 200  # the session survived its own password change
    assert not _must_change(newcomer)
    assert User.objects.get(pk=newcomer.pk).check_password(CHOSEN)
    entry = AuditEntry.objects.get(action="identity.staff_password_change")
    assert entry.actor == newcomer and entry.object_label == "xl_window2"
    assert entry.summary == {"forced": True, "after": {"must_change_password": False}}
    assert INITIAL not in str(entry.summary) and CHOSEN not in str(entry.summary)


def test_the_change_page_needs_the_second_factor_first(newcomer):
    client = Client()
    first = _password_step(client, "xl_window2", INITIAL)
    assert first["Location"] == reverse("workbench:login_code")
    response = client.get(CHANGE)
    assert response.status_code == 302 and response["Location"].startswith(reverse("workbench:login"))
    refused = _change(client, INITIAL, CHOSEN)
    assert refused.status_code == 302 and refused["Location"].startswith(reverse("workbench:login"))
    assert User.objects.get(pk=newcomer.pk).check_password(INITIAL) and _must_change(newcomer)


def test_a_post_elsewhere_while_the_change_is_due_is_sent_to_the_change_page_and_does_nothing(
    world, operator
):
    staff_password_reset(by=operator, user=world.manager, new_password=INITIAL, reason="忘记密码")
    client = staff_client(User.objects.get(pk=world.manager.pk))  # a session opened after the reset
    implementations_before = ItemImplementation.objects.count()
    response = client.post(reverse("workbench:implementation_new"), {"item": "x"})
    assert response.status_code == 302 and response["Location"] == CHANGE
    assert ItemImplementation.objects.count() == implementations_before


@pytest.mark.parametrize(
    ("current", "new", "again", "message"),
    [
        (INITIAL, "12345678", "12345678", "新密码不符合要求：密码太短，至少需要 10 位"),
        (
            INITIAL,
            "password1234",
            "password1234",
            "新密码不符合要求：密码须至少包含小写字母、大写字母、数字、符号中的三类",
        ),
        (INITIAL, INITIAL, INITIAL, "新密码不能与当前密码相同"),
        (INITIAL, CHOSEN, "Tulou-Gate-8849!", "两次输入的新密码不一致"),
        ("Wrong-Current-1", CHOSEN, CHOSEN, "当前密码不正确"),
        ("", CHOSEN, CHOSEN, "请输入当前密码"),
    ],
    ids=["too short", "too simple", "same as current", "mismatch", "wrong current", "no current"],
)
def test_bad_new_passwords_are_refused_in_chinese_and_nothing_is_written(
    newcomer, current, new, again, message
):
    client = Client()
    log_in_through_pages(client, "xl_window2", INITIAL)
    before = _hash(newcomer)
    response = _change(client, current, new, again)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _hash(newcomer) == before and _must_change(newcomer)
    assert not AuditEntry.objects.filter(action="identity.staff_password_change").exists()
    assert client.get(HOME)["Location"].startswith(CHANGE)


def test_service_refuses_a_password_like_the_username(world):
    with pytest.raises(ValidationError, match="新密码不符合要求"):
        staff_password_change(user=world.manager, current=PASSWORD, new="Xl_manager2026")
    assert User.objects.get(pk=world.manager.pk).check_password(PASSWORD)


# --- voluntary change ---------------------------------------------------------------------------


def test_any_staff_member_changes_their_password_from_the_header_and_other_sessions_end(world):
    elsewhere = staff_client(world.manager)
    assert elsewhere.get(HOME).status_code == 200
    client = staff_client(world.manager)
    home = client.get(HOME).content.decode()
    assert f'href="{CHANGE}"' in home and "退出登录" in home
    page = client.get(CHANGE).content.decode()
    assert "您当前的密码由运维人员设置" not in page

    response = _change(client, PASSWORD, CHOSEN)
    assert response.status_code == 302 and response["Location"] == HOME
    assert client.get(HOME).status_code == 200
    gone = elsewhere.get(HOME)
    assert gone.status_code == 302 and gone["Location"].startswith(reverse("workbench:login"))
    entry = AuditEntry.objects.get(action="identity.staff_password_change")
    assert entry.summary["forced"] is False and entry.actor == world.manager

    fresh = Client()
    assert _password_step(fresh, "xl_manager", PASSWORD).status_code == 200  # old password refused
    assert log_in_through_pages(fresh, "xl_manager", CHOSEN)["Location"] == HOME


def test_a_citizen_cannot_open_the_change_page(world):
    from ...person_records import person_make

    person = person_make()
    assert staff_client(person.user).get(CHANGE).status_code == 403


# --- operator's reset ---------------------------------------------------------------------------


def test_operator_reset_forces_a_change_and_logs_out_the_old_session(world, operator):
    old_session = staff_client(world.manager)
    assert old_session.get(HOME).status_code == 200
    response = staff_client(operator).post(
        reverse("workbench:staff_password_reset", args=["xl_manager"]),
        {"new_password": INITIAL, "new_password_again": INITIAL, "reason": "本人忘记密码，当面核实身份"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("workbench:staff_detail", args=["xl_manager"])
    assert _must_change(world.manager)
    entry = AuditEntry.objects.get(action="identity.staff_password_reset")
    assert entry.actor == operator and entry.reason == "本人忘记密码，当面核实身份"
    assert entry.summary["after"] == {"must_change_password": True}
    assert INITIAL not in str(entry.summary)

    gone = old_session.get(HOME)
    assert gone.status_code == 302 and gone["Location"].startswith(reverse("workbench:login"))
    client = Client()
    assert _password_step(client, "xl_manager", PASSWORD).status_code == 200  # old password no longer works
    done = log_in_through_pages(client, "xl_manager", INITIAL)
    assert done["Location"] == f"{CHANGE}?next=%2Fworkbench%2F"
    assert _change(client, INITIAL, CHOSEN)["Location"] == HOME
    assert client.get(HOME).status_code == 200 and not _must_change(world.manager)


def test_detail_page_offers_the_reset_and_shows_the_pending_change(world, operator):
    client = staff_client(operator)
    page = client.get(reverse("workbench:staff_detail", args=["xl_manager"])).content.decode()
    assert reverse("workbench:staff_password_reset", args=["xl_manager"]) in page and "由本人设置" in page
    staff_password_reset(by=operator, user=world.manager, new_password=INITIAL, reason="忘记密码")
    page = client.get(reverse("workbench:staff_detail", args=["xl_manager"])).content.decode()
    assert "须在下次登录时修改" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"new_password": INITIAL, "new_password_again": "Other-Password-9", "reason": "忘记"},
            "两次输入的新密码不一致",
        ),
        (
            {"new_password": "12345678", "new_password_again": "12345678", "reason": "忘记"},
            "新密码不符合要求",
        ),
        ({"new_password": INITIAL, "new_password_again": INITIAL, "reason": " "}, "请填写原因"),
    ],
    ids=["mismatch", "weak", "no reason"],
)
def test_bad_reset_is_refused_in_chinese_and_changes_nothing(world, operator, data, message):
    before = _hash(world.manager)
    client = staff_client(operator)
    response = client.post(reverse("workbench:staff_password_reset", args=["xl_manager"]), data)
    assert response.status_code == 302
    assert message in client.get(response["Location"]).content.decode()
    assert _hash(world.manager) == before and not _must_change(world.manager)
    assert not AuditEntry.objects.filter(action="identity.staff_password_reset").exists()


def test_an_operator_cannot_reset_their_own_password(operator):
    with pytest.raises(ValidationError, match="不能重置您自己的密码"):
        staff_password_reset(by=operator, user=operator, new_password=INITIAL, reason="测试")
    assert not _must_change(operator)


# --- reactivation -------------------------------------------------------------------------------


def test_reactivation_restores_login_clears_the_lockout_and_forces_a_change(world, operator, settings):
    staff_account_deactivate(by=operator, user=world.manager, reason="调离岗位")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _password_step(Client(), "xl_manager", "wrong-password")
    client = staff_client(operator)
    detail = client.get(reverse("workbench:staff_detail", args=["xl_manager"])).content.decode()
    assert reverse("workbench:staff_reactivate", args=["xl_manager"]) in detail
    assert reverse("workbench:staff_password_reset", args=["xl_manager"]) not in detail

    response = client.post(
        reverse("workbench:staff_reactivate", args=["xl_manager"]), {"reason": "调回原岗位"}
    )
    assert response.status_code == 302
    assert "账号已重新启用" in client.get(response["Location"]).content.decode()
    assert User.objects.get(pk=world.manager.pk).is_active and _must_change(world.manager)
    entry = AuditEntry.objects.get(action="identity.staff_reactivate")
    assert entry.actor == operator and entry.reason == "调回原岗位"
    assert entry.summary["before"] == {"is_active": False}
    assert entry.summary["after"] == {"is_active": True, "must_change_password": True}
    assert entry.summary["attempt_records_cleared"] >= 1

    fresh = Client()
    done = log_in_through_pages(fresh, "xl_manager", PASSWORD)
    assert done["Location"] == f"{CHANGE}?next=%2Fworkbench%2F"


def test_reactivating_an_active_account_or_without_reason_changes_nothing(world, operator):
    with pytest.raises(ValidationError, match="该账号已是启用状态"):
        staff_account_reactivate(by=operator, user=world.manager, reason="测试")
    staff_account_deactivate(by=operator, user=world.manager, reason="调离岗位")
    with pytest.raises(ValidationError, match="请填写原因"):
        staff_account_reactivate(by=operator, user=world.manager, reason="")
    assert not User.objects.get(pk=world.manager.pk).is_active
    assert not AuditEntry.objects.filter(action="identity.staff_reactivate").exists()


# --- who may use it -----------------------------------------------------------------------------


@pytest.mark.parametrize("actor", ["reviewer", "city_manager"])
def test_non_operators_get_403_for_reset_and_reactivation_and_change_nothing(world, operator, actor):
    staff_account_deactivate(by=operator, user=world.other_manager, reason="调离岗位")
    user = {"reviewer": world.reviewer, "city_manager": world.city_manager}[actor]
    client = staff_client(user)
    before = _hash(world.manager)
    reset = client.post(
        reverse("workbench:staff_password_reset", args=["xl_manager"]),
        {"new_password": INITIAL, "new_password_again": INITIAL, "reason": "越权"},
    )
    assert reset.status_code == 403
    username = world.other_manager.username
    assert (
        client.post(reverse("workbench:staff_reactivate", args=[username]), {"reason": "越权"}).status_code
        == 403
    )
    assert _hash(world.manager) == before and not _must_change(world.manager)
    assert not User.objects.get(pk=world.other_manager.pk).is_active
    with pytest.raises(PermissionDenied):
        staff_password_reset(by=user, user=world.manager, new_password=INITIAL, reason="越权")
    with pytest.raises(PermissionDenied):
        staff_account_reactivate(by=user, user=world.other_manager, reason="越权")
    assert not AuditEntry.objects.filter(
        action__in=["identity.staff_password_reset", "identity.staff_reactivate"]
    ).exists()
