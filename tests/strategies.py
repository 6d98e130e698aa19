"""Hypothesis strategies shared by the property tests."""

from __future__ import annotations

from hypothesis import strategies as st

from asn_advisor.condition import NameInfo, Vocabulary

NUMBER_NAMES = ("a", "b", "c")
VOCABULARY = Vocabulary(
    names={
        "a": NameInfo("number"),
        "b": NameInfo("number"),
        "c": NameInfo("number"),
        "flag": NameInfo("bool"),
        "tags": NameInfo("list", values=("x", "y", "z")),
    },
    findings=frozenset({"f1", "f2"}),
)

numbers = st.integers(min_value=-5, max_value=120)


def number_exprs() -> st.SearchStrategy[str]:
    leaf = st.one_of(st.sampled_from(NUMBER_NAMES), numbers.map(str))
    return st.recursive(
        leaf,
        lambda inner: st.one_of(
            st.tuples(inner, st.sampled_from(["+", "-", "*"]), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
            st.tuples(st.sampled_from(["min", "max"]), inner, inner).map(lambda t: f"{t[0]}({t[1]}, {t[2]})"),
        ),
        max_leaves=4,
    )


def bool_exprs() -> st.SearchStrategy[str]:
    comparison = st.tuples(number_exprs(), st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), number_exprs()).map(
        lambda t: f"{t[0]} {t[1]} {t[2]}"
    )
    leaf = st.one_of(
        comparison,
        st.sampled_from(
            [
                "has(f1)",
                'has(f2, "high")',
                "known(a)",
                "missing(b)",
                "flag == true",
                '"x" in tags',
                'count(tags, ["x", "y"]) >= 1',
            ]
        ),
    )
    return st.recursive(
        leaf,
        lambda inner: st.one_of(
            st.tuples(inner, st.sampled_from(["and", "or", "dan", "atau"]), inner).map(
                lambda t: f"({t[0]} {t[1]} {t[2]})"
            ),
            inner.map(lambda e: f"not ({e})"),
        ),
        max_leaves=6,
    )


values = st.fixed_dictionaries(
    {},
    optional={
        "a": st.one_of(st.none(), numbers),
        "b": st.one_of(st.none(), numbers),
        "c": st.one_of(st.none(), numbers),
        "flag": st.booleans(),
        "tags": st.lists(st.sampled_from(["x", "y", "z"]), unique=True).map(tuple),
    },
)
findings = st.dictionaries(st.sampled_from(["f1", "f2"]), st.integers(min_value=1, max_value=3))


# ---------------------------------------------------------------- profiles for the shipped pack
# Shared by test_engine.py, test_properties.py and test_fuzz.py.

# A bare rating in 1..5 is refused as ambiguous (which scale?), so bare
# ratings are drawn from 0 and 6..100, and scaled ones from their scale.
bare_ratings = st.one_of(st.just(0), st.integers(6, 100))
scaled_ratings = st.one_of(
    st.builds(lambda v: {"value": v, "scale": "1-4"}, st.sampled_from([1, 1.5, 2, 2.5, 3, 3.1, 3.5, 4])),
    st.builds(lambda v: {"value": v, "scale": "1-5"}, st.sampled_from([1, 2, 2.5, 3, 3.6, 4, 4.2, 5])),
)
ratings = st.one_of(bare_ratings, scaled_ratings)
percents = st.one_of(st.integers(0, 100), st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 2)))

ABSENCE_KEYS = (
    "work_conflict",
    "no_supervisor_permission",
    "unreachable",
    "no_confirmation",
    "already_trained",
    "other",
)
FUNDING = ("apbn", "apbd", "university", "private", "donor", "other")
FINDING_IDS = (
    "low_participation",
    "time_conflict",
    "limited_budget",
    "weak_supervisor_support",
    "no_follow_up",
    "theoretical_curriculum",
    "low_transfer",
)

# Every indicator of the shipped pack, each optional, with values it accepts.
INDICATOR_STRATEGIES: dict[str, st.SearchStrategy[object]] = {
    "participation_rate": percents,
    "nominee_attendance_rate": percents,
    "share_meeting_20jp": percents,
    "avg_jp_per_employee": st.integers(0, 120),
    "absence_reasons": st.dictionaries(st.sampled_from(ABSENCE_KEYS), st.integers(0, 100), max_size=4),
    "budget_per_participant": st.integers(0, 50_000_000),
    "training_budget_share": st.floats(0, 2, allow_nan=False).map(lambda x: round(x, 3)),
    "funding_sources": st.lists(st.sampled_from(FUNDING), unique=True, max_size=4),
    "needs_assessment_done": st.booleans(),
    "practical_share": percents,
    "online_share": percents,
    "satisfaction": ratings,
    "relevance": ratings,
    "trainer_rating": ratings,
    "pre_test_mean": st.integers(0, 100),
    "post_test_mean": st.integers(0, 100),
    "graduation_rate": percents,
    "application_rate": ratings,
    "supervisor_support": ratings,
    "follow_up_conducted": st.booleans(),
    "follow_up_months_after": st.integers(0, 24),
    "knowledge_sharing_platform": st.booleans(),
    "highest_level_evaluated": st.integers(0, 5),
    "ikm_score": st.integers(25, 100),
}
indicator_values = st.fixed_dictionaries({}, optional=INDICATOR_STRATEGIES)

stated_findings = st.lists(
    st.fixed_dictionaries(
        {"id": st.sampled_from(FINDING_IDS)},
        optional={
            "severity": st.sampled_from(["low", "medium", "high"]),
            "source": st.sampled_from(["survey", "interview", "observation", "performance_data", "document"]),
            "evidence": st.lists(st.text(min_size=1, max_size=30), max_size=2),
        },
    ),
    max_size=5,
)

profiles = st.fixed_dictionaries(
    {
        "program": st.fixed_dictionaries(
            {"id": st.text(alphabet="abcdefghij-0123456789", min_size=1, max_size=12)},
            optional={"name": st.text(max_size=20), "region": st.sampled_from(["Binjai", "Medan", "Kota Bungo"])},
        ),
        "indicators": indicator_values,
        "findings": stated_findings,
    }
)


# ---------------------------------------------------------------- garbage with a familiar shape (fuzzing)

PROFILE_WORDS = (
    "program",
    "id",
    "indicators",
    "findings",
    "severity",
    "source",
    "evidence",
    "value",
    "scale",
    "1-4",
    "1-5",
    "0-100",
    "high",
    "low",
    "survey",
)
PROFILE_WORDS += tuple(INDICATOR_STRATEGIES) + ABSENCE_KEYS + FUNDING + FINDING_IDS

odd_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(
        ["l\u043ew_participation", "1\u20134", "participation_rate", "low_participation", "", " ", "50%", "3,2"]
    ),
)


def shaped_documents(words: tuple[str, ...]) -> st.SearchStrategy[object]:
    """Nested mappings and lists whose keys are mostly real words of the format."""
    keys = st.one_of(st.sampled_from(words), st.text(max_size=6), st.integers(-3, 3), st.none(), st.booleans())
    return st.recursive(
        odd_scalars,
        lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=5)),
        max_leaves=25,
    )
