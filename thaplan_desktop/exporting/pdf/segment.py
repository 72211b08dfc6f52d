"""Thai word segmentation for line breaking: where a line may break, and where it must not.

Thai writes no spaces between words, so line-break opportunities come from a dictionary segmenter
(PyThaiNLP's ``newmm`` over its word list), cached per string. Tokens are then glued into *units* that must stay on one
line: ``อื่น`` + ``ๆ``, an opening bracket with the word after it, a word with the closing bracket or
punctuation after it. Spaces stay as their own units (a line may break there; the space is dropped at the
line end, never added). A unit wider than the line is split at Thai character-cluster boundaries
(a consonant with its vowels and marks, or a leading vowel with its consonant), never inside one.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_dictionary_lock = threading.Lock()
_dictionary: _Dictionary | None = None

_THAI = re.compile(r"[\u0e00-\u0e7f]")
# No line break before these (they belong to the word before them).
_NO_BREAK_BEFORE = set(")]}>,.:;!?%/-–ๆฯ”’»")
# No line break after these (they belong to the word after them).
_NO_BREAK_AFTER = set("([{<“‘«")


class _Dictionary:
    """PyThaiNLP's word list in a form ``newmm`` can search, built in a tenth of the time of its trie.

    ``newmm`` only asks a dictionary for the words that start at a position (``prefixes``); a set of
    words plus, for each three-letter start, the lengths of the words beginning with it answers that
    with the same result (shortest first) as ``pythainlp.util.Trie``, which takes over a second to
    build from the 62,000 words.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self.words: set[str] = set()
        self._short: set[str] = set()
        lengths: dict[str, set[int]] = {}
        for word in words:
            word = word.strip()
            if not word:
                continue
            self.words.add(word)
            if len(word) < 3:
                self._short.add(word)
            else:
                lengths.setdefault(word[:3], set()).add(len(word))
        self._lengths = {key: sorted(value) for key, value in lengths.items()}

    def __len__(self) -> int:
        return len(self.words)

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        """Dictionary words that begin at ``start`` in ``text``, shortest first."""
        found = []
        end = len(text)
        if text[start:start + 1] in self._short:
            found.append(text[start:start + 1])
        if start + 2 <= end and text[start:start + 2] in self._short:
            found.append(text[start:start + 2])
        lengths = self._lengths.get(text[start:start + 3])
        if lengths:
            words = self.words
            for length in lengths:
                if start + length > end:
                    break
                word = text[start:start + length]
                if word in words:
                    found.append(word)
        return found


def _words() -> _Dictionary:
    global _dictionary
    if _dictionary is None:
        with _dictionary_lock:
            if _dictionary is None:
                from pythainlp.corpus import thai_words

                _dictionary = _Dictionary(thai_words())
    return _dictionary


def warm_up() -> None:
    """Load the segmenter and its dictionary now (a fraction of a second), e.g. at start-up."""
    _segment_thai("การทดสอบ")


@lru_cache(maxsize=200_000)
def _segment_thai(chunk: str) -> tuple[str, ...]:
    from pythainlp.tokenize.newmm import segment as newmm_segment

    # newmm only calls prefixes() on its dictionary; _Dictionary answers that without building a Trie
    # (see its docstring), so the type PyThaiNLP declares is not what it needs.
    return tuple(newmm_segment(chunk, custom_dict=_words()))  # type: ignore[arg-type]


_CHUNKS = re.compile(r"\s+|[^\s]+")
_DIGITS = re.compile(r"^[0-9๐-๙][0-9๐-๙,./-]*$")
# A place word keeps the name after it (up to the next space, if short): "บ้านบ่อกรัง", "ตำบลท่าข้าม".
_PLACE_WORDS = ("บ้าน", "ตำบล", "อำเภอ", "จังหวัด", "หมู่บ้าน", "ชุมชน")
_PLACE_NAME_MAX = 16
# A space after these and before a number does not break: "หมู่ที่ 3", "พ.ศ. 2563", "ข้อ 26".
_KEEPS_NUMBER = ("ที่", "พ.ศ.", "ข้อ", "ม.", "ร้อยละ", "จำนวน")

_protected: set[str] = set()
_protected_re: re.Pattern[str] | None = None
_protect_lock = threading.Lock()


def protect_words(words: Iterable[str]) -> None:
    """Treat these (place and office names) as whole words: never broken inside, never mis-cut."""
    global _protected_re
    new = {w.strip() for w in words if w and w.strip() and _THAI.search(w) and " " not in w.strip()}
    with _protect_lock:
        if new <= _protected:
            return
        _protected.update(new)
        alternatives = sorted(_protected, key=len, reverse=True)
        _protected_re = re.compile("(" + "|".join(re.escape(w) for w in alternatives) + ")")
        tokens.cache_clear()
        units.cache_clear()
        subwords.cache_clear()


def _segment_chunk(chunk: str) -> list[str]:
    pattern = _protected_re
    if pattern is None:
        return list(_segment_thai(chunk))
    out: list[str] = []
    for k, part in enumerate(pattern.split(chunk)):
        if not part:
            continue
        if k % 2:
            out.append(part)
        else:
            out.extend(_segment_thai(part))
    return out


