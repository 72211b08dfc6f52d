"""Thai word segmentation for line breaking: where a line may break, and where it should not.

Thai writes no spaces between words, so line-break opportunities come from a dictionary segmenter
(PyThaiNLP's ``newmm`` over its default word list, through a faster index of the same list). The text is
segmented chunk by chunk between spaces (newmm itself never joins across a space, so this gives exactly
the word boundaries of newmm over the whole text, cached per chunk); non-Thai chunks stay whole.

Three levels of glue, from hard to soft:

* tokens are glued into *units* a line never breaks inside: ``อื่น`` + `` ๆ``, an opening bracket with the
  word after it, a word with the closing bracket, punctuation or dash after it (also across a space, so
  no line starts with ``-``, ``)`` or ``ๆ``), ``ที่ 3`` and ``พ.ศ. 2563``, Latin letters and digits that
  touch (``DDR4``, ``LTAX3000``), and a no-break space (U+00A0) with both its neighbours;
* units are gathered into *groups* the plan knows as names (units, the organisation, strategies,
  programs: a :class:`NameSet`), villages (``บ้าน…``, ``หมู่ที่ n``), places (``ตำบล…``), dates and months
  with their year (``21 ตุลาคม 2562``, ``ต.ค. 62``) and a number with its unit (``150 เมตร``, ``3 ชิ้น``):
  a group is kept on one line whenever it fits a whole line, and broken between its units otherwise;
* spaces are units of their own (a line may break there; the space is dropped at the line end).

A unit wider than a whole line is split between its words, and only a single word wider than the line is
cut: into dictionary sub-words, then at Thai character-cluster boundaries (a consonant with its vowels
and marks, or a leading vowel with its consonant), never inside one.

Every answer that needs the dictionary (newmm's words of a chunk, the sure words, the index of entries
with spaces, a word's sub-words), and a text's units and groups, are kept between runs
(:mod:`.layout_cache`): an export whose texts were all seen before never imports PyThaiNLP nor reads its
word list.
"""

from __future__ import annotations

import hashlib
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from thaplan_desktop.exporting.pdf import layout_cache

_dictionary_lock = threading.Lock()
_dictionary: _Dictionary | None = None

_THAI = re.compile(r"[\u0e00-\u0e7f]")
# No line break before these (they belong to the word before them).
_NO_BREAK_BEFORE = set(")]}>,.:;!?%/-–—‐‑−ๆฯ”’»")
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
    _multiword_index()


@lru_cache(maxsize=200_000)
def _segment_thai(chunk: str) -> tuple[str, ...]:
    return layout_cache.pieces("newmm", chunk, _newmm)


def _newmm(chunk: str) -> tuple[str, ...]:
    from pythainlp.tokenize.newmm import segment as newmm_segment

    # newmm only calls prefixes() on its dictionary; _Dictionary answers that without building a Trie
    # (see its docstring), so the type PyThaiNLP declares is not what it needs.
    return tuple(newmm_segment(chunk, custom_dict=_words()))  # type: ignore[arg-type]


_CHUNKS = re.compile(r"[ \t\r\n]+|[^ \t\r\n]+")  # newmm's own spaces; other characters go to it
_DIGITS = re.compile(r"^[0-9๐-๙][0-9๐-๙,./-]*[)\].,;:]*$")
# A space after these and before a number does not break: "หมู่ที่ 3", "พ.ศ. 2563", "ข้อ 26" (but "จำนวน 3
# ชิ้น" breaks before the number rather than inside "3 ชิ้น").
_KEEPS_NUMBER = ("ที่", "พ.ศ.", "ข้อ", "ม.")
_NBSP = "\u00a0"
# Thai letters, vowels and marks (not the Thai digits ๐–๙): what "Thai text" means for glueing.
_THAI_LETTER = re.compile("[\u0e01-\u0e4f]")


