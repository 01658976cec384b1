"""Lockout after repeated login failures (django-axes), and the client address behind proxies.

Five failures lock the username (from any address) and, separately, the address (for any
username) for ``AXES_COOLOFF_TIME``; the workbench login answers a locked attempt with 429 and
the Chinese ``locked_out.html``; a success resets the count. Behind ``PROXY_COUNT`` proxies the
client is the N-th ``X-Forwarded-For`` entry from the right — what the client writes itself
cannot move the lock.
"""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import authenticate, login
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client, RequestFactory
from django.urls import reverse

from govhall.core.client_address import client_address
from tests.staff_login import log_in_through_pages

pytestmark = pytest.mark.django_db

PASSWORD = "Xinluo-2026!"
LOCKED_TEXT = "登录失败次数过多，账号已临时锁定"


def login_request(address: str, **meta):
    request = RequestFactory().post("/workbench/login/", REMOTE_ADDR=address, **meta)
    request.session = {}  # axes reads nothing from it; authenticate() may touch it
    return request


def attempt(username: str, password: str, address: str):
    request = login_request(address)
    user = authenticate(request=request, username=username, password=password)
    return user, getattr(request, "axes_locked_out", False)


def fail_times(count: int, *, username: str = "xl_manager", address: str = "203.0.113.10") -> None:
    for _ in range(count):
        user, _ = attempt(username, "wrong-password", address)
        assert user is None


# --- through authenticate(request=...) -----------------------------------------------------------


def test_four_failures_do_not_lock(world):
    fail_times(4)

    user, locked = attempt("xl_manager", PASSWORD, "203.0.113.10")

    assert user == world.manager
    assert not locked


def test_five_failures_lock_the_username_even_from_another_address(world):
    fail_times(5, address="203.0.113.10")

    user, locked = attempt("xl_manager", PASSWORD, "198.51.100.20")

    assert user is None
    assert locked
    # Another account from a fresh address is unaffected.
    other, _ = attempt("xl_reviewer", PASSWORD, "198.51.100.21")
    assert other == world.reviewer


def test_five_failures_from_one_address_lock_the_address_even_for_another_username(world):
    for name in ("nobody1", "nobody2", "nobody3", "nobody4", "nobody5"):
        fail_times(1, username=name, address="203.0.113.30")

    same_address, locked = attempt("xl_reviewer", PASSWORD, "203.0.113.30")
    elsewhere, _ = attempt("xl_reviewer", PASSWORD, "198.51.100.31")

    assert same_address is None
    assert locked
    assert elsewhere == world.reviewer


def test_a_completed_login_resets_the_failure_count(world):
    fail_times(4)
    request = login_request("203.0.113.10")
    request.session = SessionStore()
    user = authenticate(request=request, username="xl_manager", password=PASSWORD)
    login(request, user)  # axes resets on user_logged_in, i.e. when a login completes
    fail_times(4)

    again, locked = attempt("xl_manager", PASSWORD, "203.0.113.10")

    assert user == world.manager
    assert again == world.manager
    assert not locked


def test_a_right_password_alone_does_not_reset_the_count(world):
    """Authenticating is not logging in: the staff login completes only after the TOTP step."""
    fail_times(4)
    attempt("xl_manager", PASSWORD, "203.0.113.10")

    fail_times(1)
    user, locked = attempt("xl_manager", PASSWORD, "203.0.113.10")

    assert user is None
    assert locked


# --- through the workbench login page ----------------------------------------------------------


def post_login(client: Client, username: str, password: str, address: str = "203.0.113.50", **extra):
    return client.post(
        reverse("workbench:login"), {"username": username, "password": password}, REMOTE_ADDR=address, **extra
    )


def test_workbench_login_locks_after_five_failures_with_the_chinese_page(world):
    client = Client()
    answers = [post_login(client, "xl_manager", "wrong-password").status_code for _ in range(4)]

    fifth = post_login(client, "xl_manager", "wrong-password")
    right_password = post_login(Client(), "xl_manager", PASSWORD, address="198.51.100.60")

    assert answers == [200, 200, 200, 200]
    assert fifth.status_code == 429
    assert LOCKED_TEXT in fifth.content.decode()
    assert right_password.status_code == 429
    assert LOCKED_TEXT in right_password.content.decode()
    assert "workbench.login_pending" not in Client().session


def test_workbench_login_locks_the_address_for_every_username(world):
    client = Client()
    for name in ("a1", "a2", "a3", "a4", "a5"):
        post_login(client, name, "wrong-password", address="203.0.113.70")

    locked = post_login(Client(), "xl_reviewer", PASSWORD, address="203.0.113.70")
    other_address = post_login(Client(), "xl_reviewer", PASSWORD, address="198.51.100.71")

    assert locked.status_code == 429
    assert LOCKED_TEXT in locked.content.decode()
    assert other_address.status_code == 302
    assert other_address["Location"] == reverse("workbench:login_code")


def test_workbench_login_completed_with_the_code_resets_the_count(world):
    attacker = Client()
    for _ in range(4):
        post_login(attacker, "xl_manager", "wrong-password")
    staff = Client(REMOTE_ADDR="203.0.113.50")
    completed = log_in_through_pages(staff, "xl_manager", PASSWORD)
    for _ in range(4):
        post_login(attacker, "xl_manager", "wrong-password")

    last = post_login(Client(), "xl_manager", PASSWORD)

    assert completed.status_code == 302
    assert completed["Location"] == reverse("workbench:home")
    assert last.status_code == 302
    assert last["Location"] == reverse("workbench:login_code")


# --- behind proxies -------------------------------------------------------------------------


def test_without_proxies_x_forwarded_for_is_ignored(settings):
    settings.PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="203.0.113.7")

    assert client_address(request) == "10.0.0.9"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "203.0.113.7", "203.0.113.7"),  # nginx appended the client
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # the client's own header is ignored
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"),  # two proxies
        (2, "203.0.113.7", "10.0.0.9"),  # fewer entries than proxies: the socket address
        (1, "not-an-address", "10.0.0.9"),
        (1, "2001:db8::7", "2001:db8::7"),
    ],
)
def test_behind_proxies_the_client_is_the_nth_entry_from_the_right(settings, proxies, forwarded, expected):
    settings.PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=forwarded)

    assert client_address(request) == expected


def test_behind_a_proxy_the_forwarded_client_address_is_locked(world, settings):
    settings.PROXY_COUNT = 1
    proxy = "10.0.0.9"
    client = Client()
    for name in ("b1", "b2", "b3", "b4", "b5"):
        # The attacker varies its own X-Forwarded-For; the proxy appends the real address.
        post_login(
            client, name, "wrong", address=proxy, HTTP_X_FORWARDED_FOR=f"6.6.6.{len(name)}, 203.0.113.80"
        )

    attacker = post_login(
        Client(), "xl_reviewer", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.80"
    )
    neighbour = post_login(
        Client(), "xl_reviewer", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.81"
    )

    assert attacker.status_code == 429
    assert neighbour.status_code == 302  # same proxy, another client: not locked
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.80"}
