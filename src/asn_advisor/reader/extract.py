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

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from asn_advisor._base import Limits, load_file, read_text, validation_problems
from asn_advisor.errors import InputError, Location
from asn_advisor.reader.compiler import _Compiled, _Rule, check_targets, compile_patterns, compiled
from asn_advisor.reader.figures import read_program
from asn_advisor.reader.indicators import find_indicators
from asn_advisor.reader.matching import (
    _JUNK_CATEGORIES,
    _SURROGATE_RE,
    _lead,
    _match_rule,
    _negated,
    _segments,
    _SentenceView,
    _traced,
    _view,
)
from asn_advisor.reader.patterns import ExtractionError, ExtractionPatterns, PatternFileError, Severity
from asn_advisor.reader.results import (
    ExtractedFigure,
    ExtractedFinding,
    ExtractedIndicator,
    ExtractedRecommendation,
    ExtractedStrength,
    Extraction,
    LocalText,
    _Traced,
)
from asn_advisor.reader.sentences import Sentence, dictionary_words, light_forms, split_sentences, tokenize

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
    "not_civil_service": LocalText(
        id="Teks ini membahas pelatihan, tetapi tidak menyebut ASN, pegawai, atau instansi pemerintah "
        "yang menyelenggarakannya (misalnya pelatihan wasit, guru sekolah swasta, atau karyawan perusahaan).",
        en="The text is about training, but names no civil servants, staff or government office running it "
        "(referees, private-school teachers or company staff, for example).",
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
    c = compiled(patterns)
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
    if id_hits / len(words) < c.signals.min_indonesian_share and not _mostly_dictionary_words(words):
        return _not_report(source, "language", "unknown", 0)
    topic = c.topic.occurrences(norms, 0, len(norms))
    topic_words = {norms[a] for a, _ in topic}
    # A news lead of one or two sentences names its subject once or twice.
    needed = min(c.signals.min_topic_words, max(2, len(words) // 10))
    if len(topic) < needed or len(topic_words) < 2:
        return _not_report(source, "topic", "id", 0)
    if not _names_civil_service(c, norms):
        return _not_report(source, "not_civil_service", "id", 0)

    result = _extract_sentences(work, c, source)
    if not (result.findings or result.recommendations or result.indicators):
        evaluative = c.evaluative.occurrences(norms, 0, len(norms))
        if len({norms[a] for a, _ in evaluative}) < c.signals.min_evaluative_words:
            return _not_report(source, "no_evaluation", "id", result.sentences)
    return result


def _names_civil_service(c: _Compiled, norms: list[str]) -> bool:
    """Training words alone do not make a text about the civil service: a referees' course
    or teachers' certification share them.  The text must name the service or its offices."""
    return c.civil_service is None or bool(c.civil_service.occurrences(norms, 0, len(norms)))


def _mostly_dictionary_words(words: list[str]) -> bool:
    """Telegraphic Indonesian (headlines, news leads) has few function words: most of its words,
    or a form of them without affixes, are in the Indonesian dictionary instead."""
    dictionary = dictionary_words()
    sample = words[:400]
    known = sum(1 for w in sample if w in dictionary or not light_forms(w).isdisjoint(dictionary))
    return known >= 0.5 * len(sample)


def _sentence_views(work: str, c: _Compiled) -> tuple[list[Sentence], list[_SentenceView]]:
    """Every sentence of ``work`` and, for each one with words, how it reads (mood, clauses, negation)."""
    sentences = split_sentences(work)
    after_example = False
    proposal_list = False  # inside a list introduced by "Saran kami sebagai berikut:"
    after_proposal = False  # the previous sentence proposed something
    views: list[_SentenceView] = []
    for sent in sentences:
        if not sent.tokens:
            continue
        section_norms = [t.norm for t in tokenize(sent.section)] if sent.section else []
        in_proposal_section = bool(
            c.proposal_sections and c.proposal_sections.occurrences(section_norms, 0, len(section_norms))
        ) and not (c.implemented_past and c.implemented_past.occurrences(section_norms, 0, len(section_norms)))
        # "Upaya yang Telah Dilakukan" heads measures taken, not proposals.
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
            # "Langkah-langkah yang telah dilaksanakan:" lists measures taken, not proposals.
            taken = bool(v.done_clauses - v.strong_proposal_clauses)
            proposal_list = not taken and (
                bool(v.proposal_clauses) or bool(c.proposal_sections and v.occ(c.proposal_sections))
            )
        elif sent.kind != "item":
            # "Rekomendasi yang diberikan antara lain" followed by numbered items: the items propose.
            proposal_list = bool(v.strong_proposal_clauses) and not v.blocked
        after_proposal = bool(v.strong_proposal_clauses) or (in_proposal_section and sent.kind != "heading")
        views.append(v)
    return sentences, views


def _extract_sentences(work: str, c: _Compiled, source: str, on_topic: bool = False) -> Extraction:
    """Read every sentence; ``on_topic``: the text is taken to be about ASN training (no pattern context asked)."""
    sentences, views = _sentence_views(work, c)
    line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", work)]
    findings: list[ExtractedFinding] = []
    recs: list[ExtractedRecommendation] = []
    indicators: list[ExtractedIndicator] = []
    strengths: list[ExtractedStrength] = []
    figures: list[ExtractedFigure] = []
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
        indicators.extend(find_indicators(work, v, c, line_starts))
        if c.figures:
            figures.extend(find_indicators(work, v, c, line_starts, kind="figures"))

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
    c = compiled(patterns)
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
            found = find_indicators(work, v, c, line_starts, only=pid, kind="figures")
        else:
            found = find_indicators(work, v, c, line_starts, only=pid)
        hits += sum(1 for f in found if f.pattern == pid)
    return hits > 0
