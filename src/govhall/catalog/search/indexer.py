"""Keeps the search index in step with publishing.

``search_index_refresh`` rebuilds the ``SearchDocument`` of every given implementation that is
live and deletes the document of every other one. It is set-based: a fixed handful of queries
per chunk of ``CHUNK_SIZE`` ids, whatever the number of materials or themes, so the publishing
services can call it inside their transaction and the bulk loader can hand it 200,000 ids.
The full-text engine (FTS5 / tsvector) follows the table by itself (see migration 0002). Never
decides what is live: that is ``selectors.implementation_live_list``.
"""

import json
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection, transaction

from ..models import ImplementationVersion, ItemImplementation, Material, SearchDocument
from ..selectors import implementation_live_list
from .facets import document_facets
from .segmentation import cjk_chars, name_pinyin_terms, words_for_search

CHUNK_SIZE = 1000
INSERT_BATCH = 40  # rows per INSERT: 21 columns stay under SQLite's 999 parameters
POPULARITY_WEIGHT = 0.1


def popularity_boost(popularity: int) -> float:
    """The factor the text score is multiplied by: 1 for an item nobody opened, ~1.7 at 1,000 views."""
    return 1.0 + POPULARITY_WEIGHT * math.log1p(max(popularity, 0))


def _terms(*texts: str, single_chars: bool = True) -> str:
    """Distinct search-mode words of ``texts``; without ``single_chars``, lone Chinese characters are dropped."""
    words: dict[str, None] = {}
    for text in texts:
        if text:
            words.update(
                dict.fromkeys(
                    word for word in words_for_search(text) if single_chars or len(word) > 1 or word.isascii()
                )
            )
    return " ".join(words)


SOURCE_FIELDS = {  # what a document is built from, read with values() in one query per chunk
    "pk": "pk",
    "code": "code",
    "popularity": "popularity",
    "handling_code": "handling_item__code",
    "handling_name": "handling_item__name",
    "item_name": "catalog_item__name",
    "item_code": "catalog_item__code",
    "item_type": "catalog_item__item_type",
    "legal_basis": "catalog_item__legal_basis",
    "competent_department": "catalog_item__competent_department",
    "parent_name": "catalog_item__parent__name",
    "region_code": "region__code",
    "region_name": "region__name",
    "region_path": "region__path",
    "department_name": "department__name",
    "credit_code": "department__credit_code",
    "version_id": "published_version_id",
    "audiences": "published_version__audiences",
    "online_depth": "published_version__online_depth",
    "max_visits": "published_version__max_visits",
    "result_name": "published_version__result_name",
    "conditions": "published_version__conditions",
}
DOCUMENT_COLUMNS = (
    "implementation_id",
    "code",
    "name",
    "catalog_name",
    "department_name",
    "department_credit_code",
    "region_code",
    "region_name",
    "region_path",
    "item_type",
    "audiences",
    "theme_codes",
    "online_depth",
    "max_visits",
    "popularity",
    "boost",
    "name_terms",
    "char_terms",
    "pinyin_terms",
    "body_terms",
    "facet_terms",
)


def document_values(source: dict[str, Any], *, materials: list[str], themes: list[tuple[str, str]]) -> tuple:
    """The ``DOCUMENT_COLUMNS`` values of one live implementation's search document."""
    # The display name, as ItemImplementation.name: the basic name, plus the handling item's.
    name = (
        f"{source['item_name']}（{source['handling_name']}）"
        if source["handling_name"]
        else source["item_name"]
    )
    audiences = sorted(source["audiences"] or [])
    theme_codes = [code for code, _ in themes]
    facets = document_facets(
        region_code=source["region_code"],
        credit_code=source["credit_code"],
        audiences=audiences,
        item_type=source["item_type"],
        online_depth=source["online_depth"],
        theme_codes=theme_codes,
    )
    body = _terms(
        source["result_name"],
        source["department_name"],
        source["region_name"],
        source["competent_department"],
        *(theme_name for _, theme_name in themes),
        *materials,
        source["conditions"],
        source["legal_basis"],
        source["item_code"],
        source["handling_code"] or "",
        source["code"],
        single_chars=False,
    )
    return (
        source["pk"],
        source["code"],
        name,
        source["item_name"],
        source["department_name"],
        source["credit_code"],
        source["region_code"],
        source["region_name"],
        source["region_path"],
        source["item_type"],
        json.dumps(audiences),
        json.dumps(theme_codes),
        source["online_depth"],
        source["max_visits"],
        source["popularity"],
        popularity_boost(source["popularity"]),
        _terms(name, source["parent_name"] or ""),
        " ".join(cjk_chars(name)),
        " ".join(name_pinyin_terms(name)),
        body,
        " ".join(facets),
    )


