"""Program profiles: what was measured and what the evaluation found.

A profile is one YAML or JSON document with ``program``, ``indicators`` and
``findings`` (see ``examples/profiles/``).  Its structure is checked by
:func:`load_profile`; its indicators are checked against a rule pack by
:func:`normalize_indicators`, which turns ratings into 0..100 scores.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator, model_validator

from asn_advisor._base import Document, Limits, load_document, read_text, unknown_id_hint, validation_problems
from asn_advisor.errors import MAX_PROBLEMS, Location, Problem, ProfileError
from asn_advisor.i18n import Message

__all__ = [
    "EvidenceSource",
    "Profile",
    "Program",
    "Rating",
    "StatedFinding",
    "StatedProposal",
    "StatedStrength",
    "load_profile",
    "normalize_indicators",
    "profile_from_data",
]

Severity = Literal["low", "medium", "high"]
EvidenceSource = Literal["survey", "interview", "observation", "performance_data", "document"]


class Program(BaseModel):
    """Who and what was evaluated; fields beyond these are kept as given."""

    model_config = ConfigDict(extra="allow", allow_inf_nan=False)

    id: str = Field(min_length=1, max_length=200)
    name: str | None = None
    region: str | None = None
    type: str | None = None
    period: str | None = None

    @field_validator("id", "name", "region", "type", "period", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        return value

    @model_validator(mode="after")
    def _finite_extras(self) -> Program:
        # Extra fields are kept as given and copied into the advice; a NaN or
        # an infinity there would serialize to JSON null and the advice would
        # no longer load back as it was.  allow_inf_nan covers declared
        # fields only, so the extras are walked here.
        for key, value in (self.model_extra or {}).items():
            if not _all_finite(value):
                raise ValueError(
                    Message(
                        "program field {key} holds NaN or an infinite number; write a finite number or leave it out",
                        key=repr(key),
                    )
                )
        return self


def _all_finite(value: Any) -> bool:
    """True unless ``value`` holds, at any depth, a float that is NaN or infinite."""
    stack = [value]
    while stack:  # iterative: the loader bounds depth, but this need not rely on it
        item = stack.pop()
        if isinstance(item, float) and not math.isfinite(item):
            return False
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return True


class StatedFinding(BaseModel):
    """A finding the evaluation states, with its evidence."""

    model_config = ConfigDict(extra="forbid")

    id: str
    severity: Severity | None = None
    source: EvidenceSource | None = None
    evidence: list[str] = Field(default_factory=list)

    @field_validator("evidence", mode="before", json_schema_input_type=str | list[str] | None)
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        if value is None:
            return []
        return [value] if isinstance(value, str) else value


class StatedProposal(BaseModel):
    """A remedy the evaluation itself proposes (read by ``extract`` or written by hand)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=200)
    text: str | None = Field(default=None, description="the sentence that proposes it")
    source: str | None = None


class StatedStrength(BaseModel):
    """Something the evaluation says already works."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1)
    source: str | None = None


class Rating(BaseModel):
    """A rating given on a named scale, such as ``{value: 3.2, scale: "1-4"}``."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    value: float
    scale: str


