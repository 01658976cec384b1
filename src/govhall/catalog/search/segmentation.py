"""Chinese text → search tokens: jieba words, name characters and pinyin (full and initials).

Owns the one tokenisation used on both sides of the index (documents and queries), so the
SQLite FTS5 tokenizer (unicode61) and PostgreSQL's ``'simple'`` configuration see exactly the
same tokens: a token is either a run of CJK ideographs or a run of ``[a-z0-9]``; everything
else is a separator. Never touches the database.
"""

import functools
import logging
import re
import threading
import unicodedata
from importlib import resources

import jieba
from pypinyin import Style, lazy_pinyin

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKEN_RE = re.compile(f"[{CJK}]+|[a-z0-9]+")
CJK_CHAR_RE = re.compile(f"[{CJK}]")
CJK_RUN_RE = re.compile(f"[{CJK}]+")

_tokenizer: jieba.Tokenizer | None = None
_tokenizer_lock = threading.Lock()


def data_lines(filename: str) -> list[str]:
    """Non-empty, non-comment lines of a file in ``search/data/``."""
    text = resources.files("govhall.catalog.search").joinpath("data", filename).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def tokenizer() -> jieba.Tokenizer:
    """Our own jieba tokenizer (not the global one), with the government-service word list added."""
    global _tokenizer
    if _tokenizer is None:
        with _tokenizer_lock:
            if _tokenizer is None:
                jieba.setLogLevel(logging.WARNING)
                instance = jieba.Tokenizer()
                instance.initialize()
                for line in data_lines("userdict.txt"):
                    word, *rest = line.split()
                    instance.add_word(word, freq=int(rest[0]) if rest else None)
                _tokenizer = instance
    return _tokenizer


def normalise(text: str) -> str:
    """Full-width to half-width (NFKC) and lower case, so 'ＹＹＺＺ' and 'YYZZ' both become 'yyzz'."""
    return unicodedata.normalize("NFKC", text or "").lower()


def tokens(text: str) -> list[str]:
    """The tokens of ``text`` split at script boundaries (CJK runs, ASCII letter/digit runs)."""
    return TOKEN_RE.findall(normalise(text))


@functools.lru_cache(maxsize=50_000)
def words_for_search(text: str) -> tuple[str, ...]:
    """jieba search-mode words of ``text`` (long words and the dictionary words inside them), deduplicated."""
    seen: dict[str, None] = {}
    for piece in tokens(text):
        if CJK_CHAR_RE.match(piece):
            for word in tokenizer().cut_for_search(piece, HMM=False):
                seen.setdefault(word, None)
        else:
            seen.setdefault(piece, None)
    return tuple(seen)


def words_precise(text: str) -> list[str]:
    """jieba precise-mode words of ``text`` (used for queries), ASCII runs kept whole."""
    words: list[str] = []
    for piece in tokens(text):
        if CJK_CHAR_RE.match(piece):
            words.extend(tokenizer().lcut(piece, HMM=False))
        else:
            words.append(piece)
    return words


def sub_words(word: str) -> list[str]:
    """The dictionary words inside ``word`` (2+ characters, shorter than it), e.g. 营业执照 → 营业, 执照."""
    return [w for w in dict.fromkeys(tokenizer().cut_for_search(word, HMM=False)) if 1 < len(w) < len(word)]


def cjk_chars(text: str) -> list[str]:
    """The distinct CJK characters of ``text`` in order."""
    return list(dict.fromkeys(CJK_CHAR_RE.findall(normalise(text))))


@functools.lru_cache(maxsize=50_000)
def char_pinyin(text: str) -> tuple[tuple[str, str], ...]:
    """(character, full pinyin) for every CJK character of ``text``, read in context (多音字 by phrase)."""
    chars = "".join(CJK_CHAR_RE.findall(normalise(text)))
    if not chars:
        return ()
    return tuple(zip(chars, lazy_pinyin(chars, style=Style.NORMAL, v_to_u=False), strict=True))


@functools.lru_cache(maxsize=50_000)
def name_pinyin_terms(name: str) -> tuple[str, ...]:
    """Full pinyin and initials of every word-boundary suffix of ``name``'s Chinese characters.

    食品经营许可 → shipinjingyingxuke, jingyingxuke, xuke, spjyxk, jyxk, xk (plus the suffixes at the
    starts of dictionary words inside long words), so a query matched as a prefix finds the
    name from the start of any word: ``spjy``, ``jyxk``, ``xuke``.
    """
    pinyin = char_pinyin(name)
    starts: set[int] = set()
    offset = 0
    for run in CJK_RUN_RE.findall(normalise(name)):
        for _word, start, _end in tokenizer().tokenize(run, mode="search", HMM=False):
            starts.add(offset + start)
        offset += len(run)
    terms: dict[str, None] = {}
    for start in sorted(starts):
        syllables = [syllable for _, syllable in pinyin[start:]]
        terms.setdefault("".join(syllables), None)
        terms.setdefault("".join(syllable[0] for syllable in syllables if syllable), None)
    return tuple(term for term in terms if term.isascii() and term.isalnum())
