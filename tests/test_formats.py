"""The one table of output formats: the CLI offers what the table holds, and every entry renders."""

from __future__ import annotations

import json

import click
import pytest

from asn_advisor import advise, load_profile
from asn_advisor.cli import main
from asn_advisor.errors import ArgumentError
from asn_advisor.model.comparison import bands_from_pack
from asn_advisor.pack import RulePack
from asn_advisor.render import DOCUMENTS, format_choices, format_for, render, render_plan, render_report

from .conftest import ROOT

# Command path -> the document its --format writes.
COMMANDS = {
    ("advise",): "advice",
    ("score",): "score",
    ("whatif",): "whatif",
    ("plan",): "plan",
    ("report",): "report",
    ("compare",): "comparison",
    ("history", "show"): "history",
    ("history", "effect"): "effect",
}


def _format_choices(path: tuple[str, ...]) -> list[str]:
    command: click.Command = main
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    option = next(p for p in command.params if p.name == "fmt")
    assert isinstance(option.type, click.Choice)
    return sorted(str(choice) for choice in option.type.choices)


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_every_format_option_offers_what_the_table_holds(path: tuple[str, ...]) -> None:
    assert _format_choices(path) == format_choices(COMMANDS[path])


def test_an_output_file_name_asks_for_a_format_of_the_table() -> None:
    assert format_for("report", "laporan.pdf") == "pdf"
    assert format_for("report", "laporan.md") == "markdown"
    assert format_for("report", "laporan.csv") is None
    assert format_for("comparison", "banding.xlsx") == "xlsx"
    assert format_for("advice", None) is None


def test_every_text_format_of_the_advice_documents_renders(pack: RulePack) -> None:
    advice = advise(load_profile(ROOT / "examples" / "profiles" / "pupr-2021.yaml", rules=pack), pack)
    for fmt in DOCUMENTS["advice"].formats:
        assert render(advice, fmt).endswith("\n")
    for fmt in DOCUMENTS["plan"].formats:
        assert render_plan(advice, fmt).endswith("\n")
    for fmt in DOCUMENTS["report"].formats:
        assert advice.program.name in render_report(advice, bands_from_pack(pack, advice.lang), fmt)
    assert json.loads(render(advice, "json"))["program"]["id"] == advice.program.id


def test_a_format_outside_the_table_is_refused_with_the_choices(pack: RulePack) -> None:
    advice = advise(load_profile(ROOT / "examples" / "profiles" / "pupr-2021.yaml", rules=pack), pack)
    with pytest.raises(ArgumentError) as caught:
        render_plan(advice, "pdf")
    assert caught.value.hint is not None and "markdown" in caught.value.hint
