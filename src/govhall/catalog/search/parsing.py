"""What a visitor typed → what the engine looks for (backend-neutral match expressions).

Pipeline: normalise (full-width, case) → replace colloquial phrases by their standard form
(``data/synonyms.txt``, longest match, the original kept as an alternative) → jieba precise
words with stop words (``data/stopwords.txt``) removed → one ``Term`` per word. A Chinese word
matches itself or all its dictionary sub-words; a Latin run matches as a pinyin prefix (full or
initials) or as a word prefix; digits match codes by prefix. Three strictness stages are
offered: every term (AND), all but one of the name characters (typo tolerance), all terms but
one, any term (OR).
Never touches the database.
"""

import functools
import re
from dataclasses import dataclass, field
from typing import Literal, Union

from .segmentation import CJK_CHAR_RE, data_lines, normalise, sub_words, tokens, words_precise

MAX_QUERY_LENGTH = 60
TYPO_MIN_CHARS, TYPO_MAX_CHARS = 3, 12
NEAR_MIN_TERMS, NEAR_MAX_TERMS = 3, 8

Field = Literal["word", "name", "pinyin", "char", "facet"]


@dataclass(frozen=True)
class Lexeme:
    """One token to look up, in a field of the index.

    word: name words, name characters or other elements; name: name words or name characters;
    pinyin: name pinyin (prefixes); char: name characters; facet: filter facets.
    """

    text: str
    field: Field = "word"
    prefix: bool = False


@dataclass(frozen=True)
class Match:
    """A boolean combination of lexemes: ``op`` is "and" or "or"."""

    op: Literal["and", "or"]
    children: tuple["Expression", ...]


Expression = Union[Lexeme, Match]  # noqa: UP007 — a forward-referenced alias


def names_only(expression: Expression) -> Expression:
    """``expression`` with every word looked up in the name only (the first tier of the ranking)."""
    if isinstance(expression, Lexeme):
        return (
            Lexeme(expression.text, "name", expression.prefix) if expression.field == "word" else expression
        )
    return Match(expression.op, tuple(names_only(child) for child in expression.children))


def all_of(*children: Expression) -> Expression:
    return children[0] if len(children) == 1 else Match("and", children)


def any_of(*children: Expression) -> Expression:
    unique = tuple(dict.fromkeys(children))
    return unique[0] if len(unique) == 1 else Match("or", unique)


@dataclass(frozen=True)
class Term:
    """One thing the visitor asked for: its label for the UI, its match and what to highlight."""

    label: str
    match: Expression
    kind: Literal["chinese", "latin", "digits", "synonym"] = "chinese"
    marks: tuple[str, ...] = ()
    pinyin: str = ""


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple[Term, ...] = ()
    chars: tuple[str, ...] = field(default=())  # distinct Chinese characters typed (outside synonyms)

    @property
    def labels(self) -> list[str]:
        return list(dict.fromkeys(term.label for term in self.terms))

    def strict(self) -> Expression | None:
        """Every term must match."""
        return all_of(*(term.match for term in self.terms)) if self.terms else None

    def typo(self) -> Expression | None:
        """All but one of the typed characters in the name (plus every non-Chinese term), or None."""
        if not TYPO_MIN_CHARS <= len(self.chars) <= TYPO_MAX_CHARS:
            return None
        near = any_of(
            *(all_of(*(Lexeme(c, "char") for c in self.chars if c != left_out)) for left_out in self.chars)
        )
        others = [term.match for term in self.terms if term.kind != "chinese"]
        return all_of(near, *others)

    def near(self) -> Expression | None:
        """All terms but one (for three terms or more), or None."""
        matches = list(dict.fromkeys(term.match for term in self.terms))
        if not NEAR_MIN_TERMS <= len(matches) <= NEAR_MAX_TERMS:
            return None
        return any_of(*(all_of(*(m for m in matches if m is not left_out)) for left_out in matches))

    def loose(self) -> Expression | None:
        """Any term may match (ranked by how many and where); lone characters only if nothing else was typed."""
        terms = [term for term in self.terms if len(term.label) > 1 or term.kind != "chinese"] or list(
            self.terms
        )
        return any_of(*(term.match for term in terms)) if len(self.terms) > 1 else None


