"""The population-registry simulator over HTTP (mounted at ``/simulators/population/``).

``POST verify`` takes ``{"name": ..., "id_number": ...}`` signed as ``registry.HttpRegistry`` signs
it and answers ``{"matched": bool, "reason": "...", "code": "..."}``. A missing, stale or wrong
signature gets 401, a malformed body 400 — always JSON with a Chinese ``message``.
"""

import json

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .registry import registry_signature_valid, simulator_answer


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse(
        {"code": code, "message": message}, status=status, json_dumps_params={"ensure_ascii": False}
    )


@csrf_exempt  # a machine-to-machine endpoint authenticated by its HMAC signature, not by a session
@require_POST
def verify(request: HttpRequest) -> JsonResponse:
    key = str(settings.GOVHALL["POPULATION_REGISTRY_KEY"])
    if not key:
        return _error(503, "not_configured", "模拟人口库未配置签名密钥（GOVHALL_POPULATION_REGISTRY_KEY）")
    if not registry_signature_valid(
        key=key,
        method=request.method or "POST",
        path=request.path,
        headers=request.headers,
        body=request.body,
    ):
        return _error(401, "bad_signature", "请求签名无效或已过期")
    try:
        payload = json.loads(request.body)
        name, id_number = str(payload["name"]).strip(), str(payload["id_number"]).strip().upper()
    except (ValueError, KeyError, TypeError):
        return _error(400, "bad_request", "请求体应为包含 name 与 id_number 的 JSON 对象")
    if not name or not id_number:
        return _error(400, "bad_request", "姓名和身份证号码均不能为空")
    answer = simulator_answer(name, id_number)
    return JsonResponse(
        {
            "matched": answer.matched,
            "reason": answer.reason,
            "code": "matched" if answer.matched else "not_matched",
        },
        json_dumps_params={"ensure_ascii": False},
    )


urlpatterns = [path("verify", verify, name="population_registry_verify")]
