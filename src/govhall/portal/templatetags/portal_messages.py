"""``{% unread_message_count as n %}`` — the header's 消息 badge (one COUNT query, logged-in users only)."""

from typing import Any

from django import template

from govhall.notifications.selectors import site_messages_unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_message_count(context: Any) -> int:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return site_messages_unread_count(recipient=user)
