"""Matching compiled patterns against one sentence: clauses, negation, moods, context."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from asn_advisor.reader.compiler import _Compiled, _Cue, _Rule, _Term, _TermIndex
from asn_advisor.reader.sentences import Sentence

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
    # relative[i]: how many of the tokens before i lie in a relative clause ("yang diberikan pemerintah pusat")
    relative: list[int] | None = None

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

    def vetoed(self, terms: Sequence[_Term], lo: int = 0, hi: int | None = None) -> bool:
        """Whether one of ``terms`` (a pattern's ``unless``) occurs in tokens ``lo:hi``.

        Unlike :meth:`occ`, every word counts: the words of "tidak hanya", "bukan sekadar" are no
        negation, but a pattern may still name them as a veto ("bukan sekadar formalitas").
        """
        if not self.ignored:
            return any(self.occ(t, lo, hi) for t in terms)
        hi = len(self.norms) if hi is None else hi
        if self.scanned is None:
            self.scanned = self.index.scan(self.norms) if self.index else {}
        for t in terms:
            raw = self.scanned.get(id(t))
            if raw is None and (self.index is None or id(t) not in self.index.keys):
                raw = t.occurrences(self.norms, 0, len(self.norms))
            if not raw:
                continue
            if any(a >= lo and b <= hi for a, b in raw):
                return True
        return False


_LEADING = frozenset({"namun", "tetapi", "akan", "dan", "oleh", "karena", "itu", "selain", "lalu", "maka"})


def _lead(norms: Sequence[str]) -> int:
    """Index of the first word after leading connectors ("Namun", "Oleh karena itu", ...)."""
    lead = 0
    while lead < len(norms) and norms[lead] in _LEADING:
        lead += 1
    return lead


def _view(sent: Sentence, c: _Compiled, proposal_section: bool, after_example: bool = False) -> _SentenceView:
    """Everything the rules of one sentence ask about it, worked out once.

    The steps go in this order because each reads what the one before it
    set: the ignored words before any occurrence is cached, the blocked
    tokens before the proposals, the proposals before the measures taken.
    """
    norms = [t.norm for t in sent.tokens]
    clause_of = _clause_of(sent)
    v = _SentenceView(
        sent=sent,
        norms=norms,
        clause_of=clause_of,
        relative=_relative_clauses(norms, clause_of),
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
    _block_examples_and_hypotheticals(v, c, lead, after_example)
    _mark_proposals(v, c, lead)
    if c.implemented:
        _mark_measures_taken(v, c, c.implemented)
    v.negation_hits = _negation_hits(v, c.negation)
    v.negation_after_hits = _negation_hits(v, c.negation_after)
    v.high = v.occ(c.severity_high) if c.severity_high else []
    v.low = v.occ(c.severity_low) if c.severity_low else []
    return v


def _clause_of(sent: Sentence) -> list[int]:
    """The clause of every token: rules and negation look up a token's clause many times per sentence."""
    clause_of = [0] * len(sent.tokens)
    for ci, (a, b) in enumerate(sent.clauses):
        for i in range(a, b):
            clause_of[i] = ci
    return clause_of


def _block_examples_and_hypotheticals(v: _SentenceView, c: _Compiled, lead: int, after_example: bool) -> None:
    """Block the tokens of examples, hypotheticals and questions: they state no real finding.

    "Misalnya, banyak peserta mengeluhkan ..." reports a real complaint; with an
    illustration cue (or, without that cue list, always) the sentence is an
    illustration.  A sentence after an example may go on with the anecdote.
    """
    n = len(v.norms)
    v.example_lead = any(a <= lead for a, _ in v.occ(c.example))
    if v.example_lead and (c.illustration is None or v.occ(c.illustration) or v.occ(c.hypothetical)):
        v.blocked = set(range(n))
        v.is_example = True
    elif after_example and c.example_continuation and any(a <= lead for a, _ in v.occ(c.example_continuation)):
        v.blocked = set(range(n))  # "Hal ini membuatnya ..." goes on with the anecdote
        v.is_example = True
    else:
        _block_hypotheticals(v, c, lead)
    if c.question_is_hypothetical and v.sent.text.rstrip().rstrip("\"”’'").endswith("?"):
        v.blocked = set(range(n))


def _block_hypotheticals(v: _SentenceView, c: _Compiled, lead: int) -> None:
    """Block from a conditional to the end of the sentence (the whole of it when the conditional leads).

    "Ketika ditanya ..." (a survey's question) and "Kalaupun ..." (a
    concession) hold a conditional's word but report a fact (`not_hypothetical`).

    "Alangkah baiknya jika ...", "Sebaiknya apabila ...": a conditional right
    after a proposal cue states what is proposed, not a hypothetical.
    """
    n = len(v.norms)
    proposal_ends = {b for _a, b in v.occ(c.proposal)}
    factual = {i for a, b in v.occ(c.not_hypothetical) for i in range(a, b)} if c.not_hypothetical else set()
    for a, _b in v.occ(c.hypothetical):
        if a in proposal_ends or a in factual:
            continue
        if a <= lead + 1:
            v.blocked = set(range(n))
            break
        v.blocked |= set(range(a, n))


def _mark_proposals(v: _SentenceView, c: _Compiled, lead: int) -> None:
    """The clauses that propose: strong cues ("perlu", "disarankan") and weak ones together.

    Only a strong cue's proposal reaches past a colon into the list it
    introduces; both reach through brackets.
    """
    blockers = v.occ(c.proposal_blockers) if c.proposal_blockers else []
    if c.not_proposal:
        # "saya harus naik ...", "masih memerlukan dukungan": the cue inside states a fact.
        factual = {i for a, b in v.occ(c.not_proposal) for i in range(a, b)}
        blockers = blockers + [(i, i) for i in factual]
    strong = _proposing_clauses(v, c.proposal, lead, blockers)
    v.strong_proposal_clauses = _through_colon(v, _through_brackets(v.sent, strong))
    weak = _proposing_clauses(v, c.weak_proposal, lead, blockers)
    v.proposal_clauses = v.strong_proposal_clauses | _through_brackets(v.sent, weak)


def _proposing_clauses(v: _SentenceView, term: _Term | None, lead: int, blockers: list[tuple[int, int]]) -> set[int]:
    """The clauses holding a cue of ``term``: all of them when the cue leads the sentence.

    "Perlu ...", "Jangan ..." govern the whole sentence; a cue right after a
    blocker ("tantangan yang perlu diatasi", "tidak perlu") proposes nothing.
    """
    out: set[int] = set()
    if term is None:
        return out
    for a, _b in v.occ(term):
        if any(b2 == a for _a2, b2 in blockers):
            continue
        if a <= lead:
            return set(range(len(v.sent.clauses)))
        out.add(v.clause_of[a])
    return out


def _through_brackets(sent: Sentence, clauses: set[int]) -> set[int]:
    """Extend proposing clauses over the clauses a parenthesis split off.

    "meminta BKD ... perangkat daerah (OPD) untuk ..., agar ...": a
    parenthesis ends no proposal.
    """
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


def _through_colon(v: _SentenceView, clauses: set[int]) -> set[int]:
    """Extend proposing clauses over what follows the colon of one of them.

    "disarankan: (1) peningkatan anggaran; (2) penambahan widyaiswara": what
    follows the colon of a proposing clause is the list of what it proposes.
    """
    sent, n = v.sent, len(v.norms)
    for ci in sorted(clauses):
        b = sent.clauses[ci][1]
        if b < n and ":" in sent.text[sent.tokens[b - 1].end - sent.start : sent.tokens[b].start - sent.start]:
            return clauses | set(range(ci + 1, len(sent.clauses)))
    return clauses


def _mark_measures_taken(v: _SentenceView, c: _Compiled, implemented: _Term) -> None:
    """The clauses that report a measure taken; they propose nothing unless a strong cue says so.

    "BKPSDM telah meluncurkan program mentoring": a measure taken, not
    proposed.  A bare passive ("dilaksanakan") after a plan or proposal cue of
    its clause ("akan dilaksanakan", "direncanakan pelatihan dilaksanakan"),
    or under a proposal heading, is the step proposed; explicit past markers
    ("telah", "sudah", "pernah") always report a measure taken.
    """
    clause_of = v.clause_of
    past = v.occ(c.implemented_past) if c.implemented_past else []
    if c.purpose and past:
        # "agar jadwal bisa dibuka sejak triwulan pertama": the start of the aim, not a measure taken.
        aims = [a for a, _b in v.occ(c.purpose)]
        past = [(a, b) for a, b in past if not any(p < a and clause_of[p] == clause_of[a] for p in aims)]
    cue_starts = [a for term in (c.proposal, c.weak_proposal) if term for a, _ in v.occ(term)]

    def taken(a: int, b: int) -> bool:
        if any(pa < b and a < pb for pa, pb in past):
            return True
        if v.in_proposal_section:
            return False
        return not any(p < a and clause_of[p] == clause_of[a] for p in cue_starts)

    done = {clause_of[a] for a, b in v.occ(implemented) if taken(a, b)} | {clause_of[a] for a, _ in past}
    v.done_clauses = done
    v.proposal_clauses -= done - v.strong_proposal_clauses


def _negation_hits(v: _SentenceView, cues: tuple[_Cue, ...]) -> list[tuple[int, int, int | None]]:
    """Every occurrence of a negation cue with the cue's reach, which :func:`_negated` needs per hit."""
    return [(a, b, cue.reach) for cue in cues for a, b in v.occ(cue.term)]


# Words that open the predicate after a subject: a relative clause ("yang ...") ends before them.
_PREDICATE_OPENERS = frozenset(
    {
        "masih", "sangat", "belum", "tidak", "kurang", "sudah", "telah", "menjadi", "adalah", "merupakan",
        "cukup", "terlalu", "amat", "relatif", "cenderung", "sering", "kerap", "selalu", "hanya",
        "dinilai", "dianggap", "tergolong", "terbilang",
    }
)  # fmt: skip
_LONGEST_RELATIVE = 6


def _relative_clauses(norms: list[str], clause_of: list[int]) -> list[int]:
    """Prefix counts of the tokens in relative clauses that extend a subject before its predicate.

    "Kuota pelatihan [yang diberikan pemerintah pusat] sangat terbatas": the
    bracketed words stand between a subject and what is said of it, so they
    do not count towards a pattern's ``within``.  A "yang" clause counts only
    when a word that opens the predicate follows within six words, in the
    same clause; otherwise it may be the predicate itself ("kuota yang terbatas").
    """
    inside = [False] * len(norms)
    for i, word in enumerate(norms):
        if word != "yang":
            continue
        for j in range(i + 1, min(len(norms), i + 1 + _LONGEST_RELATIVE)):
            if clause_of[j] != clause_of[i]:
                break
            if norms[j] in _PREDICATE_OPENERS:
                for k in range(i, j):
                    inside[k] = True
                break
    prefix = [0]
    for flag in inside:
        prefix.append(prefix[-1] + flag)
    return prefix


def _best_combination(
    occ: list[list[tuple[int, int]]],
    within: int,
    order: bool,
    require: set[int] | None = None,
    relative: list[int] | None = None,
) -> list[tuple[int, int]] | None:
    """The narrowest choice of one occurrence per word-group (None if none fits).

    ``require``: at least one chosen occurrence must touch one of these tokens.
    ``relative``: prefix counts of relative-clause tokens, which do not add to the width between groups.
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
        start, end = spans[0][0], max(e for _, e in combo)
        width = end - start
        if relative is not None and width > within:
            width -= relative[end] - relative[start] - sum(relative[b] - relative[a] for a, b in combo)
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
            combo = _best_combination(occ, rule.within, rule.order, require, v.relative)
            if combo is None:
                continue
            if rule.unless and v.vetoed(rule.unless, lo, hi):
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
