"""站内消息 — the user's in-site inbox: newest first, unread marked, opened (and marked read) one by one.

Messages are posted by the contexts through ``notifications.services.site_message_post`` (a case
accepted, a correction needed, a decision, a result ready); this page only reads them and marks
them read through ``site_messages_mark_read``. A message's link is followed only when it stays on
this site.
"""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from govhall.notifications.selectors import site_message_get, site_messages_for
from govhall.notifications.services import site_messages_mark_read

from ..site import render_page, site_for_request

PAGE_SIZE = 20


@login_required
@require_GET
def message_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(site_messages_for(recipient=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render_page(request, "portal/cases/messages.html", {"page": page}, site=site_for_request(request))


@login_required
@require_GET
def message_open(request: HttpRequest, message_id: int) -> HttpResponse:
    """Mark one message read and follow its link (or come back to the inbox)."""
    message = site_message_get(recipient=request.user, pk=message_id)
    if message is None:
        raise Http404("未找到该消息")
    site_messages_mark_read(recipient=request.user, ids=[message.pk])
    link = message.link
    if link and url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()}):
        return redirect(link)
    return redirect("portal:messages")


@login_required
@require_POST
def messages_mark_read(request: HttpRequest) -> HttpResponse:
    count = site_messages_mark_read(recipient=request.user)
    flash.success(request, f"已将 {count} 条消息标为已读" if count else "没有未读消息")
    return redirect("portal:messages")
