"""Read a narrative Indonesian evaluation report: findings, figures and proposals.

``extract(text, patterns)`` returns an :class:`Extraction`: the findings the
report states (each traced to the sentence that states it, with character
offsets and the id of the pattern that matched), the figures it reports as
indicators, the recommendations the report itself proposes, the strengths it
states, and the program's name, region, type and period as far as the text
names them. Text that is
not an Indonesian evaluation report (English, a recipe, empty or binary input)
gives ``is_evaluation_report = False`` with a reason, and nothing else.

The patterns are data, kept in the rule pack (``extract:`` section of
``rules/ekstraksi.yaml``) and edited by policy staff. The pattern notation is
documented in ``docs/extraction.md``; in short:

``kurang``
    the word and its clitic/stative forms: kurangnya, berkurang, kekurangan.
``kurang~``
    any affixed form: also mengurangi, pengurangan, dikurangi; and any word
    with the same Sastrawi root (``didukung~`` also matches mendukung).
``=dana``
    exactly this word.  ``digital*``: any word that starts with ``digital``.
``tidak mencukupi``
    words in a row; ``tidak .. relevan`` allows up to two words in between.
``anggaran|dana|biaya``
    alternatives; ``@anggaran`` refers to the named group ``anggaran``.

A finding pattern lists word-groups under ``all:``; it matches when every
group occurs in the same clause (or sentence), in any order, within
``within`` words, in a sentence that is not a hypothetical, an illustration
or a question, when no matched word is negated (``tidak ada kendala
anggaran``, ``bukan karena ...``), and, for a pattern with ``context``, when
a context word stands nearby.  Recommendation patterns match only where the
report proposes something (``perlu``, ``disarankan``, ``sebaiknya``, hopes,
requests, instructions, plans ..., or under a heading such as
``Rekomendasi``/``Saran``), never where it reports a measure already taken.
Strength patterns (``strengths:``) are read like findings.

Long input stays linear: units longer than ``MAX_SENTENCE_WORDS`` are read
in pieces, and a very long sentence is quoted as a window around what
matched (with its own offsets).
"""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from asn_advisor._base import Document, Limits, load_file, read_text, validation_problems
from asn_advisor._sentences import Sentence, Token, full_forms, light_forms, root, split_sentences, tokenize
from asn_advisor.errors import InputError, Location, Problem, RulePackError

__all__ = [
    "ExtractedFigure",
    "ExtractedFinding",
    "ExtractedIndicator",
    "ExtractedProgram",
    "ExtractedRecommendation",
    "ExtractedStrength",
    "Extraction",
    "ExtractionError",
    "ExtractionPatterns",
    "LocalText",
    "PatternFileError",
    "check_examples",
    "check_targets",
    "compile_patterns",
    "extract",
    "load_patterns",
    "parse_number",
    "read_program",
    "read_report",
]

Severity = Literal["low", "medium", "high"]
_SEVERITY_ORDER = {"low": 0, "medium": 1, "high": 2}


class PatternFileError(RulePackError):
    """An extraction pattern file is wrong; ``problems`` lists every problem (exit code 4)."""


class ExtractionError(InputError):
    """A text cannot be extracted, or is not a report where a profile is needed (exit code 3)."""


# ---------------------------------------------------------------------------
# Pattern file models
# ---------------------------------------------------------------------------

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SNAKE_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NegationCue(_Strict):
    """Words that negate what follows (or precedes) them within ``reach`` words."""

    words: str
    reach: int | Literal["clause"] = 1


class Examples(_Strict):
    """PASS/FAIL sentences kept next to a pattern; ``rules test`` checks them."""

    match: list[str] = []
    no_match: list[str] = []


class Cues(_Strict):
    negation: list[NegationCue]
    negation_after: list[NegationCue] = []
    not_negation: str = ""
    hypothetical: str
    example: str
    example_continuation: str = ""
    illustration: str = ""
    implemented: str = ""
    proposal_continuation: str = ""
    question_is_hypothetical: bool = True
    proposal: str
    weak_proposal: str = ""
    proposal_blockers: str = ""
    proposal_sections: str = ""
    severity_high: str = ""
    severity_low: str = ""


class Signals(_Strict):
    indonesian: str
    english: str
    topic: str
    evaluative: str
    min_indonesian_share: float = 0.08
    min_topic_words: int = 3
    min_evaluative_words: int = 2
    min_words: int = 5


class _PatternBase(_Strict):
    id: str
    all: list[str] = Field(min_length=1)  # the word-groups that must all occur
    within: int = Field(default=8, ge=1, le=60)
    order: bool = False
    unless: list[str] = []
    examples: Examples = Examples()
    source: str | None = None
    note: str | None = None

    @field_validator("id")
    @classmethod
    def _kebab(cls, value: str) -> str:
        if not _ID_RE.match(value):
            raise ValueError(f"pattern id {value!r} must be kebab-case (lowercase words joined by '-')")
        return value


class FindingPattern(_PatternBase):
    finding: str
    scope: Literal["clause", "sentence"] = "clause"
    severity: Severity | None = None
    # The finding counts only where one of these words stands in the sentence or in the
    # ``context_sentences`` sentences before or after it: "kekurangan anggaran" in a passage
    # about the regional budget at large is not a training budget.
    context: str | None = None
    context_sentences: int = Field(default=2, ge=0, le=10)


class RecommendationPattern(_PatternBase):
    recommendation: str
    scope: Literal["clause", "sentence"] = "sentence"


class StrengthPattern(_PatternBase):
    """What went well, as the report states it (no catalog id: a snake_case kind of strength)."""

    strength: str
    scope: Literal["clause", "sentence"] = "clause"

    @field_validator("strength")
    @classmethod
    def _snake(cls, value: str) -> str:
        if not _SNAKE_RE.match(value):
            raise ValueError(f"strength {value!r} must be snake_case (lowercase letters, digits and '_')")
        return value


class IndicatorPattern(_PatternBase):
    indicator: str
    figure: Literal["percent", "rupiah", "jp", "number"]
    within: int = Field(default=8, ge=1, le=60)


class FigurePattern(IndicatorPattern):
    """A figure the report states that no profile indicator takes (participants, quota, budget, staff untrained).

    ``measure`` names it (snake_case); the extraction lists it under ``figures``.
    """

    indicator: str = ""
    measure: str

    @field_validator("measure")
    @classmethod
    def _snake_measure(cls, value: str) -> str:
        if not _SNAKE_RE.match(value):
            raise ValueError(f"measure {value!r} must be snake_case (lowercase letters, digits and '_')")
        return value


class ExtractionPatterns(_Strict):
    """The ``extract:`` section of the rule pack."""

    groups: dict[str, str] = {}
    cues: Cues
    signals: Signals
    findings: list[FindingPattern] = []
    recommendations: list[RecommendationPattern] = []
    strengths: list[StrengthPattern] = []
    figures: list[FigurePattern] = []
    indicators: list[IndicatorPattern] = []
    _compiled: _Compiled | None = PrivateAttr(default=None)

    @field_validator("groups")
    @classmethod
    def _group_names(cls, value: dict[str, str]) -> dict[str, str]:
        for name in value:
            if not _SNAKE_RE.match(name):
                raise ValueError(f"group name {name!r} must be lowercase letters, digits and '_'")
        return value

    def compiled(self) -> _Compiled:
        """The patterns compiled for matching (cached).

        Raises:
            PatternFileError: a word-group cannot be read (patterns built in
                code; loaded packs report this when they are loaded).
        """
        if self._compiled is None:
            problems = compile_patterns(self)
            if problems:
                raise PatternFileError("the extraction patterns have errors", problems=problems)
        assert self._compiled is not None
        return self._compiled


# ---------------------------------------------------------------------------
# Result models
# ---------------------------------------------------------------------------


class LocalText(BaseModel):
    """A message in Indonesian and English."""

    id: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.id


class _Traced(BaseModel):
    id: str
    quote: str = Field(
        description="the sentence, exactly as in the text (of a very long sentence, a window around what matched)"
    )
    start: int = Field(description="offset of the quote's first character")
    end: int = Field(description="offset just after the quote's last character")
    line: int
    column: int
    pattern: str
    matched: str = Field(description="the words that matched, as in the text")


class ExtractedFinding(_Traced):
    severity: Severity


class ExtractedStrength(_Traced):
    """Something the report states went well (``id`` is the kind of strength)."""


class ProgramField(BaseModel):
    """One part of the program's identity as the text states it."""

    value: str
    quote: str = Field(description="the words it was read from, exactly as in the text")
    start: int
    end: int


