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
    comparison = st.tuples(number_exprs(), st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), number_exprs()).map(lambda t: f"{t[0]} {t[1]} {t[2]}")
    leaf = st.one_of(
        comparison,
        st.sampled_from(["has(f1)", "has(f2, \"high\")", "known(a)", "missing(b)", "flag == true", "\"x\" in tags", "count(tags, [\"x\", \"y\"]) >= 1"]),
    )
    return st.recursive(
        leaf,
        lambda inner: st.one_of(
            st.tuples(inner, st.sampled_from(["and", "or", "dan", "atau"]), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
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