class Profile(BaseModel):
    """One program's evaluation profile."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    program: Program
    indicators: dict[str, Any] = Field(default_factory=dict)
    findings: list[StatedFinding] = Field(default_factory=list)
    proposals: list[StatedProposal] = Field(
        default_factory=list, description="remedies the evaluation itself proposes; evidence for the ranking"
    )
    strengths: list[StatedStrength] = Field(default_factory=list, description="what the evaluation says works")

    _document: Document | None = PrivateAttr(default=None)

    @field_validator("indicators", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return {} if value is None else value

    @field_validator("findings", "proposals", "strengths", mode="before")
    @classmethod
    def _none_is_empty_list(cls, value: Any) -> Any:
        return [] if value is None else value

    def locate(self, path: tuple[Any, ...], *, key: bool = False) -> Location:
        if self._document is not None:
            return self._document.locate(path, key=key)
        return Location(f"<profile {self.program.id}>")


_TOP_KEYS = ("program", "indicators", "findings", "proposals", "strengths")


def _problems_from_validation(exc: ValidationError, doc: Document) -> list[Problem]:
    return validation_problems(exc, Profile, doc)


def profile_from_data(data: Any, doc: Document) -> Profile:
    """Validate already-parsed data; raise :class:`ProfileError` with every problem."""
    problems = list(doc.problems)
    if data is None:
        raise ProfileError(
            Message("the profile is empty"),
            location=Location(doc.file, 1, 1),
            hint=Message("a profile needs program:, indicators: and findings:"),
        )
    if not isinstance(data, dict):
        raise ProfileError(
            Message("a profile must be a mapping with program, indicators and findings"), location=doc.locate(())
        )
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        problems.extend(_problems_from_validation(exc, doc))
        profile = None
    if problems or profile is None:
        raise ProfileError(
            Message("the profile has {count} error(s)", count=len(problems)),
            location=Location(doc.file),
            problems=problems,
        )
    profile._document = doc
    return profile


def load_profile(
    source: str | os.PathLike[str] | IO[bytes],
    *,
    rules: Any = None,
    limits: Limits | None = None,
    name: str | None = None,
) -> Profile:
    """Read a YAML or JSON profile (``-`` reads standard input).

    Args:
        source: a path, ``-``, or a binary stream.
        rules: a :class:`~asn_advisor.pack.RulePack`; when given, the
            indicators and finding ids are checked against it as well.
        limits: bounds on the file's size and structure.

    Raises:
        ProfileError: listing every problem, each with its location.
        InputError: the file cannot be read safely.
    """
    text, display = read_text(source if not isinstance(source, os.PathLike) else Path(source), limits=limits, name=name)
    json_mode = display.endswith(".json") or (display in ("<stdin>",) and text.lstrip().startswith("{"))
    doc = load_document(text, display, limits=limits, json_mode=json_mode)
    profile = profile_from_data(doc.data, doc)
    if rules is not None:
        normalize_indicators(profile, rules)
        check_findings(profile, rules)
    return profile


def _show(value: Any, length: int = 60) -> str:
    """``repr`` of a value quoted in a message, shortened: a value may be megabytes long."""
    text = repr(value)
    return text if len(text) <= length else text[: length - 3] + "..."


def _too_many(problems: list[Problem]) -> bool:
    """True once enough problems are gathered: each may cost a did-you-mean search."""
    return len(problems) >= MAX_PROBLEMS


def _profile_error(problems: list[Problem], location: Location, truncated: bool) -> ProfileError:
    if truncated:
        message = Message(
            "the profile has more than {limit} errors; checking stopped after the first {count}",
            limit=MAX_PROBLEMS,
            count=MAX_PROBLEMS,
        )
    else:
        message = Message("the profile has {count} error(s)", count=len(problems))
    return ProfileError(message, location=location, problems=problems)


def check_findings(profile: Profile, rules: Any) -> None:
    """Raise :class:`ProfileError` for stated findings the pack does not know."""
    problems: list[Problem] = []
    truncated = False
    for index, finding in enumerate(profile.findings):
        if finding.id not in rules.findings:
            if _too_many(problems):
                truncated = True
                break
            hint = unknown_id_hint(
                finding.id, rules.findings, Message("finding ids are listed by 'asn-advisor rules show'")
            )
            problems.append(
                Problem(
                    profile.locate(("findings", index, "id")),
                    Message("unknown finding {id}", id=repr(finding.id)),
                    code="P201",
                    hint=hint,
                )
            )
    if problems:
        raise _profile_error(problems, problems[0].location, truncated)


def _number(value: Any) -> float | None:
    """The value as a float; ``None`` for non-numbers, ``inf`` for integers too large for a float."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        return float(value)
    except OverflowError:
        # YAML reads 1000...0 (400 digits) as an int that no float holds; it is
        # out of every range, so an infinity gives the honest message below.
        return math.inf if value > 0 else -math.inf