class ExtractedProgram(BaseModel):
    """Which program the report is about, as far as the text names it."""

    name: ProgramField | None = None
    region: ProgramField | None = None
    type: ProgramField | None = Field(default=None, description="pelatihan, pembinaan or pengembangan karier")
    period: ProgramField | None = None


class ExtractedRecommendation(_Traced):
    """A recommendation the report itself proposes."""


class ExtractedIndicator(_Traced):
    value: float
    unit: str
    figure: str = Field(description="the figure as written, e.g. '53%' or 'Rp 2,5 juta'")


class ExtractedFigure(ExtractedIndicator):
    """A figure with what it measures (``id``), for measures no profile indicator takes."""


class Extraction(BaseModel):
    """What a narrative report states: findings, figures, proposals."""

    source: str = "<text>"
    language: str = "id"
    is_evaluation_report: bool = True
    reason: LocalText | None = None
    reason_code: str | None = None
    sentences: int = 0
    findings: list[ExtractedFinding] = []
    indicators: list[ExtractedIndicator] = []
    recommendations: list[ExtractedRecommendation] = []
    strengths: list[ExtractedStrength] = []
    figures: list[ExtractedFigure] = []
    program: ExtractedProgram | None = None

    def finding_ids(self) -> list[str]:
        return sorted({f.id for f in self.findings})

    def recommendation_ids(self) -> list[str]:
        return sorted({r.id for r in self.recommendations})

    def to_profile_dict(self, program_id: str) -> dict[str, Any]:
        """A profile (program, indicators, findings) built from the extraction.

        One finding per id: the highest severity stated, every sentence that
        states it as evidence (in text order). One value per indicator: the
        first one stated.
        """
        indicators: dict[str, Any] = {}
        for ind in self.indicators:
            if ind.id not in indicators:
                indicators[ind.id] = int(ind.value) if float(ind.value).is_integer() else ind.value
        findings: dict[str, dict[str, Any]] = {}
        for f in self.findings:
            evidence = " ".join(f.quote.split())
            entry = findings.get(f.id)
            if entry is None:
                findings[f.id] = {"id": f.id, "severity": f.severity, "source": "document", "evidence": [evidence]}
                continue
            if _SEVERITY_ORDER[f.severity] > _SEVERITY_ORDER[entry["severity"]]:
                entry["severity"] = f.severity
            if evidence not in entry["evidence"]:
                entry["evidence"].append(evidence)
        program: dict[str, Any] = {"id": program_id}
        if self.program is not None:
            for key in ("name", "region", "type", "period"):
                part = getattr(self.program, key)
                if part is not None:
                    program[key] = part.value
        return {"program": program, "indicators": indicators, "findings": list(findings.values())}


# ---------------------------------------------------------------------------
# Pattern notation -> matchers
# ---------------------------------------------------------------------------

_WORD_SPEC_RE = re.compile(r"^(=)?([^\W_][\w'’-]*?|\d+(?:[.,]\d+)*)([~*])?$", re.UNICODE)


@dataclass(frozen=True)
class _Word:
    mode: str  # light | full | exact | prefix
    value: str
    root: str = ""  # full mode: the Sastrawi root of the value (didukung~ -> dukung)

    def lookup_keys(self) -> tuple[str, ...]:
        """The values a text word's forms are looked up under."""
        return (self.value, self.root) if self.root and self.root != self.value else (self.value,)

    def matches(self, norm: str) -> bool:
        if self.mode == "exact":
            return norm == self.value
        if self.mode == "prefix":
            return norm.startswith(self.value)
        if self.mode == "full":
            forms = full_forms(norm)
            return any(k in forms for k in self.lookup_keys())
        return norm == self.value or self.value in light_forms(norm)


@dataclass(frozen=True)
class _Gap:
    max_words: int = 2


_Element = _Word | _Gap
_Phrase = tuple[_Element, ...]


_MATCH_CACHE: dict[tuple[_Word, str], bool] = {}


def _word_matches(word: _Word, norm: str) -> bool:
    key = (word, norm)
    hit = _MATCH_CACHE.get(key)
    if hit is None:
        if len(_MATCH_CACHE) > 400_000:
            _MATCH_CACHE.clear()
        hit = _MATCH_CACHE[key] = word.matches(norm)
    return hit


@dataclass(frozen=True)
class _Term:
    text: str
    phrases: tuple[_Phrase, ...]

    def __post_init__(self) -> None:
        # Index the phrases by their first word so that each text word costs a
        # few dictionary look-ups instead of one test per pattern word.
        index: dict[str, dict[str, list[_Phrase]]] = {"light": {}, "full": {}, "exact": {}}
        prefixes: list[tuple[str, _Phrase]] = []
        for phrase in self.phrases:
            head = phrase[0]
            assert isinstance(head, _Word)
            if head.mode == "prefix":
                prefixes.append((head.value, phrase[1:]))
            else:
                for key in head.lookup_keys():
                    index[head.mode].setdefault(key, []).append(phrase[1:])
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_prefixes", tuple(prefixes))

    def _rests(self, norm: str) -> Iterator[_Phrase]:
        index: dict[str, dict[str, list[_Phrase]]] = self._index  # type: ignore[attr-defined]
        light, full, exact = index["light"], index["full"], index["exact"]
        if exact:
            yield from exact.get(norm, ())
        if light:
            for form in light_forms(norm):
                yield from light.get(form, ())
        if full:
            for form in full_forms(norm):
                yield from full.get(form, ())
        for value, rest in self._prefixes:  # type: ignore[attr-defined]
            if norm.startswith(value):
                yield rest

    def occurrences(self, norms: Sequence[str], lo: int, hi: int) -> list[tuple[int, int]]:
        """(start, end) token spans of every occurrence inside ``norms[lo:hi]``."""
        out: set[tuple[int, int]] = set()
        for i in range(lo, hi):
            for rest in self._rests(norms[i]):
                for end in _phrase_ends(rest, norms, i + 1, hi):
                    out.add((i, end))
        return sorted(out)


def _phrase_ends(phrase: _Phrase, norms: Sequence[str], i: int, hi: int) -> Iterator[int]:
    if not phrase:
        yield i
        return
    head, rest = phrase[0], phrase[1:]
    if isinstance(head, _Gap):
        for skip in range(head.max_words + 1):
            if i + skip <= hi:
                yield from _phrase_ends(rest, norms, i + skip, hi)
        return
    if i < hi and _word_matches(head, norms[i]):
        yield from _phrase_ends(rest, norms, i + 1, hi)


class _TermIndex:
    """All terms of a pattern file, indexed by first word, scanned in one pass per sentence."""

    def __init__(self, terms: Iterable[_Term]) -> None:
        self.light: dict[str, list[tuple[int, _Phrase]]] = {}
        self.full: dict[str, list[tuple[int, _Phrase]]] = {}
        self.exact: dict[str, list[tuple[int, _Phrase]]] = {}
        self.prefixes: list[tuple[str, int, _Phrase]] = []
        # Prefix words (digital*) by their first two letters: a text word looks at its own bucket only.
        self.prefix_buckets: dict[str, list[tuple[str, int, _Phrase]]] = {}
        self._entries: dict[str, tuple[tuple[int, _Phrase], ...]] = {}
        self.keys: set[int] = set()
        for term in terms:
            for phrase in term.phrases:
                head = phrase[0]
                assert isinstance(head, _Word)
                entry = (id(term), phrase[1:])
                self.keys.add(id(term))
                if head.mode == "prefix":
                    self.prefixes.append((head.value, *entry))
                    self.prefix_buckets.setdefault(head.value[:2], []).append((head.value, *entry))
                else:
                    for key in head.lookup_keys():
                        getattr(self, head.mode).setdefault(key, []).append(entry)

    def entries(self, norm: str) -> tuple[tuple[int, _Phrase], ...]:
        """(term key, rest of phrase) for every phrase whose first word matches ``norm`` (cached per word)."""
        hit = self._entries.get(norm)
        if hit is not None:
            return hit
        entries: list[tuple[int, _Phrase]] = list(self.exact.get(norm, ()))
        for form in light_forms(norm):
            entries.extend(self.light.get(form, ()))
        for form in full_forms(norm):
            entries.extend(self.full.get(form, ()))
        bucket = self.prefix_buckets.get(norm[:2], ())
        entries.extend((key, rest) for value, key, rest in bucket if norm.startswith(value))
        if len(norm) < 2 or norm[:1] in self.prefix_buckets:  # one-letter prefix words
            short = self.prefix_buckets.get(norm[:1], ())
            entries.extend((key, rest) for value, key, rest in short if norm.startswith(value))
        if len(self._entries) > 200_000:
            self._entries.clear()
        found = self._entries[norm] = tuple(entries)
        return found

    def scan(self, norms: Sequence[str]) -> dict[int, list[tuple[int, int]]]:
        found: dict[int, set[tuple[int, int]]] = {}
        n = len(norms)
        for i, norm in enumerate(norms):
            for key, rest in self.entries(norm):
                if not rest:
                    found.setdefault(key, set()).add((i, i + 1))
                    continue
                for end in _phrase_ends(rest, norms, i + 1, n):
                    found.setdefault(key, set()).add((i, end))
        return {key: sorted(spans) for key, spans in found.items()}