def _refresh_chunk(ids: list[int]) -> int:
    sources = [
        dict(zip(SOURCE_FIELDS, values, strict=True))
        for values in implementation_live_list().filter(pk__in=ids).values_list(*SOURCE_FIELDS.values())
    ]
    version_ids = [source["version_id"] for source in sources]
    materials: dict[int, list[str]] = defaultdict(list)
    for version_id, name in (
        Material.objects.filter(version_id__in=version_ids)
        .order_by("version_id", "position")
        .values_list("version_id", "name")
    ):
        materials[version_id].append(name)
    themes: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for version_id, code, theme_name in (
        ImplementationVersion.themes.through.objects.filter(implementationversion_id__in=version_ids)
        .order_by("implementationversion_id", "theme__code")
        .values_list("implementationversion_id", "theme__code", "theme__name")
    ):
        themes[version_id].append((code, theme_name))
    rows = [
        document_values(
            source, materials=materials[source["version_id"]], themes=themes[source["version_id"]]
        )
        for source in sources
    ]
    SearchDocument.objects.filter(implementation_id__in=ids).delete()
    if rows:
        # A plain multi-row insert: the ORM's per-value preparation would cost more than the words.
        table = SearchDocument._meta.db_table
        placeholders = "(" + ", ".join(["%s"] * len(DOCUMENT_COLUMNS)) + ")"
        with connection.cursor() as cursor:
            for start in range(0, len(rows), INSERT_BATCH):
                batch = rows[start : start + INSERT_BATCH]
                cursor.execute(
                    f"INSERT INTO {table} ({', '.join(DOCUMENT_COLUMNS)}) VALUES "  # noqa: S608
                    + ", ".join([placeholders] * len(batch)),
                    [value for row in batch for value in row],
                )
    return len(rows)


def search_index_refresh(
    implementation_ids: Iterable[int],
    *,
    chunk_size: int = CHUNK_SIZE,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Re-index the given implementations (remove those no longer live); returns how many are indexed.

    Called inside the publishing transaction; ``progress(done, total)`` is told after each chunk.
    """
    ids = sorted({int(pk) for pk in implementation_ids})
    indexed = 0
    for start in range(0, len(ids), chunk_size):
        with transaction.atomic():
            indexed += _refresh_chunk(ids[start : start + chunk_size])
        if progress is not None:
            progress(min(start + chunk_size, len(ids)), len(ids))
    return indexed


def search_index_rebuild(
    *, chunk_size: int = CHUNK_SIZE, progress: Callable[[int, int], None] | None = None
) -> int:
    """Re-index every implementation, drop documents of vanished ones, then compact the engine's index."""
    ids = list(ItemImplementation.objects.order_by("pk").values_list("pk", flat=True))
    SearchDocument.objects.exclude(implementation_id__in=ItemImplementation.objects.values("pk")).delete()
    indexed = search_index_refresh(ids, chunk_size=chunk_size, progress=progress)
    search_index_optimise()
    return indexed


def search_index_optimise() -> None:
    """After bulk changes: merge FTS5's index segments (SQLite) or refresh planner statistics (PostgreSQL)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for table in ("catalog_search_fts", "catalog_search_all_fts"):
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")  # noqa: S608
        elif connection.vendor == "postgresql":
            cursor.execute("ANALYZE catalog_searchdocument")