@lru_cache(maxsize=100_000)
def tokens(text: str) -> tuple[str, ...]:
    """Words and spaces of ``text``, in order; joining them gives ``text`` back.

    The text is cut at spaces (newmm's own word boundaries); only chunks with Thai letters go to the
    segmenter, each chunk cached on its own, so a phrase met in many rows is segmented once.
    """
    out: list[str] = []
    for chunk in _CHUNKS.findall(text):
        if chunk[0] in " \t\r\n" or not _THAI.search(chunk):
            out.append(chunk)
        else:
            out.extend(_segment_thai(chunk))
    return tuple(out)


@lru_cache(maxsize=200_000)
def _sure_words(chunk: str) -> tuple[str, ...]:
    """newmm's words of a Thai chunk, joined where a longer reading disagrees with a short first word.

    newmm reads ``โครงการซ่อมแซม`` as โครง|การซ่อมแซม, but โครงการ|ซ่อมแซม is as good a reading: where a
    short word (up to five letters) begins a longer dictionary word that ends inside the next word, and
    what is left of that next word is a word too, the two are joined, so a line never breaks at a doubtful
    place ("โครง / การ", "ข้า / ราชการ").
    """
    return layout_cache.pieces("sure", chunk, _join_doubtful)


def _join_doubtful(chunk: str) -> tuple[str, ...]:
    found = _segment_thai(chunk)
    if len(found) < 2:
        return found
    words = _words()
    dictionary = words.words
    out = [found[0]]
    pos = 0
    for k in range(1, len(found)):
        previous, word = found[k - 1], found[k]
        start = pos
        pos += len(previous)
        if len(previous) <= 5 and _THAI_LETTER.match(previous[0]):
            end = pos + len(word)
            if any(pos < start + len(longer) < end and chunk[start + len(longer):end] in dictionary
                   for longer in words.prefixes(chunk, start) if len(longer) > len(previous)):
                out[-1] += word
                continue
        out.append(word)
    return tuple(out)


def words(text: str) -> tuple[str, ...]:
    """Like :func:`tokens`, but only with the word boundaries every reading agrees on (see ``_sure_words``)."""
    out: list[str] = []
    for chunk in _CHUNKS.findall(text):
        if chunk[0] in " \t\r\n" or not _THAI.search(chunk):
            out.append(chunk)
        else:
            out.extend(_sure_words(chunk))
    return tuple(out)


_LIST_NUMBER = re.compile(r"^(?:[0-9๐-๙]+\.)*[0-9๐-๙]+\.?$")


def _is_space(token: str) -> bool:
    return token.isspace() and _NBSP not in token


def _starts_closed(token: str) -> bool:
    """The token belongs to the one before it: closing bracket, punctuation, dash, ๆ, a mark."""
    return token[0] in _NO_BREAK_BEFORE or _is_mark(token[0])


def _non_thai_end(text: str) -> bool:
    return not _THAI_LETTER.match(text[-1]) and not text[-1].isspace()


def _non_thai_start(text: str) -> bool:
    return not _THAI_LETTER.match(text[0]) and not text[0].isspace()


@lru_cache(maxsize=100_000)
def units(text: str) -> tuple[str, ...]:
    """Tokens glued into the pieces a line breaker may not split (spaces are pieces of their own)."""
    return layout_cache.pieces("units", text, _glue)


def _glue(text: str) -> tuple[str, ...]:
    result: list[str] = []
    glue_next = False  # the previous token opens something (a bracket, an opening quote, a no-break space)
    quotes = 0
    toks = words(text)
    for i, token in enumerate(toks):
        if token.isspace():
            following = toks[i + 1] if i + 1 < len(toks) else ""
            if (len(result) == 1 and token == " " and _LIST_NUMBER.match(result[0]) and following
                    and not following.isspace()):
                # A list number never ends a line alone: "2.3 แผนงาน…", "1. ยุทธศาสตร์…".
                result[-1] += token
                glue_next = True
                continue
            if result and not result[-1].isspace() and (
                    _NBSP in token
                    or (following and _starts_closed(following) and following not in ('"', "'"))
                    or (token == " " and result[-1].endswith(_KEEPS_NUMBER) and _DIGITS.match(following)
                        and len(following) <= 6)):
                # "อื่น ๆ", "ก - ข", "ที่ 3", a no-break space: the space stays inside the unit.
                result[-1] += token
                glue_next = True
                continue
            result.append(token)
            glue_next = False
            continue
        opening = token[-1] in _NO_BREAK_AFTER
        closing = _starts_closed(token)
        if token in ('"', "'"):
            quotes += 1
            opening, closing = quotes % 2 == 1, quotes % 2 == 0
        previous = result[-1] if result else ""
        touching = bool(previous) and _non_thai_end(previous) and _non_thai_start(token)  # "DDR" + "4"
        if previous and (glue_next or closing or touching) and not (previous.isspace() and not glue_next):
            result[-1] += token
        else:
            result.append(token)
        glue_next = opening
    return tuple(result)


