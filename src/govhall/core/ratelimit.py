"""What a rate-limited request gets: 429 with a Chinese page, or JSON for API clients."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

MESSAGE = "操作过于频繁，请稍后再试"


def rate_limited(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"code": "rate_limited", "message": MESSAGE, "detail": {}}, status=429)
    return render(request, "429.html", {"message": MESSAGE}, status=429)
