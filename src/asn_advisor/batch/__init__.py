"""Many programs at once: streaming batch over directories, JSON Lines and CSV; comparison."""

from asn_advisor.batch.compare import compare
from asn_advisor.batch.outcomes import FIELDS, Fields, summary_json
from asn_advisor.batch.pool import run_records
from asn_advisor.batch.records import read_records
from asn_advisor.batch.saved import CSV_HEADER, read_saved

__all__ = [
    "CSV_HEADER",
    "FIELDS",
    "Fields",
    "compare",
    "read_records",
    "read_saved",
    "run_records",
    "summary_json",
]
