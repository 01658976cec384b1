"""The two full-text engines behind ``item_search``: SQLite FTS5 and PostgreSQL tsvector.

Both receive the same backend-neutral match expressions (``parsing``) and facet filters and
return the same rows. Ranking, identical in shape on both:

1. tier 1 — documents whose *name* (words, characters, pinyin) matches; tier 2 — documents
   matching only through their other elements (materials, conditions, department …);
2. inside tier 1: the engine's text score (FTS5 ``bm25`` with column weights / ``ts_rank`` with
   length normalisation) × the popularity boost — unless the tier holds more than
   ``RANK_LIMIT`` documents (a very general word such as 许可), where every name contains
   the words and popularity alone orders them, straight from the popularity index;
3. inside tier 2 and for filter-only listings: popularity, then code.

So the cost of a query is bounded by ``RANK_LIMIT`` scored rows whatever the catalog size.
Reads only; never writes.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction

from .parsing import Expression, Lexeme, Match, all_of, any_of, names_only

RANK_LIMIT = 2000
COUNT_LIMIT = 10_000  # matches are counted exactly up to here; beyond, the total reads "more than 10,000"
DISPLAY_COLUMNS = (
    "code",
    "name",
    "catalog_name",
    "department_name",
    "region_name",
    "region_code",
    "item_type",
    "online_depth",
    "max_visits",
    "popularity",
)
TABLE = "catalog_searchdocument"
SELECTED = ", ".join(f"d.{column}" for column in DISPLAY_COLUMNS)


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    catalog_name: str
    department_name: str
    region_name: str
    region_code: str
    item_type: str
    online_depth: int
    max_visits: int
    popularity: int


@dataclass(frozen=True)
class Selection:
    """Documents matching ``include`` and ``facets`` but not ``exclude`` (any part may be absent)."""

    include: Expression | None
    facets: Expression | None
    exclude: Expression | None = None


class Engine(Protocol):
    def count(self, selection: Selection) -> int:
        """Matching documents, counted up to ``COUNT_LIMIT + 1``."""
        ...

    def ranked(self, selection: Selection, limit: int, offset: int) -> list[Row]: ...

    def by_popularity(self, selection: Selection, limit: int, offset: int) -> list[Row]: ...


def facet_expression(groups: list[list[str]]) -> Expression | None:
    """All groups must match; within a group any facet token may (e.g. the regions of a chain)."""
    if not groups:
        return None
    return all_of(*(any_of(*(Lexeme(token, "facet") for token in group)) for group in groups))


def _fetch(sql: str, params: list[Any]) -> list[Row]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [Row(*row) for row in cursor.fetchall()]


def _scalar(sql: str, params: list[Any]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def _has_words(expression: Expression | None) -> bool:
    if expression is None:
        return False
    if isinstance(expression, Lexeme):
        return expression.field == "word"
    return any(_has_words(child) for child in expression.children)


class SqliteEngine:
    """Two contentless FTS5 tables (migration 0002), rowid = document id.

    ``catalog_search_fts`` indexes names (words, characters, pinyin) + facets and answers tier 1;
    ``catalog_search_all_fts`` indexes names with the other elements + facets and answers
    "matches anywhere". Chinese lexemes need no column filter (only one kind of column holds
    Chinese in each table), which keeps FTS5 from decoding position lists.
    """

    NAME, ALL = "catalog_search_fts", "catalog_search_all_fts"
    COLUMNS = {
        NAME: {
            "name": "{name_terms char_terms}",
            "char": "char_terms",
            "pinyin": "pinyin_terms",
            "facet": "facet_terms",
            "word": "{name_terms char_terms}",
        },
        ALL: {
            "word": "all_terms",
            "char": "all_terms",
            "name": "all_terms",
            "pinyin": "pinyin_terms",
            "facet": "facet_terms",
        },
    }
    CHINESE_ANYWHERE = {NAME: {"name", "char"}, ALL: {"word", "char"}}
    WEIGHTS = "10.0, 4.0, 6.0, 0.0"  # name words, name characters, pinyin, facets

    def _render(self, expression: Expression, table: str) -> str:
        if isinstance(expression, Lexeme):
            token = f'"{expression.text}"' + (" *" if expression.prefix else "")
            if (
                not expression.prefix
                and not expression.text.isascii()
                and expression.field in self.CHINESE_ANYWHERE[table]
            ):
                return token
            return f"{self.COLUMNS[table][expression.field]} : {token}"
        joiner = " AND " if expression.op == "and" else " OR "
        return "(" + joiner.join(self._render(child, table) for child in expression.children) + ")"

    def _match(self, include: Expression | None, facets: Expression | None) -> tuple[str, str]:
        """(table, MATCH text) for documents matching ``include`` and ``facets``."""
        table = self.ALL if _has_words(include) else self.NAME
        parts = [part for part in (include, facets) if part is not None]
        return table, " AND ".join(self._render(part, table) for part in parts)

    def _ids(self, selection: Selection) -> tuple[str, list[Any]]:
        """A SQL condition on ``d.id`` (unindexed, so SQLite walks the popularity index) and its params."""
        table, match = self._match(selection.include, selection.facets)
        sql = f"+d.id IN (SELECT rowid FROM {table} WHERE {table} MATCH %s)"  # noqa: S608 — table is ours
        params: list[Any] = [match]
        if selection.exclude is not None:
            table, match = self._match(selection.exclude, selection.facets)
            sql += f" AND +d.id NOT IN (SELECT rowid FROM {table} WHERE {table} MATCH %s)"  # noqa: S608
            params.append(match)
        return sql, params

    def count(self, selection: Selection) -> int:
        assert selection.exclude is None
        table, match = self._match(selection.include, selection.facets)
        sql = f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH %s LIMIT %s)"  # noqa: S608
        return _scalar(sql, [match, COUNT_LIMIT + 1])

    def ranked(self, selection: Selection, limit: int, offset: int) -> list[Row]:
        assert selection.exclude is None and not _has_words(selection.include)
        table, match = self._match(selection.include, selection.facets)
        # FTS5 ranking functions must run in a query of their own over the FTS table.
        sql = (
            f"WITH hits AS MATERIALIZED (SELECT rowid AS id, bm25({table}, {self.WEIGHTS}) AS score "  # noqa: S608
            f"FROM {table} WHERE {table} MATCH %s) "
            f"SELECT {SELECTED} FROM hits JOIN {TABLE} d ON d.id = hits.id "
            "ORDER BY hits.score * d.boost, d.popularity DESC, d.code LIMIT %s OFFSET %s"
        )
        return _fetch(sql, [match, limit, offset])

    def by_popularity(self, selection: Selection, limit: int, offset: int) -> list[Row]:
        condition, params = self._ids(selection)
        sql = (
            f"SELECT {SELECTED} FROM {TABLE} d WHERE {condition} "  # noqa: S608
            "ORDER BY d.popularity DESC, d.code LIMIT %s OFFSET %s"
        )
        return _fetch(sql, [*params, limit, offset])


class PostgresqlEngine:
    """Generated tsvector columns ``name_vector``, ``all_vector``, ``facet_vector``, each GIN-indexed.

    No weight labels in the queries: GIN then answers the match exactly, without rechecking rows.
    """

    COLUMNS = {
        "word": ("all_vector",),
        "name": ("name_vector",),
        "pinyin": ("name_vector",),
        "char": ("name_vector",),
        "facet": ("facet_vector",),
    }

    def _columns(self, expression: Expression) -> set[tuple[str, ...]]:
        if isinstance(expression, Lexeme):
            return {self.COLUMNS[expression.field]}
        return set().union(*(self._columns(child) for child in expression.children))

    def _tsquery(self, expression: Expression) -> str:
        if isinstance(expression, Lexeme):
            return f"'{expression.text}'" + (":*" if expression.prefix else "")
        parts = list(dict.fromkeys(self._tsquery(child) for child in expression.children))
        joiner = " & " if expression.op == "and" else " | "
        return parts[0] if len(parts) == 1 else "(" + joiner.join(parts) + ")"

    def _per_column(self, expression: Expression) -> dict[str, str] | None:
        """{column: tsquery} when ``expression`` is an OR of one-column pieces, else None."""
        columns = self._columns(expression)
        if isinstance(expression, Lexeme) or (len(columns) == 1 and len(next(iter(columns))) == 1):
            return {column: self._tsquery(expression) for column in next(iter(columns))}
        if expression.op != "or":
            return None
        pieces: dict[str, list[str]] = {}
        for child in expression.children:
            child_pieces = self._per_column(child)
            if child_pieces is None:
                return None
            for column, query in child_pieces.items():
                pieces.setdefault(column, []).append(query)
        return {column: self._tsquery_or(queries) for column, queries in pieces.items()}

    @staticmethod
    def _tsquery_or(queries: list[str]) -> str:
        unique = list(dict.fromkeys(queries))
        return unique[0] if len(unique) == 1 else "(" + " | ".join(unique) + ")"

    def _condition(self, expression: Expression) -> tuple[str, list[Any]]:
        """A SQL condition with one ``@@`` per column wherever the expression allows (fewer index scans)."""
        pieces = self._per_column(expression)
        if pieces is not None:
            conditions = [f"d.{column} @@ to_tsquery('simple', %s)" for column in pieces]
            sql = conditions[0] if len(conditions) == 1 else "(" + " OR ".join(conditions) + ")"
            return sql, list(pieces.values())
        assert isinstance(expression, Match)
        parts = [self._condition(child) for child in expression.children]
        joiner = " AND " if expression.op == "and" else " OR "
        return "(" + joiner.join(sql for sql, _ in parts) + ")", [p for _, params in parts for p in params]

    def _where(self, selection: Selection) -> tuple[str, list[Any]]:
        conditions, params = [], []
        for part in (selection.include, selection.facets):
            if part is not None:
                sql, part_params = self._condition(part)
                conditions.append(sql)
                params += part_params
        if selection.exclude is not None:
            sql, part_params = self._condition(selection.exclude)
            conditions.append(f"NOT {sql}")
            params += part_params
        return " AND ".join(conditions), params

    def count(self, selection: Selection) -> int:
        where, params = self._where(selection)
        sql = f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} d WHERE {where} LIMIT %s) AS hits"  # noqa: S608
        return _scalar(sql, [*params, COUNT_LIMIT + 1])

    def ranked(self, selection: Selection, limit: int, offset: int) -> list[Row]:
        assert selection.include is not None and self._columns(selection.include) == {("name_vector",)}
        where, params = self._where(selection)
        sql = (
            f"SELECT {SELECTED} FROM {TABLE} d WHERE {where} "  # noqa: S608
            "ORDER BY ts_rank(d.name_vector, to_tsquery('simple', %s), 1) * d.boost DESC, d.popularity DESC, "
            "d.code LIMIT %s OFFSET %s"
        )
        return _fetch(sql, [*params, self._tsquery(selection.include), limit, offset])

    def by_popularity(self, selection: Selection, limit: int, offset: int) -> list[Row]:
        where, params = self._where(selection)
        sql = (
            f"SELECT {SELECTED} FROM {TABLE} d WHERE {where} "  # noqa: S608
            "ORDER BY d.popularity DESC, d.code LIMIT %s OFFSET %s"
        )
        return _fetch(sql, [*params, limit, offset])


def _engine() -> Engine:
    if connection.vendor == "postgresql":
        return PostgresqlEngine()
    if connection.vendor == "sqlite":
        return SqliteEngine()
    # Supported databases are SQLite and PostgreSQL (docs/configuration.md); anything else is a setup error.
    raise ImproperlyConfigured(f"事项检索仅支持 SQLite 和 PostgreSQL，当前数据库为 {connection.vendor}")


def _everything(limit: int, offset: int) -> tuple[int, list[Row]]:
    """No words, no filters: the whole index by popularity, walking the popularity index."""
    total = _scalar(f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} LIMIT %s) AS hits", [COUNT_LIMIT + 1])  # noqa: S608
    rows = _fetch(
        f"SELECT {SELECTED} FROM {TABLE} d ORDER BY d.popularity DESC, d.code "  # noqa: S608
        "LIMIT %s OFFSET %s",
        [limit, offset],
    )
    return total, rows


@contextmanager
def _index_scans() -> Iterator[None]:
    """On PostgreSQL, keep the planner on the GIN indexes for the queries inside.

    A document's vectors are often stored out of line (TOAST); a sequential scan would have to
    decompress every one of them to test ``@@``, which the planner does not price. The setting
    is local to a (sub)transaction and put back afterwards, so callers' queries are unaffected.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)")
        previous = cursor.fetchone()[0]
        yield
        cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [previous])


