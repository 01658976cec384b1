"""``{% sms_simulator_notice phone %}``: the demo notice with a link to the SMS simulator inbox.

Renders nothing unless SMS currently go to the local simulator, so pages can include it always.
"""

from django import template

from ..selectors import simulator_active

register = template.Library()


@register.inclusion_tag("notifications/includes/sms_simulator_notice.html")
def sms_simulator_notice(phone: str = "") -> dict[str, object]:
    return {"active": simulator_active(), "phone": phone or ""}