class _IndicatorProblems:
    """The problems of one profile's indicators, each at the location of the value it is about."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.problems: list[Problem] = []

    def bad(self, name: str, message: Message, hint: str | None = None, sub: tuple[Any, ...] = ()) -> None:
        location = self.profile.locate(("indicators", name, *sub))
        self.problems.append(Problem(location, message, code="P202", hint=hint))

    def unknown(self, name: Any, known: Mapping[str, Any]) -> None:
        text = str(name)
        hint = unknown_id_hint(text, known, Message("indicator ids are listed by 'asn-advisor rules show'"))
        location = self.profile.locate(("indicators", name), key=True)
        self.problems.append(
            Problem(location, Message("unknown indicator {name}", name=repr(text)), code="P201", hint=hint)
        )


#: What a normalizer returns for a value it reported as a problem.
_INVALID = object()


def _bool_value(report: _IndicatorProblems, name: str, raw: Any, spec: Any, scales: Mapping[str, Any]) -> Any:
    if isinstance(raw, bool):
        return raw
    report.bad(
        name,
        Message("{name} must be true or false, got {value}", name=name, value=repr(raw)),
        Message("write true or false"),
    )
    return _INVALID


def _list_value(report: _IndicatorProblems, name: str, raw: Any, spec: Any, scales: Mapping[str, Any]) -> Any:
    """A list of the indicator's values as a sorted tuple without repeats; a lone value is a list of one."""
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        report.bad(
            name,
            Message("{name} must be a list of values", name=name),
            Message("e.g. [{values}]", values=", ".join((spec.values or [])[:2])),
        )
        return _INVALID
    unknown = [x for x in raw if spec.values and x not in spec.values]
    for item in unknown:
        hint = unknown_id_hint(
            item, spec.values or [], Message("values: {values}", values=", ".join(spec.values or []))
        )
        report.bad(name, Message("{value} is not a value of {name}", value=_show(item), name=name), hint)
    return _INVALID if unknown else tuple(sorted(set(raw)))


def _map_entry(report: _IndicatorProblems, name: str, key: Any, raw: Any, spec: Any) -> float | None:
    """One key of a map indicator as a percentage; ``None`` when unknown or reported."""
    number = _number(raw)
    if key not in (spec.keys or []):
        hint = unknown_id_hint(str(key), spec.keys or [], Message("keys: {keys}", keys=", ".join(spec.keys or [])))
        report.bad(name, Message("unknown key {key} of {name}", key=_show(key), name=name), hint, sub=(key,))
    elif raw is None:
        return None
    elif number is None or not math.isfinite(number):
        message = Message("{name}.{key} must be a finite number, got {value}", name=name, key=key, value=_show(raw))
        report.bad(name, message, sub=(key,))
    elif not 0 <= number <= 100:
        message = Message(
            "{name}.{key} is {value}, but a percentage is between 0 and 100", name=name, key=key, value=_show(raw)
        )
        report.bad(name, message, sub=(key,))
    else:
        return number
    return None


def _map_value(report: _IndicatorProblems, name: str, raw: Any, spec: Any, scales: Mapping[str, Any]) -> Any:
    """Keys mapped to percentages; the valid keys are kept even when another key is reported."""
    if not isinstance(raw, dict):
        report.bad(
            name,
            Message("{name} must map keys to percentages", name=name),
            Message("e.g. {{{key}: 35}}", key=(spec.keys or ["key"])[0]),
        )
        return _INVALID
    entries = {str(key): _map_entry(report, name, key, raw[key], spec) for key in sorted(raw, key=str)}
    return {key: number for key, number in entries.items() if number is not None}


def _rating_value(report: _IndicatorProblems, name: str, raw: dict[str, Any], scales: Mapping[str, Any]) -> Any:
    """``{value: 3.2, scale: "1-4"}`` converted to 0..100 by the pack's scale."""
    try:
        rating = Rating.model_validate(raw)
    except ValidationError:
        report.bad(
            name,
            Message('{name} must be a number 0..100 or {{value: V, scale: "1-4"}}', name=name),
            Message("scales: {scales}", scales=", ".join(scales)),
        )
        return _INVALID
    scale = scales.get(rating.scale)
    if scale is None:
        hint = unknown_id_hint(rating.scale, scales, Message("scales: {scales}", scales=", ".join(scales)))
        report.bad(name, Message("unknown rating scale {scale}", scale=_show(rating.scale)), hint, sub=("scale",))
        return _INVALID
    if not scale.min <= rating.value <= scale.max:
        value = format(rating.value, "g")
        message = Message("{name} is {value}, outside its scale {scale}", name=name, value=value, scale=rating.scale)
        report.bad(name, message, sub=("value",))
        return _INVALID
    return min(100.0, max(0.0, rating.value * scale.factor))


