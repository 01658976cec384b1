"""数据查阅记录 — a citizen sees who looked at, released or used their own personal data.

Thin: the entries come from ``identity.selectors_access_log`` (only the logged-in person's own
``Person`` row, from the audit trail), worded for the citizen and paginated newest first.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from govhall.identity.selectors import person_for_user
from govhall.identity.selectors_access_log import person_access_entries, person_access_records

PER_PAGE = 20


@login_required
@require_GET
def account_access_log(request: HttpRequest) -> HttpResponse:
    person = person_for_user(request.user)
    page = records = None
    if person is not None:
        page = Paginator(person_access_entries(person=person), PER_PAGE).get_page(request.GET.get("page"))
        records = person_access_records(person=person, entries=page.object_list)
    return render(
        request,
        "portal/account/access_log.html",
        {"person": person, "page": page, "records": records},
    )