# --- groups: names and phrases kept on one line when they fit -----------------------------------------

_MONTHS_FULL = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
                "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
_MONTHS_ABBR = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
# Units a number is printed with (ยาว 150 เมตร, จำนวน 3 ชิ้น): the number and the unit stay together.
_MEASURE_WORDS = (
    "ตารางเมตร", "ตารางกิโลเมตร", "ลูกบาศก์เมตร", "กิโลเมตร", "เซนติเมตร", "มิลลิเมตร", "เมตร", "นิ้ว", "ฟุต",
    "กิโลกรัม", "กรัม", "ตัน", "ลิตร", "ไร่", "งาน", "ตารางวา", "ชิ้น", "คน", "ราย", "ครัวเรือน", "เครื่อง",
    "ชุด", "หลัง", "แห่ง", "จุด", "ต้น", "ตัว", "คัน", "บาท", "ครั้ง", "วัน", "คืน", "เดือน", "ปี", "ชั่วโมง",
    "โครงการ", "รายการ", "หมู่บ้าน", "ตำบล", "ดวง", "ท่อน", "บ่อ", "แผ่น", "เส้น", "ลูก", "ท่อ", "ถัง", "ห้อง",
    "อัน", "ใบ", "เล่ม", "ด้าน", "ช่อง", "สาย", "โรงเรียน", "ศูนย์", "ทุน", "กลุ่ม", "ที่นั่ง", "วัตต์", "ปอนด์",
)
_NUMBER = r"[0-9๐-๙](?:[0-9๐-๙,.]*[0-9๐-๙])?"
_MONTH = "|".join(re.escape(m) for m in sorted(_MONTHS_FULL + _MONTHS_ABBR, key=len, reverse=True))
# A date is never split over lines, not even in a justified paragraph that would rather ("วันที่ 30 / กันยายน").
_DATE = re.compile(
    rf"(?:วันที่[ \u00a0]*)?(?:{_NUMBER}[ \u00a0]*)?(?:{_MONTH})[ \u00a0]*(?:พ\.ศ\.[ \u00a0]*)?[0-9๐-๙]{{2,4}}")


def is_date(text: str) -> bool:
    """Whether a group's text ends in a date or a month with its year (which may follow a word in the same
    unit: "ถึงวันที่ 30 กันยายน 2563")."""
    found = _DATE.search(text.strip())
    return found is not None and found.end() == len(text.strip()) and found.start() <= 6


