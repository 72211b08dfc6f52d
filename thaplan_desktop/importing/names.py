"""Strategy (ยุทธศาสตร์) and program (แผนงาน) names that nearly match the plan's: normalising, proposing, choosing.

Departments of one office write the same names differently. Each distinct strategy and program name of a
file that is not exactly one of the plan's gets a :class:`NameMatch`: the plan's name proposed for it, how
sure the match is, and the other candidates, best first — what a dialog shows so that the officer confirms
or changes it once per name ("สร้างใหม่", create it, being one choice). Pure functions, no database:

- :func:`strategy_key` and :func:`program_key` normalise a name: spacing and punctuation, Thai digits,
  numbering ("1.", "2.1", "ยุทธศาสตร์ที่ 1"), a program's budget code ("00240", "(00110)"), the
  "ยุทธศาสตร์" / "การพัฒนา" / "แผนงาน" prefixes, "ด้าน" and "และ", อบต./ทต./อบจ. written out, and an
  abbreviation mark ฯ (the name is then a beginning of the plan's).
- A name is **confident** when it normalises to exactly one of the plan's names (a ฯ name: begins exactly
  one of them; a program: or has the same DLA budget code), or when the officer confirmed it in an earlier
  import (:class:`NameAliases`). Anything else is a proposal by likeness (one name inside the other, or
  alike letter by letter), never applied without the officer.
- :func:`propose_matches` lists the matches; :func:`confident_choices` keeps the confident ones (what the
  command line applies); :func:`apply_choices` files the staged projects under the chosen names, so that
  applying the import (:mod:`.apply`) finds them exactly.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from thaplan_desktop.domain.reference import dla_code_for
from thaplan_desktop.domain.thai import normalise_space, to_arabic_digits
from thaplan_desktop.importing.staged import ImportResult, StagedProject

STRATEGY = "strategy"
PROGRAM = "program"
PROPOSE_FROM = 0.55  # a likeness below this proposes nothing: the name is created unless the officer says
MAX_ALTERNATIVES = 5
REMEMBERED = "เลือกไว้ในการนำเข้าครั้งก่อน"  # the reason of a match the officer confirmed before

_ABBREVIATIONS = (
    (re.compile(r"อบต\.|(?<![ก-๛])อบต(?![ก-๛])"), "องค์การบริหารส่วนตำบล"),
    (re.compile(r"อบจ\.|(?<![ก-๛])อบจ(?![ก-๛])"), "องค์การบริหารส่วนจังหวัด"),
    (re.compile(r"ทต\.|(?<![ก-๛])ทต(?![ก-๛])"), "เทศบาลตำบล"),
    (re.compile(r"ทม\.|(?<![ก-๛])ทม(?![ก-๛])"), "เทศบาลเมือง"),
    (re.compile(r"ทน\.|(?<![ก-๛])ทน(?![ก-๛])"), "เทศบาลนคร"),
)
_NUMBERING = re.compile(r"^\(?\d{1,3}(?:\.\d{1,3})*\s*[.):\-–]?\s*(?=\D)")
_STRATEGY_HEAD = re.compile(r"^ยุทธศาสตร์\s*(?:การพัฒนา)?\s*(?:ที่\s*\d+)?\s*[.:)\-–]*\s*")
_PROGRAM_HEAD = re.compile(r"^แผนงาน\s*[.:)\-–]*\s*")
_BUDGET_CODE = re.compile(r"[(\[]?\s*(0\d{4})\s*[)\]]?")
_NOISE = re.compile(r"[\s,.:;'\"“”‘’()\[\]\-–—/]+")


@dataclass(frozen=True, slots=True)
class NameKey:
    """A normalised name: its key, whether it was abbreviated with ฯ (then a beginning), and the budget
    code written in it or known for it (programs)."""

    key: str
    abbreviated: bool = False
    code: str | None = None

    def names(self, other: NameKey) -> bool:
        """This (a file's) name stands for ``other`` (a plan's): the same key, the beginning of it when
        abbreviated, or the same budget code."""
        if self.code is not None and self.code == other.code:
            return True
        if not self.key:
            return False
        return other.key.startswith(self.key) if self.abbreviated else other.key == self.key


def _common(text: str) -> tuple[str, bool]:
    """Spacing, digits, abbreviations of the organisation, "ฯลฯ", and where a ฯ cuts the name short."""
    text = normalise_space(to_arabic_digits(text)).replace("ฯลฯ", "")
    for pattern, full in _ABBREVIATIONS:
        text = pattern.sub(full, text)
    abbreviated = "ฯ" in text
    if abbreviated:
        text = text[:text.index("ฯ")]
    return text, abbreviated


def _finish(text: str) -> str:
    key = _NOISE.sub("", text).lower()
    return key.replace("ด้าน", "").replace("และ", "")


def strategy_key(name: str) -> NameKey:
    """The normalised form of a strategy name: "1. ยุทธศาสตร์ที่ 1 การพัฒนาด้านโครงสร้าง พื้นฐาน" and
    "ยุทธศาสตร์โครงสร้างพื้นฐาน" are both ``โครงสร้างพื้นฐาน``."""
    text, abbreviated = _common(name)
    text = _NUMBERING.sub("", text)
    text = _STRATEGY_HEAD.sub("", text)
    text = re.sub(r"^การพัฒนา", "", text.strip())
    return NameKey(_finish(text), abbreviated)


def program_key(name: str) -> NameKey:
    """The normalised form of a program name, with its budget code: "1.2 แผนงาน 00240 เคหะและชุมชน" is
    ``เคหะชุมชน``, code 00240; "แผนงานบริหารทั่วไป" knows the code of แผนงานบริหารงานทั่วไป."""
    text, abbreviated = _common(name)
    code_match = _BUDGET_CODE.search(text)
    code = code_match.group(1) if code_match else None
    if code_match:
        text = (text[:code_match.start()] + " " + text[code_match.end():]).strip()
    text = _NUMBERING.sub("", text)
    text = _PROGRAM_HEAD.sub("", text)
    return NameKey(_finish(text), abbreviated, code or (None if abbreviated else dla_code_for(text)))


def likeness(a: str, b: str) -> float:
    """How alike two normalised keys are, below 1: one inside the other scores 0.6 to 0.9 by their lengths;
    otherwise the share of letters in common, scaled to 0.9."""
    if not a or not b:
        return 0.0
    if a in b or b in a:
        return 0.6 + 0.3 * min(len(a), len(b)) / max(len(a), len(b))
    return 0.9 * difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


@dataclass(frozen=True, slots=True)
class PlanProgram:
    """A program of the plan, under its strategy."""

    strategy: str
    name: str
    dla_code: str | None = None


@dataclass(frozen=True, slots=True)
class NameAliases:
    """Matches the officer confirmed in earlier imports: a file name's key → the plan's name."""

    strategies: Mapping[str, str] = field(default_factory=dict)
    programs: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PlanNames:
    """The names a file's names are matched against."""

    strategies: tuple[str, ...]
    programs: tuple[PlanProgram, ...]
    aliases: NameAliases = NameAliases()