@lru_cache(maxsize=100_000)
def tokens(text: str) -> tuple[str, ...]:
    """Words and spaces of ``text``, in order; joining them gives ``text`` back.

    The text is first cut at whitespace; only chunks with Thai letters go to the segmenter (each chunk
    cached on its own, so a phrase met in many rows is segmented once).
    """
    out: list[str] = []
    for chunk in _CHUNKS.findall(text):
        if chunk.isspace() or not _THAI.search(chunk):
            out.append(chunk)
        else:
            out.extend(_segment_chunk(chunk))
    return tuple(out)


@lru_cache(maxsize=100_000)
def units(text: str) -> tuple[str, ...]:
    """Tokens glued into the pieces a line breaker may not split (spaces are pieces of their own)."""
    result: list[str] = []
    glue_next = False  # the previous token opens something (a bracket, an opening quote)
    quotes = 0
    toks = _glue_place_names(tokens(text))
    for i, token in enumerate(toks):
        opening = token[-1] in _NO_BREAK_AFTER
        closing = token[0] in _NO_BREAK_BEFORE or _is_mark(token[0])
        if token in ('"', "'"):
            quotes += 1
            opening, closing = quotes % 2 == 1, quotes % 2 == 0
        if token.isspace():
            following = toks[i + 1] if i + 1 < len(toks) else ""
            if result and not result[-1].isspace() and following[:1] in ("ๆ", "ฯ"):
                # "อื่น ๆ": the repetition mark is written after a space but never starts a line.
                result[-1] += token
                glue_next = True
                continue
            if (token == " " and result and result[-1].endswith(_KEEPS_NUMBER) and _DIGITS.match(following)
                    and len(following) <= 6):
                result[-1] += token
                glue_next = True
                continue
            result.append(token)
            glue_next = False
            continue
        if result and not result[-1].isspace() and (glue_next or closing):
            result[-1] += token
        elif result and glue_next:
            result[-1] += token
        else:
            result.append(token)
        glue_next = opening
    return tuple(result)


def _glue_place_names(toks: tuple[str, ...]) -> tuple[str, ...]:
    if not any(t in _PLACE_WORDS for t in toks):
        return toks
    out: list[str] = []
    i = 0
    while i < len(toks):
        token = toks[i]
        if token in _PLACE_WORDS and i + 1 < len(toks) and not toks[i + 1].isspace():
            j = i + 1
            while j < len(toks) and not toks[j].isspace() and _THAI.search(toks[j]):
                j += 1
            name = "".join(toks[i:j])
            if len(name) <= _PLACE_NAME_MAX:
                out.append(name)
                i = j
                continue
        out.append(token)
        i += 1
    return tuple(out)


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Mc", "Me")


# Thai Character Clusters: a unit never split by a forced break inside a long word.
_LEADING_VOWELS = set("เแโใไ")
_FOLLOWING_VOWELS = set("ะาำๅๆฯ")


@lru_cache(maxsize=20_000)
def clusters(word: str) -> tuple[str, ...]:
    """Cut a word into the smallest pieces a forced break may separate.

    A piece is a base character with the combining marks after it; a Thai leading vowel (เ แ โ ใ ไ)
    joins the consonant after it, and ะ า ำ ๅ ๆ ฯ join the piece before them, so a forced break never
    leaves a vowel or a mark alone at the start or end of a line.
    """
    pieces: list[str] = []
    for ch in word:
        if pieces and (_is_mark(ch) or ch in _FOLLOWING_VOWELS or pieces[-1][-1] in _LEADING_VOWELS
                       or ch in "\u200d\u200c"):
            pieces[-1] += ch
        else:
            pieces.append(ch)
    return tuple(pieces)


def _cut_cost(parts: tuple[str, ...]) -> tuple[int, int]:
    """Fewest parts first, then the most even ones (องค์การ|บริหาร rather than องค์|การบริหาร)."""
    return len(parts), sum(len(p) * len(p) for p in parts)


@lru_cache(maxsize=20_000)
def subwords(word: str) -> tuple[str, ...]:
    """A compound word cut into the fewest dictionary words (องค์กรปกครองส่วนท้องถิ่น → องค์กร ปกครอง
    ส่วนท้องถิ่น); the word itself when it cannot be cut that way.

    Used only when a word is wider than the line: breaking between the parts of a compound reads
    far better than breaking between character clusters.
    """
    if not _THAI.search(word):
        return (word,)
    words = _words().words
    n = len(word)
    ends = set()
    pos = 0
    for piece in clusters(word):
        pos += len(piece)
        ends.add(pos)
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[0] = ()
    for i in range(n):
        current = best[i]
        if current is None:
            continue
        for j in range(i + 1, n + 1):
            if j not in ends or (i == 0 and j == n):
                continue
            piece = word[i:j]
            if piece in words or piece in _protected:
                candidate = (*current, piece)
                old = best[j]
                if old is None or _cut_cost(candidate) < _cut_cost(old):
                    best[j] = candidate
    return best[n] or (word,)
