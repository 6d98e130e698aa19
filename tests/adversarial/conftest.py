"""Shared settings for the adversarial suite."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests match the English wording of messages; the CLI's default is Indonesian."""
    monkeypatch.setenv("ASN_ADVISOR_LANG", "en")