@dataclass(frozen=True, slots=True)
class Candidate:
    """One of the plan's names a file's name may stand for, and how sure (0–1)."""

    name: str
    confidence: float


ChoiceKey = tuple[str, str, str]  # (STRATEGY or PROGRAM, the plan's strategy a program falls under, file name)
Choices = Mapping[ChoiceKey, str | None]  # → the plan's name to file it under, or None: create it


@dataclass(frozen=True, slots=True)
class NameMatch:
    """What a distinct strategy or program name of the file becomes: the plan's name proposed (None: none
    is alike enough, create it), how sure, whether that is sure enough to apply without asking, why (Thai),
    the other candidates, and how many rows carry the name."""

    kind: str  # STRATEGY or PROGRAM
    name: str
    strategy: str  # a program: the plan's strategy it falls under ("" when the file names none)
    match: str | None
    confidence: float
    confident: bool
    reason: str
    alternatives: tuple[Candidate, ...]
    rows: int

    @property
    def key(self) -> ChoiceKey:
        """The key of this name in a :data:`Choices` mapping."""
        return self.kind, self.strategy, self.name


def propose_matches(projects: Iterable[StagedProject], plan: PlanNames,
                    choices: Choices | None = None) -> list[NameMatch]:
    """A match for each distinct strategy and program name of ``projects`` that is not exactly the plan's.

    Programs are matched among the programs of the plan's strategy their rows fall under — by the file's
    strategy as it is exact, chosen in ``choices`` or else confidently matched — or among all programs when
    the file names no strategy; a program under a strategy to be created is created too and gets no match.
    Strategies first, then programs, each in the order the file first names them.
    """
    projects = list(projects)
    choices = choices or {}
    matches: list[NameMatch] = []
    strategy_names = Counter(p.strategy for p in projects if p.strategy)
    exact_strategies = {normalise_space(s): s for s in plan.strategies}
    for name, rows in strategy_names.items():
        if normalise_space(name) in exact_strategies:
            continue
        matches.append(_match(STRATEGY, name, "", rows, list(plan.strategies), strategy_key,
                              plan.aliases.strategies))
    resolved = _strategy_resolution(strategy_names, exact_strategies, matches, choices)
    program_rows: Counter[tuple[str, str]] = Counter()
    for p in projects:
        if not p.plan:
            continue
        strategy = resolved.get(p.strategy) if p.strategy else ""
        if strategy is None:
            continue  # a new strategy: its programs are new
        program_rows[(strategy, p.plan)] += 1
    for (strategy, name), rows in program_rows.items():
        candidates = [q for q in plan.programs if not strategy or q.strategy == strategy]
        if normalise_space(name) in {normalise_space(q.name) for q in candidates}:
            continue
        names = list(dict.fromkeys(q.name for q in candidates))
        codes = {q.name: q.dla_code for q in candidates}
        matches.append(_match(PROGRAM, name, strategy, rows, names, program_key, plan.aliases.programs, codes))
    return matches


