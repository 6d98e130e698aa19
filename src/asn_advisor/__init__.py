"""asn-advisor: score an ASN development program's evaluation and recommend improvements.

>>> from asn_advisor import load_rules, load_profile, advise
>>> rules = load_rules()                                   # the shipped national pack
>>> profile = load_profile("examples/profiles/pupr-2021.yaml", rules=rules)
>>> advice = advise(profile, rules, lang="en")
>>> advice.recommendations[0].id                           # doctest: +SKIP
'flexible_scheduling'
"""

from __future__ import annotations

from asn_advisor._version import __version__
from asn_advisor.engine import advise
from asn_advisor.errors import (
    AdvisorError,
    ConditionError,
    ExitCode,
    InputError,
    Location,
    OutputError,
    Problem,
    ProfileError,
    RulePackError,
)
from asn_advisor.model import (
    Advice,
    DataGap,
    DimensionScore,
    Evidence,
    FindingResult,
    Profile,
    Program,
    Recommendation,
    RuleReference,
    ScoreResult,
    StatedFinding,
    load_profile,
)
from asn_advisor.pack import RulePack, load_rules

__all__ = [
    "Advice",
    "AdvisorError",
    "ConditionError",
    "DataGap",
    "DimensionScore",
    "Evidence",
    "ExitCode",
    "FindingResult",
    "InputError",
    "Location",
    "OutputError",
    "Problem",
    "Profile",
    "ProfileError",
    "Program",
    "Recommendation",
    "RulePack",
    "RulePackError",
    "RuleReference",
    "ScoreResult",
    "StatedFinding",
    "advise",
    "load_profile",
    "load_rules",
    "__version__",
]