@functools.cache
def stop_words() -> frozenset[str]:
    return frozenset(data_lines("stopwords.txt"))


@functools.cache
def synonyms() -> dict[str, str]:
    """Colloquial phrase → standard phrase, both normalised."""
    pairs = (line.split("=>", 1) for line in data_lines("synonyms.txt"))
    return {normalise(key).strip(): normalise(value).strip() for key, value in pairs}


def _covers(word: str, subs: list[str]) -> bool:
    covered: set[int] = set()
    for sub in subs:
        start = word.find(sub)
        covered.update(range(start, start + len(sub)))
    return len(covered) == len(word)


def _chinese_word_term(word: str) -> Term:
    """The word itself, or (when they cover it) all its dictionary sub-words: 营业执照 or 营业 + 执照."""
    subs = sub_words(word)
    match = (
        any_of(Lexeme(word), all_of(*(Lexeme(sub) for sub in subs))) if _covers(word, subs) else Lexeme(word)
    )
    return Term(label=word, match=match, marks=(word, *subs))


def _word_terms(text: str, *, latin_as_one: bool) -> list[Term]:
    words = [word for word in words_precise(text) if word not in stop_words()]
    latin = [word for word in words if word.isascii() and not word.isdigit()]
    if latin_as_one and len(latin) > 1:
        words = ["".join(latin)]
    terms = []
    for word in words:
        if word.isdigit():
            terms.append(Term(label=word, match=Lexeme(word, prefix=True), kind="digits"))
        elif word.isascii():
            match = any_of(Lexeme(word, "pinyin", prefix=True), Lexeme(word, prefix=True))
            terms.append(Term(label=word, match=match, kind="latin", marks=(word,), pinyin=word))
        else:
            terms.append(_chinese_word_term(word))
    return terms


def _synonym_term(phrase: str, standard: str) -> Term:
    standard_terms = _word_terms(standard, latin_as_one=False)
    original_terms = _word_terms(phrase, latin_as_one=False)
    alternatives = [all_of(*(t.match for t in standard_terms))]
    if original_terms:
        alternatives.append(all_of(*(t.match for t in original_terms)))
    marks = tuple(mark for t in standard_terms + original_terms for mark in t.marks)
    return Term(label=standard, match=any_of(*alternatives), kind="synonym", marks=marks)


def _split_synonyms(text: str) -> list[tuple[str, str | None]]:
    """``text`` cut into (piece, standard form or None); a phrase inside a standard form already typed is left alone."""
    table = synonyms()
    covered: set[int] = set()
    for standard in set(table.values()):
        for found in re.finditer(re.escape(standard), text):
            covered.update(range(found.start(), found.end()))
    keys = sorted(table, key=len, reverse=True)
    pieces: list[tuple[str, str | None]] = []
    plain, position = "", 0
    while position < len(text):
        key = next(
            (
                k
                for k in keys
                if text.startswith(k, position)
                and not covered.intersection(range(position, position + len(k)))
            ),
            None,
        )
        if key is None:
            plain += text[position]
            position += 1
            continue
        if plain:
            pieces.append((plain, None))
            plain = ""
        pieces.append((key, table[key]))
        position += len(key)
    if plain:
        pieces.append((plain, None))
    return pieces


def query_parse(q: str) -> ParsedQuery:
    """The terms of a visitor's query; no terms at all when it is empty or only stop words."""
    text = " ".join(tokens(q))[:MAX_QUERY_LENGTH]
    latin_as_one = bool(text) and not CJK_CHAR_RE.search(text)
    terms: list[Term] = []
    chars: list[str] = []
    for piece, standard in _split_synonyms(text):
        if standard is not None:
            terms.append(_synonym_term(piece, standard))
            continue
        piece_terms = _word_terms(piece, latin_as_one=latin_as_one)
        terms += piece_terms
        chars += [c for term in piece_terms for c in CJK_CHAR_RE.findall(term.label)]
    return ParsedQuery(terms=tuple(dict.fromkeys(terms)), chars=tuple(dict.fromkeys(chars)))
