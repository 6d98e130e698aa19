"""Pattern notation compiled into matchers, with every problem located in the pattern file."""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from asn_advisor._base import Document
from asn_advisor.errors import Location, Problem
from asn_advisor.i18n import Message
from asn_advisor.reader.patterns import ExtractionPatterns, NegationCue, PatternFileError, Signals, _PatternBase
from asn_advisor.reader.sentences import full_forms, light_forms, root

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
    at_least: float | None = None
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
    not_hypothetical: _Term | None
    example: _Term
    example_continuation: _Term | None
    illustration: _Term | None
    implemented: _Term | None
    implemented_past: _Term | None
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
    civil_service: _Term | None
    signals: Signals
    findings: tuple[_Rule, ...]
    recommendations: tuple[_Rule, ...]
    strengths: tuple[_Rule, ...]
    figures: tuple[_Rule, ...]
    indicators: tuple[_Rule, ...]
    index: _TermIndex
    not_proposal: _Term | None = None
    purpose: _Term | None = None


def compile_patterns(
    patterns: ExtractionPatterns, doc: Document | None = None, prefix: tuple[Any, ...] = ("extract",)
) -> list[Problem]:
    """Compile the word notation of ``patterns``; return every problem found.

    When there is no problem the compiled form is kept on ``patterns``.
    ``doc`` (the YAML document the patterns came from) and ``prefix`` (where
    the ``extract:`` mapping sits in it) turn problems into file:line:column,
    with the column of the very word that is wrong.
    """
    compiler = _PatternCompiler(patterns, doc, prefix)
    built = compiler.build()
    if not compiler.problems:
        patterns._compiled = built
    return compiler.problems


