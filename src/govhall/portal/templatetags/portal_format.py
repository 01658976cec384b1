"""How the portal writes guide facts in Chinese: depth stars, visits, time limits, money."""

from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

MAX_STARS = 5


@register.simple_tag
def stars(depth: int | None) -> SafeString:
    """网办深度 as five stars with a text alternative for screen readers."""
    depth = max(0, min(MAX_STARS, int(depth or 0)))
    return format_html(
        '<span class="stars" role="img" aria-label="网办深度 {} 星（满分 {} 星）">'
        '<span class="stars__on" aria-hidden="true">{}</span>'
        '<span class="stars__off" aria-hidden="true">{}</span></span>',
        depth,
        MAX_STARS,
        "★" * depth,
        "★" * (MAX_STARS - depth),
    )


@register.filter
def visits(count: int | None) -> str:
    """到现场次数: 0 is 零跑动, otherwise 最多跑N次."""
    if count is None:
        return ""
    return "零跑动" if int(count) == 0 else f"最多跑{int(count)}次"


@register.simple_tag
def time_limit(value: int | None, unit_label: str) -> str:
    """A time limit with its unit: ``10 个工作日``; 0 is 即办; none is 无规定."""
    if value is None:
        return "无规定"
    if int(value) == 0:
        return "即办"
    return f"{int(value)} 个{unit_label}"


@register.filter
def yuan(amount: Decimal | int | None) -> str:
    if amount is None:
        return ""
    return f"{Decimal(amount):,.2f} 元"


@register.filter
def supported(flag: bool) -> str:
    return "支持" if flag else "不支持"
