"""The advisor: a profile and a rule pack in, an explained :class:`Advice` out.

Steps, each deterministic:

1. normalize the profile's indicators against the pack (ratings to 0..100);
2. score the dimensions (:mod:`.scoring`); coverage becomes the name ``coverage``;
3. run the derivation rules in dependency order: a rule that reads a finding
   runs after every rule that can produce it; stated findings come first;
4. run the recommendation rules (:mod:`.firing`) and add up each
   recommendation's priority from the findings it addresses
   (:class:`.priority.TermTable`);
5. rank: higher priority first, then the most severe finding addressed, then
   the number of findings addressed, then the id; none of this depends on
   the order of rules in files or findings in the profile;
6. turn the ranking into a plan (:func:`.plan.outline_plan`): root-cause terms,
   prerequisites, conflicts, phases and expected gains (docs/plan.md);
7. build the models of the advice, each once and complete (:mod:`.building`).

Steps 1 to 6 compute plain data (dataclasses, tuples, dicts).  The lean
summary (:func:`summarize`) is the same path stopping after the ranking of
step 6: no relations, gains, explanations or roadmap, no evidence or data
gaps, no models.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, overload

from pydantic import ValidationError

from asn_advisor.engine.building import build_advice
from asn_advisor.engine.firing import Firing, fire
from asn_advisor.engine.gain import GainModel, dimension_scores
from asn_advisor.engine.plan import Candidate, Outline, listed_priority, outline_plan
from asn_advisor.engine.prepared import prepared
from asn_advisor.engine.priority import RANK_SEVERITY, Term, TermTable, rounded
from asn_advisor.engine.scoring import ScoreComputation, ScoreInterval, compute_scores, score_interval
from asn_advisor.errors import ArgumentError
from asn_advisor.i18n import Message
from asn_advisor.model import Advice, Profile, Summary, check_findings, normalize_indicators
from asn_advisor.pack import RulePack

__all__ = ["advise", "advise_loaded", "check_arguments", "summarize"]

# Candidate(...) without the named tuple's own constructor (a Python function).
_new = tuple.__new__


def advise(profile: Profile, rules: RulePack, *, lang: str = "id") -> Advice:
    """Score ``profile`` and recommend improvements with ``rules``.

    Args:
        profile: the program's profile (see :func:`load_profile`).
        rules: a pack from :func:`load_rules`.
        lang: ``"id"`` (Indonesian, the default) or ``"en"``.

    Returns:
        The :class:`Advice`, recommendations already ranked.

    Raises:
        ProfileError: an indicator or finding does not fit the pack.
    """
    check_arguments(profile, rules, lang)
    return advise_loaded(profile, rules, lang, summary=False)


def summarize(profile: Profile, rules: RulePack, *, lang: str = "id") -> Summary:
    """The lean summary of ``profile``'s advice: ``Summary.from_advice(advise(...))``, at a fraction of the cost.

    The same steps as :func:`advise`, stopping once the recommendations are
    ranked (see the module docstring).

    Raises:
        ProfileError: an indicator or finding does not fit the pack.
    """
    check_arguments(profile, rules, lang)
    return advise_loaded(profile, rules, lang, summary=True)


@overload
def advise_loaded(profile: Profile, rules: RulePack, lang: str, *, summary: Literal[False]) -> Advice: ...
@overload
def advise_loaded(profile: Profile, rules: RulePack, lang: str, *, summary: Literal[True]) -> Summary: ...
@overload
def advise_loaded(profile: Profile, rules: RulePack, lang: str, *, summary: bool) -> Advice | Summary: ...
def advise_loaded(profile: Profile, rules: RulePack, lang: str, *, summary: bool) -> Advice | Summary:
    """:func:`advise` (or :func:`summarize`) of a profile validated just now, as ``batch`` has.

    It skips :func:`check_arguments`, which validates the whole profile
    again in case it was changed after loading.
    """
    try:
        return _advise(profile, rules, lang, summary)
    except (AttributeError, KeyError, TypeError, IndexError) as error:
        # Models are plain objects a caller may change after loading; what
        # the checks above do not catch still ends as the project's error.
        raise ArgumentError(
            Message(
                "the profile or rule pack is not in a valid state: {kind}: {error}",
                kind=type(error).__name__,
                error=error,
            ),
            hint=Message("load them with load_profile and load_rules, and change them only through validated models"),
        ) from None


def check_arguments(profile: Any, rules: Any, lang: Any) -> None:
    """Refuse ``None``, wrong types and a profile changed into an invalid state, with :class:`ArgumentError`."""
    if not isinstance(profile, Profile):
        raise ArgumentError(
            Message("advise() needs a Profile, got {kind}", kind=type(profile).__name__),
            hint=Message("read one with load_profile(path) or Profile.model_validate(mapping)"),
        )
    if not isinstance(rules, RulePack):
        raise ArgumentError(
            Message("advise() needs a RulePack, got {kind}", kind=type(rules).__name__),
            hint=Message("load one with load_rules()"),
        )
    if lang not in ("id", "en"):
        raise ArgumentError(Message("lang must be 'id' or 'en'"))
    try:
        # Assignments to a model are not validated: validate the whole profile again.
        Profile.model_validate(profile.model_dump(warnings=False))
    except ValidationError as error:
        details = error.errors()
        where = ".".join(str(part) for part in details[0]["loc"]) if details else ""
        reason = details[0]["msg"] if details else "invalid"
        raise ArgumentError(
            Message("the profile is not valid: {where}: {reason}", where=where or "profile", reason=reason),
            hint=Message("a profile changed after loading must still be a valid profile"),
        ) from None
    except (AttributeError, TypeError, ValueError) as error:
        raise ArgumentError(
            Message("the profile is not valid: {where}: {reason}", where=type(error).__name__, reason=error),
            hint=Message("a profile changed after loading must still be a valid profile"),
        ) from None


def _advise(profile: Profile, rules: RulePack, lang: str, summary: bool) -> Advice | Summary:
    """Steps 1 to 7 of the module docstring; with ``summary`` the same steps, stopping after the ranking.

    The summary skips only what it does not show: noting data gaps while
    firing, the priority terms themselves (their contributions are the
    same numbers), the plan's relations, gains, explanations and roadmap,
    and building the models.
    """
    values = normalize_indicators(profile, rules)
    check_findings(profile, rules)
    scores = compute_scores(rules, values)
    facts: dict[str, Any] = dict(values)
    facts["coverage"] = scores.coverage * 100.0
    firing = fire(profile, rules, facts, gaps=not summary)
    by_dimension = dimension_scores(scores)
    table = TermTable(rules, firing.findings_rank, by_dimension)
    terms, candidates = _candidates(rules, firing, table, summary)
    interval = score_interval(rules, values, scores, names=not summary)
    root_weight = rules.scoring.priority.root_cause_weight
    gains: Callable[[], GainModel] | None = None
    if not summary:

        def gains() -> GainModel:
            return GainModel.of(rules, by_dimension, scores.overall is not None, firing.findings_rank)

    outline = outline_plan(
        rules, candidates, firing.findings_rank, gains, lambda effects: table.root_terms(effects, root_weight), lang
    )
    if summary:
        return _summary(profile, rules, scores, interval, firing, candidates, outline)
    prep = prepared(rules, lang)
    return build_advice(profile, rules, prep, values, facts, scores, interval, firing, terms, candidates, outline)


def _candidates(
    rules: RulePack, firing: Firing, table: TermTable, summary: bool
) -> tuple[dict[str, list[Term]], list[Candidate]]:
    """Each fired recommendation's own priority terms (none for the summary), and the candidate the plan ranks."""
    present = firing.findings_rank
    proposed = firing.proposed
    terms: dict[str, list[Term]] = {}
    candidates: list[Candidate] = []
    proposal_term = table.proposal
    proposal = proposal_term.contribution
    for rec_id, rec_rules in firing.fired.items():
        addressed: dict[str, float] = {}
        for rec_rule in rec_rules:
            weight = rec_rule.rule.weight
            for finding_id in rec_rule.addresses:
                if finding_id in present:
                    # The largest weight of the rules linking it (weights are positive: the pack checks).
                    known = addressed.get(finding_id)
                    if known is None or weight > known:
                        addressed[finding_id] = weight
        order = tuple(sorted(addressed))
        if summary:
            contributions = table.contributions(addressed, order)
            if rec_id in proposed:
                contributions += (proposal,)
        else:
            own = terms[rec_id] = table.terms(addressed, order)
            if rec_id in proposed:
                own.append(proposal_term)
            contributions = tuple([term.contribution for term in own])
        candidates.append(_new(Candidate, (rec_id, contributions, order)))
    return terms, candidates