class _PatternCompiler:
    """One compilation of a pattern file.

    The parts share the list of problems (every problem is reported, not just
    the first), the place of the patterns in their YAML document, and the term
    compiler whose terms, in the order they were made, become the index.
    """

    def __init__(self, patterns: ExtractionPatterns, doc: Document | None, prefix: tuple[Any, ...]) -> None:
        self.patterns = patterns
        self.doc = doc
        self.prefix = prefix
        self.file = doc.file if doc is not None else "<patterns>"
        self.problems: list[Problem] = []
        self.tc = _TermCompiler(dict(patterns.groups))

    def build(self) -> _Compiled:
        """The compiled patterns (incomplete when there are problems).

        The order in which terms are compiled is the order problems are
        reported in and the order of the index: keep it.
        """
        c = self.patterns.cues
        sig = self.patterns.signals
        required = {
            "hypothetical": self.term(c.hypothetical, "cues", "hypothetical"),
            "example": self.term(c.example, "cues", "example"),
            "proposal": self.term(c.proposal, "cues", "proposal"),
            "topic": self.term(sig.topic, "signals", "topic"),
            "evaluative": self.term(sig.evaluative, "signals", "evaluative"),
        }
        rules = {
            "findings": self.rules(self.patterns.findings, "findings", "finding"),
            "recommendations": self.rules(self.patterns.recommendations, "recommendations", "recommendation"),
            "strengths": self.rules(self.patterns.strengths, "strengths", "strength"),
            "figures": self.rules(self.patterns.figures, "figures", "measure"),
            "indicators": self.rules(self.patterns.indicators, "indicators", "indicator"),
        }
        return _Compiled(
            negation=self.cues(c.negation, "negation"),
            negation_after=self.cues(c.negation_after, "negation_after"),
            not_negation=self.optional_cue(c.not_negation, "not_negation"),
            hypothetical=required["hypothetical"],  # type: ignore[arg-type]
            not_hypothetical=self.optional_cue(c.not_hypothetical, "not_hypothetical"),
            example=required["example"],  # type: ignore[arg-type]
            example_continuation=self.optional_cue(c.example_continuation, "example_continuation"),
            illustration=self.optional_cue(c.illustration, "illustration"),
            implemented=self.optional_cue(c.implemented, "implemented"),
            implemented_past=self.optional_cue(c.implemented_past, "implemented_past"),
            proposal_continuation=self.optional_cue(c.proposal_continuation, "proposal_continuation"),
            question_is_hypothetical=c.question_is_hypothetical,
            proposal=required["proposal"],  # type: ignore[arg-type]
            weak_proposal=self.optional_cue(c.weak_proposal, "weak_proposal"),
            proposal_blockers=self.optional_cue(c.proposal_blockers, "proposal_blockers"),
            not_proposal=self.optional_cue(c.not_proposal, "not_proposal"),
            purpose=self.optional_cue(c.purpose, "purpose"),
            proposal_sections=self.optional_cue(c.proposal_sections, "proposal_sections"),
            severity_high=self.optional_cue(c.severity_high, "severity_high"),
            severity_low=self.optional_cue(c.severity_low, "severity_low"),
            indonesian=frozenset(w.lower() for w in sig.indonesian.split()),
            english=frozenset(w.lower() for w in sig.english.split()),
            topic=required["topic"],  # type: ignore[arg-type]
            evaluative=required["evaluative"],  # type: ignore[arg-type]
            civil_service=self.term(sig.civil_service, "signals", "civil_service")
            if sig.civil_service.strip()
            else None,
            signals=sig,
            findings=rules["findings"],
            recommendations=rules["recommendations"],
            strengths=rules["strengths"],
            figures=rules["figures"],
            indicators=rules["indicators"],
            index=_TermIndex(self.tc.made),
        )

    def locate(self, path: tuple[Any, ...], offset: int = 0) -> Location:
        """Where ``path`` (inside the ``extract:`` mapping) is: the file alone for patterns built in code."""
        if self.doc is None:
            return Location(self.file)
        return self.doc.expression_location((*self.prefix, *path), offset)

    def term(self, text: str, *path: Any) -> _Term | None:
        """The compiled term, or None after recording its problem, so that compiling goes on."""
        try:
            return self.tc.term(text, path)
        except _TermProblem as exc:
            self.problems.append(Problem(self.locate(exc.path, exc.offset), exc.message, code="E140", hint=exc.hint))
            return None

    def optional_cue(self, text: str, key: str) -> _Term | None:
        """An optional cue list left empty is no cue at all (None), not a term matching nothing."""
        return self.term(text, "cues", key) if text.strip() else None

    def cues(self, items: list[NegationCue], key: str) -> tuple[_Cue, ...]:
        """Negation cues with their reach; a cue whose words cannot be read is left out."""
        out = []
        for i, c in enumerate(items):
            t = self.term(c.words, "cues", key, i, "words")
            if t is not None:
                out.append(_Cue(t, None if c.reach == "clause" else c.reach))
        return tuple(out)

    def rules(self, items: Sequence[_PatternBase], key: str, target_attr: str) -> tuple[_Rule, ...]:
        """The patterns of one section; a duplicate id or an unreadable term drops the pattern, with a problem."""
        seen: dict[str, int] = {}
        out = []
        for i, r in enumerate(items):
            if r.id in seen:
                self.problems.append(self._duplicate(key, i, seen[r.id], r.id))
                continue
            seen[r.id] = i
            rule = self.rule(r, key, i, target_attr)
            if rule is not None:
                out.append(rule)
        return tuple(out)

    def _duplicate(self, key: str, index: int, first: int, pattern_id: str) -> Problem:
        """Ids name patterns in messages and examples, so a second use is an error, located at both."""
        return Problem(
            self.locate((key, index, "id")),
            Message(
                "pattern id {id} is used twice (first at {where})",
                id=repr(pattern_id),
                where=self.locate((key, first, "id")),
            ),
            code="E141",
            hint=Message("every pattern needs its own id"),
        )

    def rule(self, r: _PatternBase, key: str, i: int, target_attr: str) -> _Rule | None:
        """One pattern; every term is compiled (to report all problems) before a bad one drops it.

        The sections differ in a few optional fields (scope, severity,
        figure, context), read with defaults so one function serves them all.
        """
        terms = [self.term(t, key, i, "all", j) for j, t in enumerate(r.all)]
        unless = [self.term(t, key, i, "unless", j) for j, t in enumerate(r.unless)]
        context_text = getattr(r, "context", None)
        context = self.term(context_text, key, i, "context") if context_text else None
        if any(t is None for t in (*terms, *unless)) or (context_text and context is None):
            return None
        return _Rule(
            id=r.id,
            target=getattr(r, target_attr),
            terms=tuple(t for t in terms if t is not None),
            unless=tuple(t for t in unless if t is not None),
            within=r.within,
            order=r.order,
            scope=getattr(r, "scope", "sentence"),
            severity=getattr(r, "severity", None),
            figure=getattr(r, "figure", None),
            at_least=getattr(r, "at_least", None),
            context=context,
            context_sentences=getattr(r, "context_sentences", 0),
        )


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
                    Message(
                        "unknown {kind} id {id} in pattern {pattern}", kind=attr, id=repr(target), pattern=repr(rule.id)
                    ),
                    code="E142",
                    hint=Message("did you mean {suggestion}?", suggestion=repr(close[0]))
                    if close
                    else Message("{kind} are defined under {section}: in the pack", kind=key, section=key),
                )
            )
    return problems


def compiled(patterns: ExtractionPatterns) -> _Compiled:
    """The patterns compiled for matching (cached on the patterns).

    Raises:
        PatternFileError: a word-group cannot be read (patterns built in
            code; loaded packs report this when they are loaded).
    """
    if patterns._compiled is None:
        problems = compile_patterns(patterns)
        if problems:
            raise PatternFileError("the extraction patterns have errors", problems=problems)
    result: _Compiled = patterns._compiled
    return result