class _TermProblem(Exception):
    def __init__(self, message: str, path: tuple[Any, ...], offset: int = 0, hint: str | None = None) -> None:
        super().__init__(message)
        self.message, self.path, self.offset, self.hint = message, path, offset, hint


class _TermCompiler:
    """Reads the word notation; raises :class:`_TermProblem` with the offset of the bad word."""

    def __init__(self, groups: dict[str, str]):
        self.groups = groups
        self.cache: dict[str, tuple[_Phrase, ...]] = {}
        self.made: list[_Term] = []

    def term(self, text: str, path: tuple[Any, ...]) -> _Term:
        made = _Term(text, self._phrases(text, path, ()))
        self.made.append(made)
        return made

    def _group(self, name: str, path: tuple[Any, ...], offset: int, stack: tuple[str, ...]) -> tuple[_Phrase, ...]:
        if name in stack:
            raise _TermProblem(f"word-group @{name} refers to itself ({' -> '.join((*stack, name))})", path, offset)
        if name not in self.groups:
            close = difflib.get_close_matches(name, list(self.groups), n=1)
            raise _TermProblem(
                f"unknown word-group @{name}",
                path,
                offset,
                hint=f"did you mean @{close[0]}?" if close else "define it under extract.groups",
            )
        if name not in self.cache:
            self.cache[name] = self._phrases(self.groups[name], ("groups", name), (*stack, name))
        return self.cache[name]

    def _phrases(self, text: str, path: tuple[Any, ...], stack: tuple[str, ...]) -> tuple[_Phrase, ...]:
        if not isinstance(text, str) or not text.strip():
            raise _TermProblem("a word-group must be a non-empty string", path, hint='e.g. "anggaran|dana|biaya"')
        phrases: list[_Phrase] = []
        start = 0
        for alt in text.split("|"):
            words = list(re.finditer(r"\S+", alt))
            if not words:
                raise _TermProblem(
                    f"empty alternative in {text!r}", path, start, hint="remove the doubled or trailing '|'"
                )
            options: list[list[_Phrase]] = []
            for m in words:
                w, offset = m.group(), start + m.start()
                if w == "..":
                    options.append([(_Gap(),)])
                elif w.startswith("@"):
                    options.append(list(self._group(w[1:], path, offset, stack)))
                else:
                    options.append([(self._word(w, path, offset),)])
            for combo in itertools.product(*options):
                phrase: _Phrase = tuple(el for part in combo for el in part)
                if isinstance(phrase[0], _Gap) or isinstance(phrase[-1], _Gap):
                    raise _TermProblem(f"'..' must stand between two words in {alt.strip()!r}", path, start)
                phrases.append(phrase)
            start += len(alt) + 1
        return tuple(phrases)

    def _word(self, word: str, path: tuple[Any, ...], offset: int) -> _Word:
        m = _WORD_SPEC_RE.match(word)
        if not m:
            raise _TermProblem(
                f"cannot read {word!r} as a pattern word",
                path,
                offset,
                hint="write a word (kurang), word~ (any affix), =word (exact), word* (prefix), @group or ..",
            )
        exact, value, suffix = m.groups()
        value = value.lower().replace("’", "'")
        if exact and suffix:
            raise _TermProblem(f"{word!r}: '=' cannot be combined with '{suffix}'", path, offset)
        mode = "exact" if exact else {"~": "full", "*": "prefix"}.get(suffix or "", "light")
        return _Word(mode, value, root(value) if mode == "full" else "")


@dataclass(frozen=True)
class _Rule:
    id: str
    target: str  # finding / recommendation / indicator id
    terms: tuple[_Term, ...]
    unless: tuple[_Term, ...]
    within: int
    order: bool
    scope: str
    severity: str | None = None
    figure: str | None = None
    context: _Term | None = None
    context_sentences: int = 0


@dataclass(frozen=True)
class _Cue:
    term: _Term
    reach: int | None  # None: to the end of the clause


@dataclass(frozen=True)
class _Compiled:
    negation: tuple[_Cue, ...]
    negation_after: tuple[_Cue, ...]
    not_negation: _Term | None
    hypothetical: _Term
    example: _Term
    example_continuation: _Term | None
    illustration: _Term | None
    implemented: _Term | None
    proposal_continuation: _Term | None
    question_is_hypothetical: bool
    proposal: _Term
    weak_proposal: _Term | None
    proposal_blockers: _Term | None
    proposal_sections: _Term | None
    severity_high: _Term | None
    severity_low: _Term | None
    indonesian: frozenset[str]
    english: frozenset[str]
    topic: _Term
    evaluative: _Term
    signals: Signals
    findings: tuple[_Rule, ...]
    recommendations: tuple[_Rule, ...]
    strengths: tuple[_Rule, ...]
    figures: tuple[_Rule, ...]
    indicators: tuple[_Rule, ...]
    index: _TermIndex


def compile_patterns(
    patterns: ExtractionPatterns, doc: Document | None = None, prefix: tuple[Any, ...] = ("extract",)
) -> list[Problem]:
    """Compile the word notation of ``patterns``; return every problem found.

    When there is no problem the compiled form is kept on ``patterns``.
    ``doc`` (the YAML document the patterns came from) and ``prefix`` (where
    the ``extract:`` mapping sits in it) turn problems into file:line:column,
    with the column of the very word that is wrong.
    """
    file = doc.file if doc is not None else "<patterns>"
    problems: list[Problem] = []
    tc = _TermCompiler(dict(patterns.groups))

    def locate(path: tuple[Any, ...], offset: int = 0, *, key: bool = False) -> Location:
        if doc is None:
            return Location(file)
        full = (*prefix, *path)
        return doc.locate(full, key=True) if key else doc.expression_location(full, offset)

    def term(text: str, *path: Any) -> _Term | None:
        try:
            return tc.term(text, path)
        except _TermProblem as exc:
            problems.append(Problem(locate(exc.path, exc.offset), exc.message, code="E140", hint=exc.hint))
            return None

    def opt(text: str, *path: Any) -> _Term | None:
        return term(text, *path) if text.strip() else None

    def cues(items: list[NegationCue], key: str) -> tuple[_Cue, ...]:
        out = []
        for i, c in enumerate(items):
            t = term(c.words, "cues", key, i, "words")
            if t is not None:
                out.append(_Cue(t, None if c.reach == "clause" else c.reach))
        return tuple(out)

    def rules(items: Sequence[_PatternBase], key: str, target_attr: str) -> tuple[_Rule, ...]:
        seen: dict[str, int] = {}
        out = []
        for i, r in enumerate(items):
            if r.id in seen:
                problems.append(
                    Problem(
                        locate((key, i, "id")),
                        f"pattern id {r.id!r} is used twice (first at {locate((key, seen[r.id], 'id'))})",
                        code="E141",
                        hint="every pattern needs its own id",
                    )
                )
                continue
            seen[r.id] = i
            terms = [term(t, key, i, "all", j) for j, t in enumerate(r.all)]
            unless = [term(t, key, i, "unless", j) for j, t in enumerate(r.unless)]
            context_text = getattr(r, "context", None)
            context = term(context_text, key, i, "context") if context_text else None
            if any(t is None for t in (*terms, *unless)) or (context_text and context is None):
                continue
            out.append(
                _Rule(
                    id=r.id,
                    target=getattr(r, target_attr),
                    terms=tuple(t for t in terms if t is not None),
                    unless=tuple(t for t in unless if t is not None),
                    within=r.within,
                    order=r.order,
                    scope=getattr(r, "scope", "sentence"),
                    severity=getattr(r, "severity", None),
                    figure=getattr(r, "figure", None),
                    context=context,
                    context_sentences=getattr(r, "context_sentences", 0),
                )
            )
        return tuple(out)

    c = patterns.cues
    sig = patterns.signals
    required = {
        "hypothetical": term(c.hypothetical, "cues", "hypothetical"),
        "example": term(c.example, "cues", "example"),
        "proposal": term(c.proposal, "cues", "proposal"),
        "topic": term(sig.topic, "signals", "topic"),
        "evaluative": term(sig.evaluative, "signals", "evaluative"),
    }
    compiled_rules = {
        "findings": rules(patterns.findings, "findings", "finding"),
        "recommendations": rules(patterns.recommendations, "recommendations", "recommendation"),
        "strengths": rules(patterns.strengths, "strengths", "strength"),
        "figures": rules(patterns.figures, "figures", "measure"),
        "indicators": rules(patterns.indicators, "indicators", "indicator"),
    }
    built = _Compiled(
        negation=cues(c.negation, "negation"),
        negation_after=cues(c.negation_after, "negation_after"),
        not_negation=opt(c.not_negation, "cues", "not_negation"),
        hypothetical=required["hypothetical"],  # type: ignore[arg-type]
        example=required["example"],  # type: ignore[arg-type]
        example_continuation=opt(c.example_continuation, "cues", "example_continuation"),
        illustration=opt(c.illustration, "cues", "illustration"),
        implemented=opt(c.implemented, "cues", "implemented"),
        proposal_continuation=opt(c.proposal_continuation, "cues", "proposal_continuation"),
        question_is_hypothetical=c.question_is_hypothetical,
        proposal=required["proposal"],  # type: ignore[arg-type]
        weak_proposal=opt(c.weak_proposal, "cues", "weak_proposal"),
        proposal_blockers=opt(c.proposal_blockers, "cues", "proposal_blockers"),
        proposal_sections=opt(c.proposal_sections, "cues", "proposal_sections"),
        severity_high=opt(c.severity_high, "cues", "severity_high"),
        severity_low=opt(c.severity_low, "cues", "severity_low"),
        indonesian=frozenset(w.lower() for w in sig.indonesian.split()),
        english=frozenset(w.lower() for w in sig.english.split()),
        topic=required["topic"],  # type: ignore[arg-type]
        evaluative=required["evaluative"],  # type: ignore[arg-type]
        signals=sig,
        findings=compiled_rules["findings"],
        recommendations=compiled_rules["recommendations"],
        strengths=compiled_rules["strengths"],
        figures=compiled_rules["figures"],
        indicators=compiled_rules["indicators"],
        index=_TermIndex(tc.made),
    )
    if not problems:
        patterns._compiled = built
    return problems


