"""JSON Schemas generated from the pydantic models.

``asn-advisor schema rules|profile|advice|tests`` prints them; the copies
under ``schemas/`` are what editors read through the ``# yaml-language-server:
$schema=...`` comment at the top of rule, test and profile files, and a test
keeps those copies equal to what the models generate.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from asn_advisor.authoring.cases import CaseFile
from asn_advisor.model import Advice, Profile
from asn_advisor.pack import PackFile

__all__ = ["SCHEMAS", "schema", "schema_text"]

#: Schema name -> (model, title, whether it describes input, validated as written).
SCHEMAS: dict[str, tuple[type[BaseModel], str, str]] = {
    "rules": (PackFile, "asn-advisor rule pack file", "validation"),
    "profile": (Profile, "asn-advisor program profile", "validation"),
    "advice": (Advice, "asn-advisor advice (advise --format json)", "serialization"),
    "tests": (CaseFile, "asn-advisor rule test cases", "validation"),
}


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``name``: rules, profile, advice or tests."""
    model, title, mode = SCHEMAS[name]
    generated = model.model_json_schema(mode=mode)  # type: ignore[arg-type]
    result: dict[str, Any] = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    result.update(generated)
    result["title"] = title
    return result


def schema_text(name: str) -> str:
    """The schema as stable, indented JSON text (what schemas/NAME.schema.json holds)."""
    return json.dumps(schema(name), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
