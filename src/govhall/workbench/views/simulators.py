"""消息与模拟器: the outbox of every message sent (masked) and what the local simulators received.

For operators only, through the workbench's staff gate (verified TOTP session, operator role):
anonymous visitors go to the login page, anyone without the operator role gets the Chinese 403 page.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from govhall.identity.models import StaffRole
from govhall.notifications.selectors import (
    outbox_list,
    recipient_masked,
    simulator_active,
    simulator_delivery_list,
)

from ..forms.simulators import SimulatorFilterForm
from .base import paginate, query_without_page, staff_view


@staff_view(StaffRole.OPERATOR)
def simulator_inbox(request: HttpRequest) -> HttpResponse:
    form = SimulatorFilterForm(request.GET)
    valid = form.is_valid()
    filters = form.cleaned_data if valid else {}
    view = filters.get("view") or "outbox"
    rows: QuerySet[Any]
    if view == "deliveries":
        rows = simulator_delivery_list(
            channel=filters.get("channel", ""), recipient=filters.get("recipient", "")
        )
    else:
        rows = outbox_list(
            channel=filters.get("channel", ""),
            status=filters.get("status", ""),
            template=filters.get("template", ""),
            recipient=filters.get("recipient", ""),
        )
    page = paginate(request, rows)
    masked = (
        {row.pk: recipient_masked(channel=row.channel, recipient=row.recipient) for row in page.object_list}
        if view == "deliveries"
        else {}
    )
    return render(
        request,
        "workbench/simulators/inbox.html",
        {
            "form": form,
            "view": view,
            "page": page,
            "masked": masked,
            "query": query_without_page(request.GET),
            "simulator_active": simulator_active(),
            "nav": "simulators",
        },
        status=200 if valid else 400,
    )