def check_targets(
    patterns: ExtractionPatterns,
    *,
    findings: Iterable[str],
    recommendations: Iterable[str],
    indicators: Iterable[str],
    doc: Document | None = None,
    prefix: tuple[Any, ...] = ("extract",),
) -> list[Problem]:
    """Problems for patterns whose finding, recommendation or indicator id is not in the catalogs."""
    problems = []
    for key, known, attr in (
        ("findings", findings, "finding"),
        ("recommendations", recommendations, "recommendation"),
        ("indicators", indicators, "indicator"),
    ):
        known_set = set(known)
        for i, rule in enumerate(getattr(patterns, key)):
            target = getattr(rule, attr)
            if target in known_set:
                continue
            close = difflib.get_close_matches(target, sorted(known_set), n=1)
            location = doc.locate((*prefix, key, i, attr)) if doc is not None else Location("<patterns>")
            problems.append(
                Problem(
                    location,
                    f"unknown {attr} id {target!r} in pattern {rule.id!r}",
                    code="E142",
                    hint=f"did you mean {close[0]!r}?" if close else f"{key} are defined under {key}: in the pack",
                )
            )
    return problems


# ---------------------------------------------------------------------------
# Loading a pattern file on its own (the rule pack loads its extract: section itself)
# ---------------------------------------------------------------------------


def load_patterns(
    path: str | Path,
    *,
    known_findings: Iterable[str] | None = None,
    known_recommendations: Iterable[str] | None = None,
    known_indicators: Iterable[str] | None = None,
    limits: Limits | None = None,
) -> ExtractionPatterns:
    """Load one YAML file with a top-level ``extract:`` section (a draft, or a pack file).

    The shipped patterns are part of the rule pack: ``load_rules().extract``.

    Args:
        path: the YAML file.
        known_findings, known_recommendations, known_indicators: catalog ids
            to check the patterns' targets against (unchecked when None).
        limits: bounds on the file's size and structure.

    Returns:
        The validated, compiled patterns.

    Raises:
        PatternFileError: listing every problem, each with file:line:column.
        InputError: the file cannot be read safely.
    """
    display = str(path)
    doc = load_file(Path(path), display, limits=limits, error=PatternFileError)
    problems = list(doc.problems)
    data = doc.data
    if not isinstance(data, dict) or "extract" not in data:
        raise PatternFileError(
            "the file has no top-level 'extract:' section",
            location=Location(display, 1, 1),
            hint="start the file with 'extract:' and put groups, cues, signals, findings under it",
        )
    try:
        patterns = ExtractionPatterns.model_validate(data["extract"])
    except ValidationError as exc:
        problems += validation_problems(exc, ExtractionPatterns, doc, ("extract",))
    else:
        problems += compile_patterns(patterns, doc)
        if known_findings is not None or known_recommendations is not None or known_indicators is not None:
            problems += check_targets(
                patterns,
                findings=known_findings if known_findings is not None else [p.finding for p in patterns.findings],
                recommendations=known_recommendations
                if known_recommendations is not None
                else [p.recommendation for p in patterns.recommendations],
                indicators=known_indicators
                if known_indicators is not None
                else [p.indicator for p in patterns.indicators],
                doc=doc,
            )
    if problems:
        raise PatternFileError(
            f"the pattern file has {len(problems)} error(s)", location=Location(display), problems=problems
        )
    return patterns


# ---------------------------------------------------------------------------
# Reading a report file
# ---------------------------------------------------------------------------


def read_report(source: str | Path, *, limits: Limits | None = None) -> tuple[str, str]:
    """Read a report (plain text or Markdown; ``-`` is standard input).

    UTF-8 (with or without BOM); Windows-1252 when the bytes are not UTF-8,
    as office exports often are.

    Returns:
        ``(text, display name)``.

    Raises:
        InputError: the file is missing, too large, or binary (NUL bytes).
    """
    try:
        return read_text(source if str(source) == "-" else Path(source), limits=limits)
    except InputError as exc:
        if "UTF-8" not in exc.message or str(source) == "-":
            raise
    raw = Path(source).read_bytes()
    return raw.decode("cp1252", errors="replace"), str(source)


# ---------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------

_NUM = r"\d+(?:[.,]\d+)*"
_PERCENT_RE = re.compile(rf"(?<![\w.,])({_NUM})\s*(?:%|persen\b|per\s+sen\b)", re.IGNORECASE)
_RUPIAH_RE = re.compile(
    rf"\bRp\.?\s*({_NUM})(?:\s*[-–]\s*{_NUM})?(\s*(?:ribu|rb|juta|jt|miliar|milyar|M|triliun|T)\b)?"
    rf"|(?<![\w.,])({_NUM})(\s*(?:ribu|juta|miliar|milyar|triliun))\s+rupiah\b",
    re.IGNORECASE,
)
_JP_RE = re.compile(rf"(?<![\w.,])({_NUM})\s*(?:JP|jam\s+pelajaran|jampel)\b", re.IGNORECASE)
_NUMBER_RE = re.compile(rf"(?<![\w.,])({_NUM})(?![\w])")
_MULTIPLIERS = {
    "ribu": 1e3,
    "rb": 1e3,
    "juta": 1e6,
    "jt": 1e6,
    "miliar": 1e9,
    "milyar": 1e9,
    "m": 1e9,
    "triliun": 1e12,
    "t": 1e12,
}


def parse_number(text: str) -> float | None:
    """Parse an Indonesian number: ``2,5`` -> 2.5, ``2.500.000`` -> 2500000, ``1.681`` -> 1681."""
    t = text.strip()
    if not re.fullmatch(_NUM, t):
        return None
    if "." in t and "," in t:
        if t.rfind(",") > t.rfind("."):
            t = t.replace(".", "").replace(",", ".")
        else:
            t = t.replace(",", "")
    elif "," in t:
        parts = t.split(",")
        if len(parts) > 2 and all(len(p) == 3 for p in parts[1:]):
            t = t.replace(",", "")
        elif len(parts) == 2:
            t = t.replace(",", ".")
        else:
            return None
    elif "." in t:
        parts = t.split(".")
        if len(parts) > 2 or len(parts[1]) == 3:
            if not all(len(p) == 3 for p in parts[1:]):
                return None
            t = t.replace(".", "")
    try:
        return float(t)
    except ValueError:  # pragma: no cover - guarded by the regex
        return None


