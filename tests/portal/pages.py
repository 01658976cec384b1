"""Reading rendered portal pages in tests: visible text, and the parts the tests look at."""

import re

from django.http import HttpResponse


def page_text(response: HttpResponse) -> str:
    """The visible text of a page: scripts and tags removed, whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def result_names(response: HttpResponse) -> list[str]:
    """Item names in a results list, in order (highlight marks removed)."""
    html = response.content.decode()
    names = re.findall(r'<h3 class="result__name"><a href="[^"]+">(.*?)</a></h3>', html, flags=re.S)
    return [re.sub(r"<[^>]+>", "", name).strip() for name in names]
