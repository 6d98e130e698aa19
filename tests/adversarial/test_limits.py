"""The input limits: defaults, global options, environment variables, and what they must not affect."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from asn_advisor import load_profile, load_rules
from asn_advisor._base.limits import Limits, use_limits
from asn_advisor._base.reading import read_text
from asn_advisor._base.safe_yaml import load_document
from asn_advisor.cli import main
from asn_advisor.errors import ExitCode, InputError, RulePackError

from .cases import GOOD_PROFILE, SHIPPED_PACK


def test_defaults_are_the_documented_ones() -> None:
    """SECURITY.md and README state these numbers."""
    assert Limits() == Limits(max_bytes=10 * 1024 * 1024, max_depth=64, max_nodes=100_000)


@pytest.mark.parametrize(
    ("option", "env", "message"),
    [
        ("--max-nodes", "ASN_ADVISOR_MAX_NODES", "more than 20 values"),
        ("--max-depth", "ASN_ADVISOR_MAX_DEPTH", "nested deeper than 1 levels"),
        ("--max-bytes", "ASN_ADVISOR_MAX_BYTES", "over the limit of 100"),
    ],
)
def test_limits_come_from_options_then_environment(runner: CliRunner, option: str, env: str, message: str) -> None:
    """A global option or the environment lowers a limit; the option wins over the environment."""
    value = {"--max-nodes": "20", "--max-depth": "1", "--max-bytes": "100"}[option]
    by_option = runner.invoke(main, [option, value, "advise", str(GOOD_PROFILE)])
    assert (
        by_option.exit_code == ExitCode.INPUT
        and message in by_option.stderr
        and f"{option} or {env}" in by_option.stderr
    )
    by_env = runner.invoke(main, ["advise", str(GOOD_PROFILE)], env={env: value})
    assert by_env.exit_code == ExitCode.INPUT and message in by_env.stderr
    overridden = runner.invoke(main, [option, "100000000", "advise", str(GOOD_PROFILE)], env={env: value})
    assert overridden.exit_code == 0, overridden.output


def test_limits_of_one_invocation_do_not_leak_into_the_next(runner: CliRunner) -> None:
    """In-process callers (tests, batch tools) get the defaults back after a command with options."""
    assert runner.invoke(main, ["--max-nodes", "20", "advise", str(GOOD_PROFILE)]).exit_code == ExitCode.INPUT
    assert runner.invoke(main, ["advise", str(GOOD_PROFILE)]).exit_code == 0
    assert Limits.current() == Limits.from_env()


def test_shipped_pack_is_read_with_at_least_the_defaults(runner: CliRunner) -> None:
    """Tight limits for untrusted profiles never make the trusted shipped pack unloadable.

    A pack given with --rules obeys them.
    """
    tiny = GOOD_PROFILE.parent / "medan.yaml"
    assert runner.invoke(main, ["--max-nodes", "60", "advise", str(tiny)]).exit_code == 0
    refused = runner.invoke(main, ["--max-nodes", "60", "advise", str(tiny), "--rules", str(SHIPPED_PACK)])
    assert refused.exit_code == ExitCode.RULES and "Y020" in refused.stderr


@pytest.mark.parametrize("value", ["0", "-1", "lots"])
def test_bad_limit_values_are_usage_errors(runner: CliRunner, value: str) -> None:
    """Only positive integers are limits."""
    result = runner.invoke(main, ["--max-nodes", value, "advise", str(GOOD_PROFILE)])
    assert result.exit_code == ExitCode.USAGE and "Traceback" not in result.output


def test_use_limits_applies_to_every_loader_inside_the_block() -> None:
    """use_limits() sets the default of read_text, load_document, load_profile and load_rules(path)."""
    with use_limits(Limits(max_nodes=10)):
        with pytest.raises(InputError, match="more than 10 values"):
            load_profile(GOOD_PROFILE)
        with pytest.raises(RulePackError, match="Y020 document has more than 10 values"):
            load_rules(SHIPPED_PACK)
        with pytest.raises(InputError, match="more than 10 values"):
            load_document("[" + ", ".join("1" * 11) + "]", "x.yaml")
        load_rules()  # the shipped pack keeps at least the defaults
    load_profile(GOOD_PROFILE)


def test_oversized_file_is_refused_before_it_is_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The size check uses stat(): a 100 MB file is never opened, let alone read."""
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)

    def no_open(self: Path, *args: object, **kwargs: object) -> None:
        raise AssertionError("the oversized file was opened")

    monkeypatch.setattr(Path, "open", no_open)
    with pytest.raises(InputError, match="104857600 bytes, over the limit"):
        read_text(huge)


def test_stream_is_read_only_up_to_the_limit() -> None:
    """From a stream (standard input), at most max_bytes + 1 bytes are requested."""

    class Endless:
        name = "<endless>"
        requested = 0

        def read(self, size: int = -1) -> bytes:
            assert size > 0, "an unbounded read of an endless stream"
            Endless.requested += size
            return b"a" * size

    with pytest.raises(InputError, match="over the limit of 1000"):
        read_text(Endless(), limits=Limits(max_bytes=1000))  # type: ignore[arg-type]
    assert Endless.requested == 1001


def test_explain_names_a_lookalike_recommendation(runner: CliRunner) -> None:
    """explain with a Cyrillic 'е' in the recommendation id says so and names the id meant."""
    result = runner.invoke(main, ["explain", str(GOOD_PROFILE), "flexibl\u0435_scheduling"])
    assert result.exit_code == ExitCode.ERROR
    assert "CYRILLIC SMALL LETTER IE" in result.stderr and "did you mean 'flexible_scheduling'" in result.stderr


@pytest.mark.parametrize("error", [MemoryError, RecursionError])
def test_exhausted_memory_or_stack_is_an_input_error_not_a_traceback(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, error: type[BaseException]
) -> None:
    """The backstop behind the limits: exit 3 with a way forward, in the chosen language."""
    import asn_advisor.cli.advise as cli

    def exhausted(rules_dir: str | None) -> None:
        raise error

    monkeypatch.setattr(cli, "load_pack", exhausted)
    result = runner.invoke(main, ["advise", str(GOOD_PROFILE), "--lang", "en"])
    assert result.exit_code == ExitCode.INPUT
    assert "--max-" in result.stderr and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
