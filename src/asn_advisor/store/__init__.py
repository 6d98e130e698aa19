"""The history store: evaluations over time in SQLite or PostgreSQL."""

from asn_advisor.store.history import SCHEMA_VERSION, HistoryStore, resolve_store
from asn_advisor.store.models import EffectReport, PeriodSummary, ProgramHistory, RecommendationEffect
from asn_advisor.store.sql import is_url

__all__ = [
    "is_url",
    "EffectReport",
    "HistoryStore",
    "PeriodSummary",
    "ProgramHistory",
    "RecommendationEffect",
    "SCHEMA_VERSION",
    "resolve_store",
]
