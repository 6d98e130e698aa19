"""The public API: a pinned, sorted __all__, and translations for every message."""

from __future__ import annotations

import asn_advisor

from .i18n_scan import keyed


def test_all_is_sorted_and_importable() -> None:
    """__all__ is sorted and every name in it exists."""
    names = list(asn_advisor.__all__)
    assert names == sorted(names, key=lambda n: (n.startswith("_"), n))
    for name in names:
        assert hasattr(asn_advisor, name)


def test_core_api_names() -> None:
    """The three entry points other tools use are public."""
    assert {"load_rules", "load_profile", "advise", "Advice", "AdvisorError"} <= set(asn_advisor.__all__)


def test_every_message_has_both_languages() -> None:
    """No user-facing message lacks Indonesian or English."""
    for key, texts in keyed().items():
        assert texts.get("id") and texts.get("en"), key
