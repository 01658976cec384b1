"""Simulator endpoints: the SMS API speaking Alibaba Cloud's protocol, and the demo inbox page.

Both are thin: the protocol lives in ``sms_simulator``, the reads in ``simulator``/``selectors``.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from .selectors import simulator_active, simulator_delivery_list
from .sms_simulator import MOBILE, sms_simulator_handle

INBOX_SIZE = 20


@csrf_exempt
@never_cache
def sms_api(request: HttpRequest) -> HttpResponse:
    """``/simulators/sms/api`` — Dysmsapi ``SendSms`` (GET query or POST form)."""
    if not cast(dict[str, Any], settings.GOVHALL["SMS_SIMULATOR"])["ENABLED"]:
        return JsonResponse(
            {"Code": "InvalidAction.NotFound", "Message": "SMS simulator is disabled."}, status=404
        )
    try:
        params: dict[str, str] = {name: str(value) for name, value in request.GET.items()}
        if request.method == "POST":
            params.update((name, str(value)) for name, value in request.POST.items())
    except (MultiPartParserError, SuspiciousOperation, BadRequest, UnicodeDecodeError):
        return JsonResponse(
            {"Code": "InvalidParameter", "Message": "The request body could not be parsed."}, status=400
        )
    answer = sms_simulator_handle(method=request.method or "", params=params, host=request.get_host())
    return JsonResponse(answer.body, status=answer.status, json_dumps_params={"ensure_ascii": False})


class PhoneForm(forms.Form):
    phone = forms.CharField(
        label="手机号码",
        max_length=20,
        error_messages={"required": "请输入手机号码"},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "tel", "placeholder": "11位手机号码"}
        ),
    )

    def clean_phone(self) -> str:
        match = MOBILE.match(self.cleaned_data["phone"].replace(" ", ""))
        if not match:
            raise forms.ValidationError("请输入正确的11位手机号码")
        return match.group(1)


@never_cache
def sms_inbox(request: HttpRequest) -> HttpResponse:
    """``/simulators/sms/inbox`` — the messages a phone number "received"; only while SMS go to the simulator."""
    if not simulator_active():
        raise Http404("短信模拟器未启用")
    form = PhoneForm(request.GET if "phone" in request.GET else None)
    deliveries = (
        list(simulator_delivery_list(channel="sms", recipient=form.cleaned_data["phone"])[:INBOX_SIZE])
        if form.is_valid()
        else []
    )
    return render(
        request,
        "notifications/sms_inbox.html",
        {"form": form, "deliveries": deliveries, "inbox_size": INBOX_SIZE},
        status=400 if form.errors else 200,
    )
