"""What the engine reads of a pack in one language, prepared once per pack and language.

Labels, rule references without their values, the fixed fields of each
recommendation and the condition names a rule reads do not depend on the
profile: :func:`prepared` computes them the first time a pack is used in a
language and every later profile reads them from the cache.  Packs are
looked up by digest, as :func:`.plan_index.pack_index` does: equal digests
mean equal files (``what_if``'s pack copy differs only in which derivation
rules it keeps, and every one it keeps is the same rule).
"""

from __future__ import annotations

import dataclasses

from asn_advisor.engine.pack_cache import PackCache
from asn_advisor.i18n import number, t
from asn_advisor.pack import CompiledDerive, CompiledRecommend, RecommendationSpec, RulePack

__all__ = ["Prepared", "action_fields", "prepared"]


#: What acting on a recommendation takes: first steps, actors, their labels, cost, first result, basis.
Actions = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str | None, str | None, str | None]


def action_fields(spec: RecommendationSpec, lang: str) -> Actions:
    """What acting on a recommendation takes, in ``lang`` (empty or ``None`` where the pack gives nothing)."""
    return (
        tuple(step.get(lang) for step in spec.first_steps or ()),
        tuple(spec.actors or ()),
        tuple(t(f"quality.actor.{actor}", lang) for actor in spec.actors or ()),
        spec.cost,
        spec.first_result.get(lang) if spec.first_result is not None else None,
        spec.basis.get(lang) if spec.basis is not None else None,
    )


@dataclasses.dataclass(frozen=True, slots=True)
class RuleText:
    """A rule as its evidence or reference names it, in one language."""

    id: str
    file: str
    line: int
    when: str
    text: str | None
    weight: float
    names: tuple[str, ...]  # sorted: the indicators whose values the reference shows
    findings: tuple[str, ...]  # sorted: the findings the condition reads


@dataclasses.dataclass(frozen=True)
class Prepared:
    """The profile-independent texts and fields of one pack in one language."""

    lang: str
    findings: dict[str, tuple[str, str | None]]  # finding -> (label, dimension)
    recommendations: dict[str, tuple[str, str | None, str, str]]  # rec -> (title, description, effort, time)
    actions: dict[str, Actions]  # rec -> action_fields
    rules: dict[str, RuleText]  # derivation and recommendation rules by id, filled on first use
    indicators: dict[str, str]  # indicator, and each key of a map as "indicator.key" -> label
    # Indicators with a target, sorted: (name, target, label, target written in lang, unit sign: "%" or "")
    targets: tuple[tuple[str, float, str, str, str], ...]

    def rule(self, compiled: CompiledDerive | CompiledRecommend) -> RuleText:
        """The rule's texts, computed on first use (a pack copy may keep fewer derivation rules)."""
        found = self.rules.get(compiled.id)
        if found is None:
            rule = compiled.rule
            because = rule.because
            if isinstance(compiled, CompiledDerive):
                weight, names = 1.0, compiled.names
            else:
                weight, names = float(compiled.rule.weight), compiled.condition.names
            found = self.rules[compiled.id] = RuleText(
                compiled.id,
                compiled.location.file,
                compiled.location.line,
                rule.when,
                because.get(self.lang) if because else None,
                weight,
                tuple(sorted(names)),
                tuple(sorted(compiled.condition.findings)),
            )
        return found

    @classmethod
    def of(cls, pack: RulePack, lang: str) -> Prepared:
        return cls(
            lang,
            {fid: (spec.label.get(lang), spec.dimension) for fid, spec in pack.findings.items()},
            {
                rid: (
                    spec.label.get(lang),
                    spec.description.get(lang) if spec.description else None,
                    spec.effort,
                    spec.time_to_impact,
                )
                for rid, spec in pack.recommendations.items()
            },
            {rid: action_fields(spec, lang) for rid, spec in pack.recommendations.items()},
            {},
            _indicator_labels(pack, lang),
            tuple(
                (name, spec.target, spec.label.get(lang), *_target_text(spec.target, spec.type, lang))
                for name, spec in sorted(pack.indicators.items())
                if spec.target is not None
            ),
        )


def _target_text(target: float, kind: str, lang: str) -> tuple[str, str]:
    """A target as the reader writes it, and the sign its values take ("%" for a percentage)."""
    sign = "%" if kind == "percent" else ""
    return number(target, lang, "value") + sign, sign


def _indicator_labels(pack: RulePack, lang: str) -> dict[str, str]:
    """Each indicator's label, and each map key's as "Alasan ketidakhadiran (pekerjaan mendesak)"."""
    labels = {name: spec.label.get(lang) for name, spec in pack.indicators.items()}
    for name, spec in pack.indicators.items():
        for key in spec.keys or ():
            labels[f"{name}.{key}"] = f"{labels[name]} ({spec.key_label(key, lang)})"
    return labels


_PREPARED: PackCache[Prepared] = PackCache(Prepared.of)


def prepared(pack: RulePack, lang: str) -> Prepared:
    """The pack's prepared texts in ``lang``, computed on first use."""
    return _PREPARED.get(pack, lang)