def _summary(
    profile: Profile,
    rules: RulePack,
    scores: ScoreComputation,
    interval: ScoreInterval | None,
    firing: Firing,
    candidates: list[Candidate],
    outline: Outline,
) -> Summary:
    """The fields of :meth:`Summary.from_advice`, read from the engine's plain data."""
    program = profile.program
    listed = []
    own: dict[str, Candidate] | None = None  # only a step also added as a prerequisite needs its candidate
    for step in outline.steps:
        if step.added_as_prerequisite:
            if own is None:
                own = {candidate.id: candidate for candidate in candidates}
            listed.append((step.id, listed_priority(step, own.get(step.id))))
        else:
            listed.append((step.id, step.priority))
    band = rules.band_for(scores.overall)
    dimensions = []
    for result in scores.dimensions:
        dim_band = rules.band_for(result.score)
        dimensions.append((result.dimension.id, rounded(result.score), dim_band.id if dim_band else None))
    rank = firing.findings_rank
    findings = sorted(
        (
            (fid, RANK_SEVERITY[state.rank], "stated" if state.stated else "derived")
            for fid, state in firing.states.items()
        ),
        key=lambda f: (-rank[f[0]], f[2] != "stated", f[0]),
    )
    return Summary(
        program.id,
        program.name,
        program.region,
        rounded(scores.overall),
        band.id if band else None,
        rounded(scores.coverage, 4) or 0.0,
        tuple(dimensions),
        tuple(findings),
        tuple(listed),
        None if interval is None else rounded(interval.low) or 0.0,
        None if interval is None else rounded(interval.high) or 0.0,
    )