_GROUP_PATTERNS = re.compile("|".join((
    # A date or a month with its year: "วันที่ 21 ตุลาคม พ.ศ. 2562", "ต.ค. 62", "1 ตุลาคม 2562".
    rf"(?:วันที่[ \u00a0]*)?(?:{_NUMBER}[ \u00a0]*)?(?:{_MONTH})[ \u00a0]*(?:พ\.ศ\.[ \u00a0]*)?[0-9๐-๙]{{2,4}}",
    # A number with its unit.
    rf"(?<![0-9๐-๙,.]){_NUMBER}[ \u00a0]?(?:{'|'.join(sorted(_MEASURE_WORDS, key=len, reverse=True))})",
    # Villages and places: "หมู่ที่ 2", "ม. 3", "บ้านบ่อกรัง", "ตำบลท่าข้าม" (a name of up to 12 letters,
    # ending where the words do: at a space, punctuation or หมู่).
    r"หมู่(?:ที่)?[ \u00a0]*[0-9๐-๙]+(?:[ \u00a0]*[-–][ \u00a0]*[0-9๐-๙]+)?",
    r"(?<![\u0e01-\u0e4f])ม\.[ \u00a0]?[0-9๐-๙]+",
    r"(?:บ้าน|ตำบล|อำเภอ|จังหวัด|ชุมชน)[\u0e01-\u0e4f]{2,12}(?=[\s,.;:)\]]|$|หมู่)",
    # A short bracketed phrase ("(ฉบับที่ 3)", "(RAM)") and a Thai abbreviation ("คสล.", "อบต.").
    r"[(\[][^()\[\]\n]{1,24}[)\]]",
    r"(?<![\u0e01-\u0e4f])(?:[ก-ฮ][\u0e01-\u0e4f]{0,4}\.){1,3}",
    # Years: "ปีงบประมาณ พ.ศ. 2563".
    r"(?:ปีงบประมาณ|ปี)[ \u00a0]*(?:พ\.ศ\.[ \u00a0]*)?[0-9๐-๙]{4}",
)))


@dataclass(frozen=True)
class NameSet:
    """Names a document knows (units, the organisation, strategies, programs …): kept on one line when
    they fit. Hashable, so the groups of a text are cached per name set."""

    names: tuple[str, ...] = ()
    pattern: re.Pattern[str] | None = field(default=None, compare=False, hash=False, repr=False)
    # Names the table of groups kept between runs (layout_cache): the same names, the same groups.
    digest: str = field(default="", compare=False, hash=False, repr=False)

    @classmethod
    def of(cls, names: Iterable[str]) -> NameSet:
        """A name set of the (non-empty, Thai) names; longest first, so the longest match wins."""
        clean = sorted({n.strip() for n in names if n and n.strip() and _THAI.search(n)}, key=lambda n: (-len(n), n))
        pattern = re.compile("|".join(re.escape(n) for n in clean)) if clean else None
        digest = hashlib.sha256("\n".join(clean).encode("utf-8")).hexdigest()[:24] if clean else ""
        return cls(tuple(clean), pattern, digest)


NO_NAMES = NameSet()

_multiword_lock = threading.Lock()
_multiword: dict[str, list[tuple[str, int]]] | None = None


def _multiword_index() -> dict[str, list[tuple[str, int]]]:
    """The dictionary's entries that contain spaces, by the two letters either side of their first space
    (kept between runs: a few hundred entries, where building them needs the whole dictionary)."""
    global _multiword
    if _multiword is None:
        with _multiword_lock:
            if _multiword is None:
                _multiword = _kept_index(layout_cache.get("multiword", "index"))
            if _multiword is None:
                index: dict[str, list[tuple[str, int]]] = {}
                for word in _words().words:
                    space = word.find(" ")
                    if space >= 2 and _THAI.search(word):
                        index.setdefault(word[space - 2:space + 2], []).append((word, space))
                for entries in index.values():
                    entries.sort(key=lambda entry: -len(entry[0]))
                layout_cache.put("multiword", "index", index)
                _multiword = index
    return _multiword


def _kept_index(kept: object) -> dict[str, list[tuple[str, int]]] | None:
    """The index kept by an earlier run, or None when there is none or it is damaged."""
    if not isinstance(kept, dict):
        return None
    index: dict[str, list[tuple[str, int]]] = {}
    for key, entries in kept.items():
        if not isinstance(entries, list):
            return None
        for entry in entries:
            if (not isinstance(entry, list) or len(entry) != 2 or not isinstance(entry[0], str)
                    or not isinstance(entry[1], int)):
                return None
            index.setdefault(key, []).append((entry[0], entry[1]))
    return index


def multiword_entries(text: str) -> list[tuple[int, int]]:
    """Where the dictionary's entries that contain spaces (a royal title, a saying) stand in ``text``:
    newmm reads each as one word, so a line keeps it whole when it fits, and a break inside it opens it."""
    index = _multiword_index()
    found = []
    space = text.find(" ")
    while space >= 0:
        for word, at in index.get(text[space - 2:space + 2], ()) if space >= 2 else ():
            start = space - at
            if start >= 0 and text.startswith(word, start):
                found.append((start, start + len(word)))
                break
        space = text.find(" ", space + 1)
    return found


