"""The history store: evaluations over time in SQLite or PostgreSQL."""

from asn_advisor.store.history import (
    SCHEMA_VERSION,
    EffectReport,
    HistoryStore,
    PeriodSummary,
    ProgramHistory,
    RecommendationEffect,
    resolve_store,
)

__all__ = [
    "EffectReport",
    "HistoryStore",
    "PeriodSummary",
    "ProgramHistory",
    "RecommendationEffect",
    "SCHEMA_VERSION",
    "resolve_store",
]