@dataclass(frozen=True)
class _Figure:
    kind: str
    value: float
    unit: str
    start: int
    end: int


def _figures(sent: Sentence, text: str) -> list[_Figure]:
    s = text[sent.start : sent.end]
    out: list[_Figure] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    for m in _RUPIAH_RE.finditer(s):
        if m.group(1) is not None:
            if re.search(r"\d\s*[-–]\s*\d", m.group(0)):
                continue  # a range (Rp 700-800 juta) has no single value
            num, mult = m.group(1), (m.group(2) or "").strip()
        else:
            num, mult = m.group(3), (m.group(4) or "").strip()
        value = parse_number(num)
        if value is None:
            continue
        factor = _MULTIPLIERS.get(mult.lower(), 1.0) if mult not in ("M", "T") else _MULTIPLIERS[mult.lower()]
        out.append(_Figure("rupiah", value * factor, "IDR", sent.start + m.start(), sent.start + m.end()))
        taken.append((m.start(), m.end()))
    for m in _PERCENT_RE.finditer(s):
        value = parse_number(m.group(1))
        if value is None or not 0 <= value <= 100 or not free(m.start(), m.end()):
            continue
        out.append(_Figure("percent", value, "percent", sent.start + m.start(), sent.start + m.end()))
        taken.append((m.start(), m.end()))
    for m in _JP_RE.finditer(s):
        value = parse_number(m.group(1))
        if value is None or not free(m.start(), m.end()):
            continue
        out.append(_Figure("jp", value, "JP", sent.start + m.start(), sent.start + m.end()))
        taken.append((m.start(), m.end()))
    for m in _NUMBER_RE.finditer(s):
        value = parse_number(m.group(1))
        if value is None or not free(m.start(), m.end()):
            continue
        out.append(_Figure("number", value, "", sent.start + m.start(), sent.start + m.end()))
    return sorted(out, key=lambda f: f.start)


# ---------------------------------------------------------------------------
# The program's identity
# ---------------------------------------------------------------------------

_CAP = r"[A-Z][\w'’]*"
_REGION_RE = re.compile(
    rf"\b(Kabupaten|Kab\.|Kota|Provinsi|Prov\.|Pemkab|Pemkot|Pemprov|Pemerintah Kabupaten|Pemerintah Kota|"
    rf"Pemerintah Provinsi)[ \t]+(?!Dan\b|Tahun\b)({_CAP}(?:[ \t]+(?!Tahun\b|Dan\b|Nomor\b){_CAP}){{0,2}})"
)
_NAME_STOP = r"(?!(?:Kabupaten|Kab|Kota|Provinsi|Prov|Pemkab|Pemkot|Pemprov|Pemerintah|Tahun|Turun|Naik)\b)"
_NAME_RE = re.compile(
    r"\b(?:Pendidikan dan Pelatihan|Pelatihan|Diklat|Diklatpim|Latsar|Bimbingan Teknis|Bimtek)"
    rf"(?:[ \t]+(?:dan[ \t]+)?{_NAME_STOP}(?:[A-Z][\w/-]*|[IVX]{{1,4}}\b)){{1,5}}"
)
# "Nomor 10 Tahun 2018" names a regulation, not the period evaluated.
_LAW_RE = re.compile(r"(?:Nomor|No\.?|Nomer)\s*[\w./-]+\s+(?:[Tt]ahun\s+)?$")
_PERIOD_RE = re.compile(r"\b(?:[Tt]ahun|TA\.?|[Pp]eriode|[Ss]emester \w+)[ \t]+((?:19|20)\d\d)\b")
_YEAR_RE = re.compile(r"(?<![\w./-])((?:19|20)\d\d)(?![\w/-])")
_PROGRAM_TYPES = {
    "pelatihan": frozenset(
        {"pelatihan", "diklat", "latsar", "bimtek", "diklatpim", "kursus", "workshop", "pkp", "pka", "pkn", "webinar"}
    ),
    "pembinaan": frozenset({"pembinaan", "mentoring", "coaching", "pendampingan", "bimbingan"}),
    "pengembangan karier": frozenset({"karier", "karir", "promosi", "mutasi", "penataan", "merit", "kenaikan"}),
}


def _region_value(m: re.Match[str]) -> str:
    head = m.group(1).lower()
    kind = "Kota" if "kot" in head else "Provinsi" if "prov" in head else "Kabupaten"
    return f"{kind} {' '.join(m.group(2).split())}"


def read_program(text: str, c: _Compiled | None = None) -> ExtractedProgram | None:
    """The program's name, region, type and period as the text names them (None when it names none).

    Each part is the one the text names most often (first named on a tie),
    with the words it was read from and their offsets. The type is the kind
    of program most of the text speaks of: *pelatihan* (training, diklat,
    latsar ...), *pembinaan* (mentoring, coaching) or *pengembangan karier*
    (promotion, transfer, merit), when it is named at least twice.
    """

    def most_named(
        regex: re.Pattern[str], group: int = 0, value: Callable[[re.Match[str]], str] | None = None
    ) -> ProgramField | None:
        seen: dict[str, list[tuple[str, re.Match[str]]]] = {}
        for m in itertools.islice(regex.finditer(text), 2000):
            if group and _LAW_RE.search(text[max(0, m.start(group) - 30) : m.start(group)]):
                continue
            v = value(m) if value else " ".join(m.group(group).split())
            seen.setdefault(v.lower(), []).append((v, m))
        if not seen:
            return None
        best = max(seen.values(), key=lambda ms: (len(ms), -ms[0][1].start()))
        v, m = best[0]
        return ProgramField(value=v, quote=m.group(0), start=m.start(), end=m.end())

    region = most_named(_REGION_RE, value=_region_value)
    name = most_named(_NAME_RE)
    period = most_named(_PERIOD_RE, 1) or most_named(_YEAR_RE, 1)
    counts: dict[str, list[Token]] = {kind: [] for kind in _PROGRAM_TYPES}
    for tok in tokenize(text):
        norm = tok.norm
        for kind, words in _PROGRAM_TYPES.items():
            if norm in words or (kind == "pelatihan" and norm.startswith("diklat")):
                counts[kind].append(tok)
    kind, toks = max(counts.items(), key=lambda kv: len(kv[1]))
    ptype = (
        ProgramField(value=kind, quote=toks[0].text, start=toks[0].start, end=toks[0].end) if len(toks) >= 2 else None
    )
    if region is None and name is None and period is None and ptype is None:
        return None
    return ExtractedProgram(name=name, region=region, type=ptype, period=period)


# ---------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------

_JUNK_CATEGORIES = frozenset({"Cc", "Cs", "Co", "Cn"})
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