def _strategy_resolution(names: Iterable[str], exact: Mapping[str, str], matches: list[NameMatch],
                         choices: Choices) -> dict[str, str | None]:
    """File strategy name → the plan's strategy its rows fall under (None: a new strategy)."""
    by_name = {m.name: m for m in matches if m.kind == STRATEGY}
    result: dict[str, str | None] = {}
    for name in names:
        if normalise_space(name) in exact:
            result[name] = exact[normalise_space(name)]
        elif (STRATEGY, "", name) in choices:
            result[name] = choices[(STRATEGY, "", name)]
        else:
            found = by_name.get(name)
            result[name] = found.match if found is not None and found.confident else None
    return result


def _match(kind: str, name: str, strategy: str, rows: int, plan_names: list[str], keyer: Callable[[str], NameKey],
           aliases: Mapping[str, str], codes: Mapping[str, str | None] | None = None) -> NameMatch:
    own = keyer(name)
    theirs = {n: _with_code(keyer(n), (codes or {}).get(n)) for n in plan_names}
    alias = aliases.get(own.key)
    if alias is not None and alias in theirs:
        others = _ranked(own, theirs, exclude=alias)
        return NameMatch(kind, name, strategy, alias, 1.0, True, REMEMBERED, others, rows)
    same = [n for n, key in theirs.items() if own.names(key)]
    if len(same) == 1:
        reason = "ชื่อเดียวกันเมื่อไม่นับการเว้นวรรค เลขลำดับ รหัส และคำย่อ"
        return NameMatch(kind, name, strategy, same[0], 1.0, True, reason, _ranked(own, theirs, exclude=same[0]),
                         rows)
    ranked = _ranked(own, theirs)
    if len(same) > 1:
        tied = tuple(Candidate(n, 0.95) for n in same)
        rest = tuple(c for c in ranked if c.name not in same)
        return NameMatch(kind, name, strategy, same[0], 0.95, False,
                         "ตรงกับหลายชื่อในแผน: " + ", ".join(f"“{n}”" for n in same), (tied + rest)[1:], rows)
    if ranked and ranked[0].confidence >= PROPOSE_FROM:
        best = ranked[0]
        return NameMatch(kind, name, strategy, best.name, best.confidence, False, "ชื่อคล้ายกัน", ranked[1:], rows)
    return NameMatch(kind, name, strategy, None, 0.0, False, "ไม่มีชื่อที่คล้ายกันในแผน", ranked, rows)


def _with_code(key: NameKey, code: str | None) -> NameKey:
    return key if code is None or key.code == code else replace(key, code=code)


def _ranked(own: NameKey, theirs: Mapping[str, NameKey], exclude: str | None = None) -> tuple[Candidate, ...]:
    scored = [Candidate(n, round(likeness(own.key, key.key), 3)) for n, key in theirs.items() if n != exclude]
    scored = [c for c in scored if c.confidence > 0]
    scored.sort(key=lambda c: -c.confidence)
    return tuple(scored[:MAX_ALTERNATIVES])


def confident_choices(matches: Iterable[NameMatch]) -> dict[ChoiceKey, str | None]:
    """The choices the command line makes: every confident match."""
    return {m.key: m.match for m in matches if m.confident}


def apply_choices(results: Iterable[ImportResult], choices: Choices, plan: PlanNames) -> list[ImportResult]:
    """Copies of ``results`` whose projects name the plan's strategies and programs the choices pick;
    names with no choice (or None: create) stay as the file writes them."""
    exact = {normalise_space(s): s for s in plan.strategies}
    out: list[ImportResult] = []
    for result in results:
        projects = []
        for p in result.projects:
            strategy = p.strategy
            if strategy and normalise_space(strategy) not in exact:
                strategy = choices.get((STRATEGY, "", strategy)) or strategy
            elif strategy:
                strategy = exact[normalise_space(strategy)]
            program = p.plan
            if program:
                context = strategy if p.strategy else ""
                if not p.strategy or strategy in plan.strategies:
                    program = choices.get((PROGRAM, context, program)) or program
            projects.append(replace(p, strategy=strategy, plan=program) if (strategy, program) != (p.strategy, p.plan)
                            else p)
        out.append(replace(result, projects=projects))
    return out