def _out_of_range(name: str, raw: Any, spec: Any) -> Message:
    low, high = spec.bounds()
    if low is None or high is None:
        return Message("{name} is {value}, out of range", name=name, value=_show(raw))
    unit = {"percent": Message("a percentage"), "rating": Message("a rating")}.get(spec.type, name)
    return Message(
        "{name} is {value}, but {unit} must be between {low} and {high}",
        name=name,
        value=_show(raw),
        unit=unit,
        low=format(low, "g"),
        high=format(high, "g"),
    )


def _number_value(report: _IndicatorProblems, name: str, raw: Any, spec: Any, scales: Mapping[str, Any]) -> Any:
    """A number within the indicator's bounds; a rating may also be given on a named scale."""
    if spec.type == "rating" and isinstance(raw, dict):
        return _rating_value(report, name, raw, scales)
    number = _number(raw)
    if number is None:
        hint = Message("remove quotes or units such as '%'") if isinstance(raw, str) else None
        report.bad(name, Message("{name} must be a number, got {value}", name=name, value=_show(raw)), hint)
        return _INVALID
    if not math.isfinite(number):
        report.bad(
            name,
            Message("{name} must be a finite number, got {value}", name=name, value=_show(raw)),
            Message("leave the indicator out when it is not known"),
        )
        return _INVALID
    if spec.type == "rating" and 0 < number <= 5:
        # A bare 3 or 3.2 is almost surely a 1-4 or 1-5 rating, which read as
        # 0..100 would become a catastrophic 3 out of 100.  Integers are as
        # ambiguous as decimals, so both need a scale.
        report.bad(
            name,
            Message("{name} is {value}: is that on a 1-4 or 1-5 scale?", name=name, value=_show(raw)),
            Message('write {{value: {value}, scale: "1-4"}} (or "1-5"), or convert it to 0..100', value=raw),
        )
        return _INVALID
    low, high = spec.bounds()
    if (low is not None and number < low) or (high is not None and number > high):
        report.bad(name, _out_of_range(name, raw, spec))
        return _INVALID
    return number


_NORMALIZERS = {"bool": _bool_value, "list": _list_value, "map": _map_value}


def normalize_indicators(profile: Profile, rules: Any) -> dict[str, Any]:
    """Check the profile's indicators against the pack and normalize them.

    Returns the values conditions read: numbers (ratings on 0..100), bools,
    tuples for lists, and ``name.key`` entries for maps.  Missing or ``null``
    indicators are simply absent: unknown, never zero.

    Raises:
        ProfileError: with every problem and its location.
    """
    report = _IndicatorProblems(profile)
    truncated = False
    values: dict[str, Any] = {}
    for name in sorted(profile.indicators, key=str):
        if _too_many(report.problems):
            truncated = True
            break
        raw = profile.indicators[name]
        spec = rules.indicators.get(name) if isinstance(name, str) else None
        if spec is None:
            report.unknown(name, rules.indicators)
            continue
        if raw is None:
            continue
        value = _NORMALIZERS.get(spec.type, _number_value)(report, name, raw, spec, rules.scoring.scales)
        if value is _INVALID:
            continue
        values[name] = value
        if spec.type == "map":
            values.update({f"{name}.{key}": number for key, number in value.items()})
    if report.problems:
        raise _profile_error(report.problems, report.problems[0].location, truncated)
    return values


def profile_from_mapping(data: Mapping[str, Any], file: str = "<profile>") -> Profile:
    """Validate a profile given as a Python mapping (for other tools)."""
    return profile_from_data(dict(data), Document(data=data, file=file))
