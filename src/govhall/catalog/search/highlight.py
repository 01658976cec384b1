"""Marks what matched in an item name: HTML-escaped text with ``<mark>`` around matched runs.

Words and characters are found literally (after full-width/case folding); a pinyin query is
walked over the name's syllables, each character consuming its full syllable or its initial,
so ``yyzz`` marks 营业执照 and ``jingyxk`` marks 经营许可. Never touches the database.
"""

import html
from collections.abc import Iterable

from .segmentation import CJK_CHAR_RE, char_pinyin, normalise


def _folded(name: str) -> str:
    """``name`` folded one character at a time, so indices stay those of ``name``."""
    folded = []
    for char in name:
        norm = normalise(char)
        folded.append(norm if len(norm) == 1 else "\0")
    return "".join(folded)


def _pinyin_end(syllables: list[str], start: int, query: str) -> int | None:
    """Index after the last syllable ``query`` covers from ``start``, or None if it does not fit."""
    if not query:
        return start
    if start >= len(syllables) or not syllables[start]:
        return None
    syllable = syllables[start]
    if syllable.startswith(query):
        return start + 1
    if query.startswith(syllable):
        end = _pinyin_end(syllables, start + 1, query[len(syllable) :])
        if end is not None:
            return end
    if query[0] == syllable[0]:
        return _pinyin_end(syllables, start + 1, query[1:])
    return None


def _pinyin_span(name: str, folded: str, query: str) -> range | None:
    """Positions in ``name`` of the first run of Chinese characters whose pinyin starts with ``query``."""
    pairs = char_pinyin(name)
    positions = [i for i, char in enumerate(folded) if CJK_CHAR_RE.match(char)]
    if len(positions) != len(pairs):
        return None
    syllables = [syllable for _, syllable in pairs]
    for start in range(len(syllables)):
        end = _pinyin_end(syllables, start, query)
        if end is not None and end > start:
            return range(positions[start], positions[end - 1] + 1)
    return None


def name_highlight(
    name: str, *, marks: Iterable[str] = (), chars: Iterable[str] = (), pinyin: Iterable[str] = ()
) -> str:
    """``name`` escaped for HTML with each matched run wrapped in ``<mark>``."""
    folded = _folded(name)
    marked = [False] * len(name)
    for text in [*marks, *chars]:
        text = normalise(text)
        start = folded.find(text) if text else -1
        while start != -1:
            marked[start : start + len(text)] = [True] * len(text)
            start = folded.find(text, start + len(text))
    for query in pinyin:
        span = _pinyin_span(name, folded, normalise(query))
        if span is not None:
            for i in span:
                marked[i] = True
    pieces, i = [], 0
    while i < len(name):
        j = i
        while j < len(name) and marked[j] == marked[i]:
            j += 1
        text = html.escape(name[i:j])
        pieces.append(f"<mark>{text}</mark>" if marked[i] else text)
        i = j
    return "".join(pieces)