def documents_search(
    *, text: Expression | None, facets: Expression | None, limit: int, offset: int
) -> tuple[int, list[Row]]:
    """(total, rows of the page) of documents matching ``text`` and ``facets``; no ``text``: by popularity.

    A total of ``COUNT_LIMIT + 1`` means "more than ``COUNT_LIMIT``"; pages stay within the limit.
    """
    if text is None and facets is None:
        return _everything(limit, offset)
    with _index_scans():
        return _tiered_search(_engine(), text, facets, limit, offset)


def _tiered_search(
    engine: Engine, text: Expression | None, facets: Expression | None, limit: int, offset: int
) -> tuple[int, list[Row]]:
    if text is None:
        selection = Selection(None, facets)
        return engine.count(selection), engine.by_popularity(selection, limit, offset)
    total = engine.count(Selection(text, facets))
    if not total:
        return 0, []
    name = names_only(text)
    named = total if name == text else engine.count(Selection(name, facets))
    tiers = [
        (Selection(name, facets), named, named <= RANK_LIMIT),
        (Selection(text, facets, exclude=name), total - named, False),
    ]
    rows: list[Row] = []
    for selection, size, rank in tiers:
        if offset < size and len(rows) < limit:
            fetch = engine.ranked if rank else engine.by_popularity
            rows += fetch(selection, limit - len(rows), offset)
        offset = max(0, offset - size)
    return total, rows