@dataclass
class _SentenceView:
    sent: Sentence
    norms: list[str]
    clause_of: list[int]
    blocked: set[int]  # tokens in a hypothetical, example or question context
    strong_proposal_clauses: set[int]
    proposal_clauses: set[int]
    negation_hits: list[tuple[int, int, int | None]]  # (start, end, reach)
    negation_after_hits: list[tuple[int, int, int | None]]
    high: list[tuple[int, int]]
    low: list[tuple[int, int]]
    in_proposal_section: bool
    cache: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    ignored: frozenset[int] = frozenset()  # tokens of "tidak hanya", "belum tentu" ...
    is_example: bool = False
    example_lead: bool = False  # opened by "Misalnya", "Sebagai contoh" ...
    done_clauses: set[int] = field(default_factory=set)  # clauses that report a measure already taken
    index: _TermIndex | None = None
    scanned: dict[int, list[tuple[int, int]]] | None = None

    def occ(self, term: _Term, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
        """Occurrences of ``term`` inside tokens ``lo:hi`` (computed once per sentence)."""
        found = self.cache.get(id(term))
        if found is None:
            if self.scanned is None:
                self.scanned = self.index.scan(self.norms) if self.index else {}
            raw = self.scanned.get(id(term))
            if raw is None and (self.index is None or id(term) not in self.index.keys):
                raw = term.occurrences(self.norms, 0, len(self.norms))
            if not raw:
                found = []
            elif self.ignored:
                found = [(a, b) for a, b in raw if not self.ignored.issuperset(range(a, b))]
            else:
                found = raw
            self.cache[id(term)] = found
        hi = len(self.norms) if hi is None else hi
        if lo == 0 and hi == len(self.norms):
            return found
        return [(a, b) for a, b in found if a >= lo and b <= hi]


_LEADING = frozenset({"namun", "tetapi", "akan", "dan", "oleh", "karena", "itu", "selain", "lalu", "maka"})


def _lead(norms: Sequence[str]) -> int:
    """Index of the first word after leading connectors ("Namun", "Oleh karena itu", ...)."""
    lead = 0
    while lead < len(norms) and norms[lead] in _LEADING:
        lead += 1
    return lead


def _view(sent: Sentence, c: _Compiled, proposal_section: bool, after_example: bool = False) -> _SentenceView:
    norms = [t.norm for t in sent.tokens]
    n = len(norms)
    clause_of = [0] * n
    for ci, (a, b) in enumerate(sent.clauses):
        for i in range(a, b):
            clause_of[i] = ci
    v = _SentenceView(
        sent=sent,
        norms=norms,
        clause_of=clause_of,
        blocked=set(),
        strong_proposal_clauses=set(),
        proposal_clauses=set(),
        negation_hits=[],
        negation_after_hits=[],
        high=[],
        low=[],
        in_proposal_section=proposal_section,
        index=c.index,
    )
    if c.not_negation:
        v.ignored = frozenset(i for a, b in v.occ(c.not_negation) for i in range(a, b))
    lead = _lead(norms)
    # Examples and hypotheticals: "Misalnya, ...", "Jika ..., maka ...", questions.
    # "Misalnya, banyak peserta mengeluhkan ..." reports a real complaint; with an
    # illustration cue (or, without that cue list, always) the sentence is an illustration.
    v.example_lead = any(a <= lead for a, _ in v.occ(c.example))
    if v.example_lead and (c.illustration is None or v.occ(c.illustration) or v.occ(c.hypothetical)):
        v.blocked = set(range(n))
        v.is_example = True
    elif after_example and c.example_continuation and any(a <= lead for a, _ in v.occ(c.example_continuation)):
        v.blocked = set(range(n))  # "Hal ini membuatnya ..." goes on with the anecdote
        v.is_example = True
    else:
        for a, _b in v.occ(c.hypothetical):
            if a <= lead + 1:
                v.blocked = set(range(n))
                break
            v.blocked |= set(range(a, n))
    if c.question_is_hypothetical and sent.text.rstrip().rstrip("\"”’'").endswith("?"):
        v.blocked = set(range(n))

    blockers = v.occ(c.proposal_blockers) if c.proposal_blockers else []

    def proposal_clause_set(term: _Term | None) -> set[int]:
        out: set[int] = set()
        if term is None:
            return out
        for a, _b in v.occ(term):
            if any(b2 == a for _a2, b2 in blockers):
                continue  # "tantangan yang perlu diatasi", "tidak perlu"
            if a <= lead:
                return set(range(len(sent.clauses)))  # "Perlu ...", "Jangan ..." govern the whole sentence
            out.add(clause_of[a])
        return out

    def through_brackets(clauses: set[int]) -> set[int]:
        # "meminta BKD ... perangkat daerah (OPD) untuk ..., agar ...": a parenthesis ends no proposal.
        out = set(clauses)
        for ci in sorted(clauses):
            while ci + 1 < len(sent.clauses):
                a = sent.clauses[ci + 1][0]
                gap = sent.text[sent.tokens[a - 1].end - sent.start : sent.tokens[a].start - sent.start]
                if not ("(" in gap or ")" in gap) or any(ch in gap for ch in ".;:"):
                    break
                ci += 1
                out.add(ci)
        return out

    v.strong_proposal_clauses = through_brackets(proposal_clause_set(c.proposal))
    v.proposal_clauses = v.strong_proposal_clauses | through_brackets(proposal_clause_set(c.weak_proposal))
    if c.implemented:
        # "BKPSDM telah meluncurkan program mentoring": a measure taken, not proposed.
        done = {clause_of[a] for a, _ in v.occ(c.implemented)}
        v.done_clauses = done
        v.proposal_clauses -= done - v.strong_proposal_clauses

    def neg(cues: tuple[_Cue, ...]) -> list[tuple[int, int, int | None]]:
        return [(a, b, cue.reach) for cue in cues for a, b in v.occ(cue.term)]

    v.negation_hits = neg(c.negation)
    v.negation_after_hits = neg(c.negation_after)
    v.high = v.occ(c.severity_high) if c.severity_high else []
    v.low = v.occ(c.severity_low) if c.severity_low else []
    return v


def _best_combination(
    occ: list[list[tuple[int, int]]], within: int, order: bool, require: set[int] | None = None
) -> list[tuple[int, int]] | None:
    """The narrowest choice of one occurrence per word-group (None if none fits).

    ``require``: at least one chosen occurrence must touch one of these tokens.
    """
    best: tuple[int, int] | None = None
    best_combo: list[tuple[int, int]] | None = None
    limited = [o[:24] for o in occ]
    for combo in itertools.product(*limited):
        if order and any(combo[i][0] >= combo[i + 1][0] for i in range(len(combo) - 1)):
            continue
        spans = sorted(combo)
        if any(spans[i][1] > spans[i + 1][0] for i in range(len(spans) - 1)):
            continue  # two groups on the same word
        width = max(e for _, e in combo) - min(s for s, _ in combo)
        if width > within:
            continue
        if require is not None and not any(i in require for a, b in combo for i in range(a, b)):
            continue
        key = (width, min(s for s, _ in combo))
        if best is None or key < best:
            best, best_combo = key, list(combo)
    return best_combo


def _match_rule(
    rule: _Rule, v: _SentenceView, segments: list[tuple[int, int]], require: set[int] | None = None
) -> list[tuple[int, int]] | None:
    if v.index is not None:
        # Most rules fail at once: a word-group that occurs nowhere in the sentence.
        if v.scanned is None:
            v.scanned = v.index.scan(v.norms)
        keys = v.index.keys
        if any(id(t) in keys and id(t) not in v.scanned for t in rule.terms):
            return None
    for lo, hi in segments:
        occ = []
        for t in rule.terms:
            found = v.occ(t, lo, hi)
            if not found:
                break
            occ.append(found)
        else:
            combo = _best_combination(occ, rule.within, rule.order, require)
            if combo is None:
                continue
            if rule.unless and any(v.occ(t, lo, hi) for t in rule.unless):
                continue
            return combo
    return None


def _negated(combo: list[tuple[int, int]], v: _SentenceView) -> bool:
    covered = {i for a, b in combo for i in range(a, b)}
    for s, _e in combo:
        clause = v.clause_of[s]
        for a, b, reach in v.negation_hits:
            if b > s or covered & set(range(a, b)) or v.clause_of[a] != clause:
                continue
            if reach is None or s - b <= reach:
                return True
    last = max(e for _, e in combo)
    clause = v.clause_of[last - 1]
    for a, b, reach in v.negation_after_hits:
        if a < last or covered & set(range(a, b)) or v.clause_of[a] != clause:
            continue
        if reach is None or a - last <= reach:
            return True
    return False


def _segments(rule: _Rule, v: _SentenceView) -> list[tuple[int, int]]:
    if rule.scope == "sentence":
        return [(0, len(v.norms))]
    return list(v.sent.clauses)


# A sentence longer than this is quoted as a window of about a third of it on each side of
# what matched, cut at word boundaries: output stays proportional to what was found. A
# figure is quoted with less around it: a sentence can hold many figures.
_QUOTE_MAX = 1000
_FIGURE_QUOTE_MAX = 300


def _traced(
    text: str, sent: Sentence, combo: list[tuple[int, int]], line_starts: list[int], max_len: int = _QUOTE_MAX
) -> dict[str, Any]:
    toks = sent.tokens
    a = min(s for s, _ in combo)
    b = max(e for _, e in combo)
    start, end = sent.start, sent.end
    if end - start > max_len:
        lo, hi = toks[a].start - max_len // 3, toks[b - 1].end + max_len // 3
        first = next((t for t in toks[: a + 1] if t.start >= lo), toks[a])
        last = next((t for t in reversed(toks[b - 1 :]) if t.end <= hi), toks[b - 1])
        start = sent.start if first is toks[0] else first.start
        end = sent.end if last is toks[-1] else last.end
    line, col = _line_col(line_starts, start)
    return {
        "quote": text[start:end],
        "start": start,
        "end": end,
        "line": line,
        "column": col,
        "matched": text[toks[a].start : toks[b - 1].end],
    }


def _line_col(line_starts: list[int], offset: int) -> tuple[int, int]:
    import bisect

    i = bisect.bisect_right(line_starts, offset) - 1
    return i + 1, offset - line_starts[i] + 1


# ---------------------------------------------------------------------------
# Report signals
# ---------------------------------------------------------------------------

_REASONS = {
    "empty": LocalText(
        id="Teks kosong: tidak ada yang bisa dibaca.", en="The text is empty: there is nothing to read."
    ),
    "binary": LocalText(
        id="Berkas ini tampaknya biner, bukan teks laporan.",
        en="The input looks binary, not like the text of a report.",
    ),
    "too_short": LocalText(
        id="Teks terlalu pendek untuk sebuah laporan evaluasi.",
        en="The text is too short to be an evaluation report.",
    ),
    "english": LocalText(
        id="Teks ini berbahasa Inggris; ekstraktor membaca laporan evaluasi berbahasa Indonesia.",
        en="The text is in English; the extractor reads Indonesian evaluation reports.",
    ),
    "language": LocalText(
        id="Teks ini tampaknya bukan berbahasa Indonesia.",
        en="The text does not look like Indonesian.",
    ),
    "topic": LocalText(
        id="Teks ini tidak membahas pelatihan atau pengembangan kompetensi ASN.",
        en="The text is not about the training or development of civil servants (ASN).",
    ),
    "no_evaluation": LocalText(
        id="Teks ini membahas pelatihan ASN tetapi tidak memuat penilaian: tidak ada temuan, kendala, "
        "hasil evaluasi atau rekomendasi (misalnya sebuah pengumuman atau berita acara).",
        en="The text is about ASN training but evaluates nothing: no findings, problems, results or "
        "recommendations (an announcement or a news item, for example).",
    ),
}


def _not_report(source: str, code: str, language: str, sentences: int, detail: str = "") -> Extraction:
    base = _REASONS[code]
    reason = LocalText(id=base.id + (f" ({detail})" if detail else ""), en=base.en + (f" ({detail})" if detail else ""))
    return Extraction(
        source=source,
        language=language,
        is_evaluation_report=False,
        reason=reason,
        reason_code=code,
        sentences=sentences,
    )


def _junk_share(text: str) -> float:
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return 0.0
    junk = sum(1 for ch in visible if ch == "\ufffd" or unicodedata.category(ch) in _JUNK_CATEGORIES)
    return junk / len(visible)


# ---------------------------------------------------------------------------
# extract()
# ---------------------------------------------------------------------------


def extract(
    text: str, patterns: ExtractionPatterns, *, source: str = "<text>", assume_report: bool = False
) -> Extraction:
    """Extract the findings, figures and proposals a narrative report states.

    Args:
        text: the report as text (plain text or Markdown).
        patterns: the rule pack's ``extract:`` section (see :func:`load_patterns`).
        source: a name for the text, echoed in the result.
        assume_report: skip the language and topic checks (for single
            sentences, pattern examples and tests), and take every sentence
            to be about ASN training (a pattern's ``context`` is not asked);
            empty and binary input is still refused.

    Returns:
        An :class:`Extraction`. When the text is not an Indonesian evaluation
        report, ``is_evaluation_report`` is False, ``reason`` says why, and the
        lists are empty.

    Raises:
        ExtractionError: ``text`` is not a string.
    """
    if not isinstance(text, str):
        raise ExtractionError(
            f"extract() needs text (str), got {type(text).__name__}", hint="decode bytes first, e.g. with read_report()"
        )
    c = patterns.compiled()
    if not text.strip():
        return _not_report(source, "empty", "unknown", 0)
    if "\x00" in text or _junk_share(text) > 0.02:
        return _not_report(source, "binary", "unknown", 0)
    work = _SURROGATE_RE.sub("\ufffd", text)
    if assume_report:
        return _extract_sentences(work, c, source, on_topic=True)

    all_tokens = tokenize(work)
    norms = [t.norm for t in all_tokens]
    words = [w for w in norms if not w[0].isdigit()]
    if len(words) < c.signals.min_words:
        return _not_report(source, "too_short", "unknown", 0)
    id_hits = sum(1 for w in words if w in c.indonesian)
    en_hits = sum(1 for w in words if w in c.english)
    if en_hits > id_hits and en_hits >= 3:
        return _not_report(source, "english", "en", 0)
    if id_hits / len(words) < c.signals.min_indonesian_share:
        return _not_report(source, "language", "unknown", 0)
    topic = c.topic.occurrences(norms, 0, len(norms))
    topic_words = {norms[a] for a, _ in topic}
    if len(topic) < c.signals.min_topic_words or len(topic_words) < 2:
        return _not_report(source, "topic", "id", 0)

    result = _extract_sentences(work, c, source)
    if not (result.findings or result.recommendations or result.indicators):
        evaluative = c.evaluative.occurrences(norms, 0, len(norms))
        if len({norms[a] for a, _ in evaluative}) < c.signals.min_evaluative_words:
            return _not_report(source, "no_evaluation", "id", result.sentences)
    return result


def _extract_sentences(work: str, c: _Compiled, source: str, on_topic: bool = False) -> Extraction:
    """Read every sentence; ``on_topic``: the text is taken to be about ASN training (no pattern context asked)."""
    sentences = split_sentences(work)
    line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", work)]
    findings: list[ExtractedFinding] = []
    recs: list[ExtractedRecommendation] = []
    indicators: list[ExtractedIndicator] = []
    after_example = False
    proposal_list = False  # inside a list introduced by "Saran kami sebagai berikut:"
    after_proposal = False  # the previous sentence proposed something
    views: list[_SentenceView] = []
    strengths: list[ExtractedStrength] = []
    figures: list[ExtractedFigure] = []
    for sent in sentences:
        if not sent.tokens:
            continue
        section_norms = [t.norm for t in tokenize(sent.section)] if sent.section else []
        in_proposal_section = bool(
            c.proposal_sections and c.proposal_sections.occurrences(section_norms, 0, len(section_norms))
        )
        if sent.kind != "item":
            proposal_list = False
        in_proposal_section = in_proposal_section or proposal_list
        if after_proposal and not in_proposal_section and c.proposal_continuation:
            # "Langkah operasionalnya diawali dengan ...", "Selanjutnya, ..." go on with the proposal before them.
            head_norms = [t.norm for t in sent.tokens]
            lead = _lead(head_norms)
            head_norms = head_norms[: lead + 3]
            head = c.proposal_continuation.occurrences(head_norms, 0, len(head_norms))
            in_proposal_section = any(a <= lead for a, _ in head)
        if (
            sent.kind == "heading"
            and c.proposal_sections
            and c.proposal_sections.occurrences([t.norm for t in sent.tokens], 0, len(sent.tokens))
        ):
            continue  # "Rekomendasi untuk Perbaikan" proposes nothing by itself
        v = _view(sent, c, in_proposal_section, after_example)
        after_example = v.is_example
        if sent.kind != "item" and sent.text.rstrip().endswith(":"):
            proposal_list = bool(v.proposal_clauses) or bool(c.proposal_sections and v.occ(c.proposal_sections))
        elif sent.kind != "item":
            # "Rekomendasi yang diberikan antara lain" followed by numbered items: the items propose.
            proposal_list = bool(v.strong_proposal_clauses) and not v.blocked
        after_proposal = bool(v.strong_proposal_clauses) or (in_proposal_section and sent.kind != "heading")
        views.append(v)
    # Which context words each sentence holds, for patterns that need them nearby.
    context_terms = {id(r.context): r.context for r in c.findings if r.context is not None}
    present = [{key for key, term in context_terms.items() if v.occ(term)} for v in views]
    for k, v in enumerate(views):

        def context_ok(rule: _Rule, k: int = k) -> bool:
            if rule.context is None or on_topic:
                return True
            lo, hi = max(0, k - rule.context_sentences), min(len(views), k + rule.context_sentences + 1)
            return any(id(rule.context) in present[j] for j in range(lo, hi))

        findings.extend(_find_findings(work, v, c, line_starts, context_ok=context_ok))
        if c.strengths:
            strengths.extend(_find_findings(work, v, c, line_starts, kind="strengths"))
        recs.extend(_find_recommendations(work, v, c, line_starts))
        indicators.extend(_find_indicators(work, v, c, line_starts))
        if c.figures:
            figures.extend(_find_indicators(work, v, c, line_starts, kind="figures"))

    return Extraction(
        source=source,
        language="id",
        is_evaluation_report=True,
        sentences=len(sentences),
        findings=findings,
        indicators=indicators,
        recommendations=recs,
        strengths=strengths,
        figures=figures,
        program=read_program(work, c),
    )


def _find_findings(
    text: str,
    v: _SentenceView,
    c: _Compiled,
    line_starts: list[int],
    only: str | None = None,
    context_ok: Callable[[_Rule], bool] | None = None,
    kind: str = "findings",
) -> list[Any]:
    """Findings (or, with ``kind="strengths"``, strengths) stated in one sentence."""
    out: list[Any] = []
    seen: set[str] = set()
    clause_segments = [(a, b) for ci, (a, b) in enumerate(v.sent.clauses) if ci not in v.strong_proposal_clauses]
    whole = [(0, len(v.norms))]
    for rule in c.findings if kind == "findings" else c.strengths:
        if rule.target in seen or (only is not None and rule.id != only):
            continue
        if rule.context is not None and not (context_ok(rule) if context_ok else v.occ(rule.context)):
            continue
        segments = clause_segments if rule.scope == "clause" else whole
        combo = _match_rule(rule, v, segments)
        if combo is None:
            continue
        covered = {i for a, b in combo for i in range(a, b)}
        if covered & v.blocked or _negated(combo, v):
            continue
        if rule.scope == "sentence" and {v.clause_of[i] for i in covered} & v.strong_proposal_clauses:
            continue
        seen.add(rule.target)
        traced = _traced(text, v.sent, combo, line_starts)
        if kind == "strengths":
            out.append(ExtractedStrength(id=rule.target, pattern=rule.id, **traced))
            continue
        out.append(ExtractedFinding(id=rule.target, severity=_severity(rule, combo, v), pattern=rule.id, **traced))
    return out


def _severity(rule: _Rule, combo: list[tuple[int, int]], v: _SentenceView) -> Severity:
    sev: Severity = rule.severity or "medium"  # type: ignore[assignment]
    clauses = {v.clause_of[a] for a, _ in combo}
    if any(v.clause_of[a] in clauses for a, _ in v.high):
        return "high"
    if any(v.clause_of[a] in clauses for a, _ in v.low):
        return "low"
    return sev


def _find_recommendations(
    text: str, v: _SentenceView, c: _Compiled, line_starts: list[int], only: str | None = None
) -> list[ExtractedRecommendation]:
    if not (v.proposal_clauses or v.in_proposal_section) or v.example_lead:
        return []  # "Sebagai contoh, seminar ... diadakan untuk ...": an example proposes nothing
    out: list[ExtractedRecommendation] = []
    seen: set[str] = set()
    n = len(v.norms)
    allowed = set(range(n)) if v.in_proposal_section else {i for i in range(n) if v.clause_of[i] in v.proposal_clauses}
    allowed -= v.blocked
    allowed -= {i for i in range(n) if v.clause_of[i] in v.done_clauses - v.strong_proposal_clauses}
    if not allowed:
        return []
    for rule in c.recommendations:
        if rule.target in seen or (only is not None and rule.id != only):
            continue
        combo = _match_rule(rule, v, _segments(rule, v), require=allowed)
        if combo is None:
            continue
        covered = {i for a, b in combo for i in range(a, b)}
        if covered & v.blocked:
            continue
        if _negated(combo, v):
            continue
        seen.add(rule.target)
        out.append(
            ExtractedRecommendation(id=rule.target, pattern=rule.id, **_traced(text, v.sent, combo, line_starts))
        )
    return out


# A count is no count after these words: "tahun 2021", "angkatan 87", "Nomor 10", "pasal 3".
_NOT_A_COUNT = frozenset(
    {"tahun", "angkatan", "nomor", "no", "pasal", "ayat", "tanggal", "pukul", "pp", "uu", "eselon", "level", "tingkat"}
)


def _scale_ok(kind: str, fig: _Figure, before: str) -> bool:
    """Whether a figure is a plausible value of a measure (figures only; indicators are checked by the pack)."""
    if fig.kind == "number":
        return kind != "figures" or (
            fig.value.is_integer() and 0 < fig.value < 10_000_000 and before not in _NOT_A_COUNT
        )
    if fig.kind == "rupiah":
        return fig.value > 0
    return True


def _find_indicators(
    text: str, v: _SentenceView, c: _Compiled, line_starts: list[int], only: str | None = None, kind: str = "indicators"
) -> list[Any]:
    """Indicators (or, with ``kind="figures"``, the pack's other measured figures) stated in one sentence."""
    rules = c.indicators if kind == "indicators" else c.figures
    if not rules:
        return []
    figures = _figures(v.sent, text)
    if not figures:
        return []
    toks = v.sent.tokens
    out: list[Any] = []
    for fig in figures:
        idx = [i for i, t in enumerate(toks) if t.start < fig.end and t.end > fig.start]
        if not idx or set(idx) & v.blocked:
            continue
        fa, fb = idx[0], idx[-1] + 1
        if not _scale_ok(kind, fig, v.norms[fa - 1] if fa else ""):
            continue

        def distance(o: tuple[int, int], fa: int = fa, fb: int = fb) -> int:
            return min(abs(fa - o[1]), abs(o[0] - fb))

        def nearness(o: tuple[int, int], fa: int = fa) -> int:
            # What a figure measures is mostly said before it: words after it count double.
            return distance(o) if o[1] <= fa else 2 * distance(o) + 1

        # Every rule that fits the figure is a candidate; the one whose words stand
        # nearest to the figure names it ("kehadiran 53% dan kepuasan 81%").
        best: tuple[int, _Rule, list[tuple[int, int]]] | None = None
        for rule in rules:
            if rule.figure != fig.kind or (only is not None and rule.id != only):
                continue
            picks = []
            for term in rule.terms:
                occ = [o for o in v.occ(term) if (o[1] <= fa or o[0] >= fb) and distance(o) <= rule.within]
                if not occ:
                    break
                picks.append(min(occ, key=distance))
            else:
                if rule.unless and any(v.occ(t) for t in rule.unless):
                    continue
                near = min(nearness(o) for o in picks)
                if best is None or near < best[0]:
                    best = (near, rule, picks)
        if best is None:
            continue
        _, rule, picks = best
        combo = [*picks, (fa, fb)]
        model = ExtractedIndicator if kind == "indicators" else ExtractedFigure
        out.append(
            model(
                id=rule.target,
                value=fig.value,
                unit=fig.unit,
                figure=text[fig.start : fig.end],
                pattern=rule.id,
                **_traced(text, v.sent, combo, line_starts, _FIGURE_QUOTE_MAX),
            )
        )
    return out


def _iter_examples(patterns: ExtractionPatterns) -> Iterator[tuple[str, str, str, bool]]:
    """(kind, pattern id, sentence, should match) for every PASS/FAIL example."""
    for kind, items in (
        ("findings", patterns.findings),
        ("recommendations", patterns.recommendations),
        ("strengths", patterns.strengths),
        ("indicators", patterns.indicators),
        ("figures", patterns.figures),
    ):
        for rule in items:
            for s in rule.examples.match:
                yield kind, rule.id, s, True
            for s in rule.examples.no_match:
                yield kind, rule.id, s, False


def check_examples(patterns: ExtractionPatterns) -> list[str]:
    """Run every pattern's PASS/FAIL examples; return one message per failure.

    An example is wrapped in a minimal report context so that the report
    signals (language, topic) do not hide what the pattern does.
    """
    problems = []
    c = patterns.compiled()
    for kind, pid, sentence, should in _iter_examples(patterns):
        got = example_matches(c, kind, pid, sentence)
        if got != should:
            want = "match" if should else "not match"
            problems.append(f"{kind} pattern {pid!r} should {want}: {sentence!r}")
    return problems


def example_matches(c: _Compiled, kind: str, pid: str, sentence: str) -> bool:
    """Whether pattern ``pid`` fires on ``sentence`` (alone, under no heading)."""
    work = _SURROGATE_RE.sub("\ufffd", sentence)
    hits = 0
    for sent in split_sentences(work):
        if not sent.tokens:
            continue
        section_norms = [t.norm for t in tokenize(sent.section)] if sent.section else []
        in_section = bool(c.proposal_sections and c.proposal_sections.occurrences(section_norms, 0, len(section_norms)))
        v = _view(sent, c, in_section)
        line_starts = [0]
        if kind == "findings":
            # An example stands for a passage on training: a pattern's context is not asked of it.
            found: Sequence[_Traced] = _find_findings(work, v, c, line_starts, only=pid, context_ok=lambda r: True)
        elif kind == "strengths":
            found = _find_findings(work, v, c, line_starts, only=pid, kind="strengths")
        elif kind == "recommendations":
            found = _find_recommendations(work, v, c, line_starts, only=pid)
        elif kind == "figures":
            found = _find_indicators(work, v, c, line_starts, only=pid, kind="figures")
        else:
            found = _find_indicators(work, v, c, line_starts, only=pid)
        hits += sum(1 for f in found if f.pattern == pid)
    return hits > 0