def _spans(text: str, names: NameSet, *, skip_whole: bool = False) -> list[tuple[int, int]]:
    """Character ranges to keep together, merged where they overlap (``skip_whole``: not the whole text)."""
    if skip_whole:
        # Inside a group: the shorter names in it, where they are (matches may overlap the longest one).
        found = []
        for name in names.names:
            if len(name) < len(text):
                start = text.find(name)
                while start >= 0:
                    found.append((start, start + len(name)))
                    start = text.find(name, start + 1)
        found = [span for span in found if span != (0, len(text))]
    else:
        found = [m.span() for m in _GROUP_PATTERNS.finditer(text)]
        if names.pattern is not None:
            found += [m.span() for m in names.pattern.finditer(text)]
        if " " in text:
            found += multiword_entries(text)
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if end - start < 2:
            continue
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@lru_cache(maxsize=100_000)
def groups(text: str, names: NameSet = NO_NAMES, *, inner: bool = False) -> tuple[tuple[str, ...], ...]:
    """The units of ``text`` gathered into groups kept on one line when they fit (see the module doc).

    A group is a tuple of units (spaces included, as units of their own); most groups are one unit.
    ``inner``: the names inside a group's own text (ท่าสะท้อน in โรงพยาบาลส่งเสริมสุขภาพตำบลท่าสะท้อน),
    for opening a group wider than the line between them first.
    """
    return layout_cache.groups(f"groups {names.digest}{' inner' if inner else ''}", text,
                               lambda text: _gather(text, names, inner))


def _gather(text: str, names: NameSet, inner: bool) -> tuple[tuple[str, ...], ...]:
    parts = units(text)
    spans = _spans(text, names, skip_whole=inner) if len(parts) > 1 else []
    out: list[tuple[str, ...]] = []
    current: list[str] = []
    pos = 0
    k = 0
    for part in parts:
        if current:
            # The boundary at ``pos`` (before this part) lies strictly inside a span: glue.
            while k < len(spans) and spans[k][1] <= pos:
                k += 1
            if k < len(spans) and spans[k][0] < pos < spans[k][1]:
                current.append(part)
                pos += len(part)
                continue
            out.append(tuple(current))
        current = [part]
        pos += len(part)
    if current:
        out.append(tuple(current))
    # A group never ends or starts with a space (the span's edges are its words).
    final: list[tuple[str, ...]] = []
    for group in out:
        if len(group) > 1 and (_is_space(group[-1]) or _is_space(group[0])):
            lead = 0
            while lead < len(group) and _is_space(group[lead]):
                lead += 1
            trail = len(group)
            while trail > lead and _is_space(group[trail - 1]):
                trail -= 1
            final.extend((p,) for p in group[:lead])
            if trail > lead:
                final.append(group[lead:trail])
            final.extend((p,) for p in group[trail:])
        else:
            final.append(group)
    return tuple(final)


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
    ส่วนท้องถิ่น); the word itself when it cannot be cut that way. A trailing ฯ, ๆ or punctuation stays
    on the last word (สมเด็จพระเทพรัตนราชสุดาฯ).

    Used only when a word is wider than the whole line: breaking between the parts of a compound reads
    far better than breaking between character clusters.
    """
    if not _THAI.search(word):
        return (word,)
    core = word.rstrip("ฯๆ.,;:)]}%")
    tail = word[len(core):]
    if tail and core:
        parts = subwords(core)
        return (*parts[:-1], parts[-1] + tail)
    return layout_cache.pieces("subwords", word, _fewest_words)


def _fewest_words(word: str) -> tuple[str, ...]:
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
            if piece in words:
                candidate = (*current, piece)
                old = best[j]
                if old is None or _cut_cost(candidate) < _cut_cost(old):
                    best[j] = candidate
    return best[n] or (word,)
