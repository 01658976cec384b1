"""Item search for the portal and the API (R-POR.2): ``item_search`` and its result types.

Checks the filters (bad values raise ``ValidationError`` in Chinese), parses the query
(``parsing``), asks the engine (``backends``) strictly first, then tolerating one wrong
character, then for any term, and shapes one page of hits with the matched parts of each name
marked. Reads only the search index (plus a lookup per filter value); never writes.
"""

import math
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from govhall.directory.models import Department, Region
from govhall.directory.selectors import department_get, region_get
from govhall.directory.services import region_code_normalise

from ..models import Audience, ItemType, Theme
from . import backends
from . import facets as facet_tokens
from .backends import Row, documents_search, facet_expression
from .highlight import name_highlight
from .parsing import Expression, ParsedQuery, query_parse

MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class SearchHit:
    """One result row: everything a results list shows, no further queries needed."""

    implementation_code: str
    name: str
    name_highlighted: str  # HTML-escaped, matches wrapped in <mark>: safe to render
    department_name: str
    region_name: str
    region_code: str
    item_type: str
    item_type_label: str
    online_depth: int
    max_visits: int
    popularity: int


@dataclass(frozen=True)
class SearchPage:
    total: (
        int  # exact up to COUNT_LIMIT (10,000); beyond, COUNT_LIMIT with total_exact False (“10000 条以上”)
    )
    page: int
    page_size: int
    num_pages: int
    hits: list[SearchHit] = field(default_factory=list)
    query_terms: list[str] = field(default_factory=list)  # what was searched, after segmentation and synonyms
    suggestion: str | None = None  # “您是不是要找”: set when only a tolerant match found something
    total_exact: bool = True


def _facet_groups(
    *,
    region_code: str | None,
    department_code: str | None,
    audience: str | None,
    item_type: str | None,
    min_depth: int | None,
    theme: str | None,
) -> list[list[str]]:
    """The filters as facet groups, each value checked; raises ``ValidationError`` for a bad one."""
    groups: list[list[str]] = []
    if region_code:
        try:
            region = region_get(code=region_code_normalise(region_code))
        except Region.DoesNotExist:
            raise ValidationError(f"未知的行政区划：{region_code}", code="unknown_region") from None
        groups.append([facet_tokens.region_facet(code) for code in region.ancestor_codes])
    if department_code:
        try:
            department_get(credit_code=department_code.strip().upper())
        except Department.DoesNotExist:
            raise ValidationError(f"未知的实施主体：{department_code}", code="unknown_department") from None
        groups.append([facet_tokens.department_facet(department_code.strip())])
    if audience:
        if audience not in Audience.values:
            raise ValidationError(f"未知的服务对象：{audience}", code="unknown_audience")
        groups.append([facet_tokens.audience_facet(audience)])
    if item_type:
        if item_type not in ItemType.values:
            raise ValidationError(f"未知的事项类型：{item_type}", code="unknown_item_type")
        groups.append([facet_tokens.item_type_facet(item_type)])
    if min_depth is not None:
        if isinstance(min_depth, bool) or not isinstance(min_depth, int) or not 1 <= min_depth <= 5:
            raise ValidationError("网办深度应为 1 到 5 之间的整数", code="invalid_depth")
        groups.append([facet_tokens.depth_facet(min_depth)])
    if theme:
        if not Theme.objects.filter(code=theme).exists():
            raise ValidationError(f"未知的主题：{theme}", code="unknown_theme")
        groups.append([facet_tokens.theme_facet(theme)])
    return groups


def _page_check(page: int, page_size: int) -> None:
    if isinstance(page, bool) or not isinstance(page, int) or page < 1:
        raise ValidationError("页码应为从 1 开始的整数", code="invalid_page")
    if isinstance(page_size, bool) or not isinstance(page_size, int) or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise ValidationError(f"每页条数应在 1 到 {MAX_PAGE_SIZE} 之间", code="invalid_page_size")


def _hit(row: Row, *, marks: list[str], chars: list[str], pinyin: list[str]) -> SearchHit:
    return SearchHit(
        implementation_code=row.code,
        name=row.name,
        name_highlighted=name_highlight(row.name, marks=marks, chars=chars, pinyin=pinyin),
        department_name=row.department_name,
        region_name=row.region_name,
        region_code=row.region_code,
        item_type=row.item_type,
        item_type_label=ItemType(row.item_type).label if row.item_type in ItemType.values else row.item_type,
        online_depth=row.online_depth,
        max_visits=row.max_visits,
        popularity=row.popularity,
    )


def _stages(parsed: ParsedQuery) -> list[tuple[str, Expression | None]]:
    """The match of each strictness stage the query allows; no words at all: one stage without a match."""
    stages = [
        ("strict", parsed.strict()),
        ("typo", parsed.typo()),
        ("near", parsed.near()),
        ("loose", parsed.loose()),
    ]
    allowed: list[tuple[str, Expression | None]] = [(n, e) for n, e in stages if e is not None]
    return allowed or [("all", None)]


def item_search(
    *,
    q: str = "",
    region_code: str | None = None,
    department_code: str | None = None,
    audience: str | None = None,
    item_type: str | None = None,
    min_depth: int | None = None,
    theme: str | None = None,
    page: int = 1,
    page_size: int = 20,
) -> SearchPage:
    """Live implementations matching ``q`` and the filters, best first; empty ``q``: most popular first.

    ``region_code`` (6, 9 or 12 digits) switches the site to a region: items handled there and
    in the regions above it. Raises ``ValidationError`` (Chinese message) for a bad filter value.
    """
    _page_check(page, page_size)
    facets = facet_expression(
        _facet_groups(
            region_code=region_code,
            department_code=department_code,
            audience=audience,
            item_type=item_type,
            min_depth=min_depth,
            theme=theme,
        )
    )
    parsed = query_parse(q or "")
    offset = (page - 1) * page_size
    stage, total, rows = "all", 0, list[Row]()
    for name, expression in _stages(parsed):
        stage = name
        total, rows = documents_search(text=expression, facets=facets, limit=page_size, offset=offset)
        if total:
            break
    marks = [mark for term in parsed.terms for mark in term.marks]
    pinyin = [term.pinyin for term in parsed.terms if term.pinyin]
    chars = list(parsed.chars) if stage == "typo" else []
    if stage == "typo":
        marks = [mark for term in parsed.terms if term.kind != "chinese" for mark in term.marks]
    suggestion = None
    if stage in ("typo", "near", "loose") and rows and page == 1:
        suggestion = rows[0].catalog_name
    total_exact = total <= backends.COUNT_LIMIT
    total = min(total, backends.COUNT_LIMIT)
    return SearchPage(
        total=total,
        total_exact=total_exact,
        page=page,
        page_size=page_size,
        num_pages=max(1, math.ceil(total / page_size)),
        hits=[_hit(row, marks=marks, chars=chars, pinyin=pinyin) for row in rows],
        query_terms=parsed.labels,
        suggestion=suggestion,
    )
