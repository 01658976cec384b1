"""The client's network address, behind a known number of trusted proxies.

Lockout (django-axes, through ``AXES_CLIENT_IP_CALLABLE``), rate limits and audit entries all
name the client by this address. Without proxies (``GOVHALL_PROXY_COUNT=0``, the default) it is
the socket's ``REMOTE_ADDR`` and ``X-Forwarded-For`` is ignored — a client cannot choose its own
address. Behind N proxies that each *append* the address they received the request from (nginx
``$proxy_add_x_forwarded_for``, load balancers), the client is the N-th entry from the right of
``X-Forwarded-For``; whatever a client wrote further left is ignored, so spoofing the header
changes nothing. A missing or malformed entry falls back to ``REMOTE_ADDR``.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = int(getattr(settings, "PROXY_COUNT", 0) or 0)
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote
    return _valid(forwarded[-proxies]) or remote
