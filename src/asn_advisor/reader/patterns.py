"""The pattern file's models: word groups, cues, signals, finding/proposal/strength/figure patterns."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

from asn_advisor.errors import InputError, RulePackError
from asn_advisor.i18n import Message

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
    # Words that hold a hypothetical cue but report a fact: "ketika ditanya" (a survey's question),
    # "kalaupun" (a concession: the main clause is asserted).
    not_hypothetical: str = ""
    example: str
    example_continuation: str = ""
    illustration: str = ""
    implemented: str = ""
    # Explicit past markers (telah, sudah, pernah): a measure taken even under a proposal heading or after
    # a plan cue, where a bare passive ("dilaksanakan") reads as the step proposed.
    implemented_past: str = ""
    # Purpose words: a past marker after one of them in its clause names when the aim starts, not a measure
    # taken ("agar jadwal bisa dibuka sejak triwulan pertama").
    purpose: str = ""
    proposal_continuation: str = ""
    question_is_hypothetical: bool = True
    proposal: str
    weak_proposal: str = ""
    proposal_blockers: str = ""
    # Phrases that hold a proposal cue but state a fact: a speaker's own necessity ("saya harus naik ...
    # supaya dapat sinyal") or a need still unmet ("masih memerlukan dukungan").
    not_proposal: str = ""
    proposal_sections: str = ""
    severity_high: str = ""
    severity_low: str = ""


class Signals(_Strict):
    indonesian: str
    english: str
    topic: str
    evaluative: str
    civil_service: str = ""
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
            raise ValueError(
                Message("pattern id {id} must be kebab-case (lowercase words joined by '-')", id=repr(value))
            )
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
            raise ValueError(
                Message("strength {value} must be snake_case (lowercase letters, digits and '_')", value=repr(value))
            )
        return value


class IndicatorPattern(_PatternBase):
    indicator: str
    # rating: a value on a named scale ("4,41 dari skala 5"); whole: "seluruh peserta", read as 100 percent.
    figure: Literal["percent", "rupiah", "jp", "number", "rating", "whole"]
    within: int = Field(default=8, ge=1, le=60)
    # The smallest value this pattern reads: a bare rating of 3,27 is on a scale the text does not name.
    at_least: float | None = None


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
            raise ValueError(
                Message("measure {value} must be snake_case (lowercase letters, digits and '_')", value=repr(value))
            )
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
    # The compiled matchers (reader.compiler.compiled), cached with the patterns.
    _compiled: Any = PrivateAttr(default=None)

    @field_validator("groups")
    @classmethod
    def _group_names(cls, value: dict[str, str]) -> dict[str, str]:
        for name in value:
            if not _SNAKE_RE.match(name):
                raise ValueError(
                    Message("group name {name} must be lowercase letters, digits and '_'", name=repr(name))
                )
        return value
