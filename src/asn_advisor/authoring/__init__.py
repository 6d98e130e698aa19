"""Tools for rule authors: check, test, diff, scaffold a pack, and the JSON Schemas for editors."""

from asn_advisor.authoring.cases import run_tests
from asn_advisor.authoring.check import check_pack, init_pack
from asn_advisor.authoring.diff import diff_packs, render_diff
from asn_advisor.authoring.schema import SCHEMAS, schema_text

__all__ = [
    "SCHEMAS",
    "check_pack",
    "diff_packs",
    "init_pack",
    "render_diff",
    "run_tests",
    "schema_text",
]
