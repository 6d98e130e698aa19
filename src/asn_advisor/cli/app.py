"""The ``asn-advisor`` command.

Exit codes (see :class:`asn_advisor.errors.ExitCode`): 0 success, 1 other
error, 2 usage error, 3 unreadable input, 4 invalid rule pack, 5 invalid
profile, 6 output not written, 7 rule tests failed, 8 batch with failed
records.  Errors are printed as ``file:line:column: message (hint)``; no
traceback is ever shown unless ``ASN_ADVISOR_DEBUG=1``.
"""

from __future__ import annotations

import errno
import io
import os
import signal
import sys
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

import click

from asn_advisor._base import LIMIT_MAXIMA, Limits, check_output, use_limits, write_atomic
from asn_advisor._version import __version__
from asn_advisor.cli.clicklang import click_language
from asn_advisor.cli.help import apply_help, lang_from_args
from asn_advisor.errors import AdvisorError, ExitCode, OutputError, Problem
from asn_advisor.i18n import DEFAULT_LANG, Message, localize, lookup, t
from asn_advisor.pack import RulePack, load_rules

F = TypeVar("F", bound=Callable[..., Any])


def print_problem(problem: Problem, lang: str) -> None:
    click.echo(problem.render(lang), err=True)


def coded_text(code: str | None, said: str, advice: str | None, lang: str) -> str:
    """``CODE message (hint)``, message and hint in ``lang``."""
    text = localize(said, lang) or ""
    if code:
        text = f"{code} {text}"
    return f"{text} ({localize(advice, lang)})" if advice else text


def error_text(error: AdvisorError, lang: str) -> str:
    """``location: CODE message (hint)`` of an error, message and hint in ``lang``."""
    text = coded_text(error.code, error.message, error.hint, lang)
    return f"{error.location}: {text}" if error.location else text


def report_error(error: AdvisorError, lang: str) -> int:
    """Print an error and its problems to standard error; return the exit code."""
    if error.problems:
        for problem in error.problems:
            print_problem(problem, lang)
    click.echo(f"asn-advisor: {error_text(error, lang)}", err=True)
    return int(error.exit_code)


# The language of this run, read from the raw arguments before click parses
# them (see cli.help): help texts, click's words and errors all use it.
_RUN = {"lang": DEFAULT_LANG}


class AdvisorCommand(click.Command):
    """A command whose help follows the run's language (click's own words follow it through :mod:`.clicklang`)."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            # Click makes the option once per command; its help is set again for each run's language.
            option.help = lookup("Show this message and exit.", _RUN["lang"])
        return option


class AdvisorGroup(AdvisorCommand, click.Group):
    """A click group that turns every error into a message and an exit code.

    Its :meth:`main` picks the language from the raw arguments first, so that
    help, usage errors and messages are all in that language.
    """

    def main(
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        lang = lang_from_args(argv)
        _RUN["lang"] = lang
        apply_help(self, lang)
        with click_language(lang):
            if not standalone_mode:
                return super().main(argv, prog_name, complete_var, standalone_mode, **extra)
            return self._main_standalone(argv, lang, prog_name, complete_var, **extra)

    def _main_standalone(
        self, argv: list[str], lang: str, prog_name: str | None, complete_var: str | None, **extra: Any
    ) -> Any:
        """Run as the ``asn-advisor`` command: every error becomes a message and an exit code."""
        guard_standard_streams()
        previous = _catch_sigterm()
        try:
            code = super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
            sys.stdout.flush()
        except click.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        except click.exceptions.Abort:
            click.echo(lookup("Aborted!", lang), err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo(t("run.interrupted", lang), err=True)
            sys.exit(int(ExitCode.INTERRUPTED))
        except Terminated:
            sys.exit(report_terminated(lang))
        except OSError as error:
            if not is_stdout_error(error):
                raise
            sys.exit(report_stdout_error(error, lang))
        finally:
            _restore_sigterm(previous)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        lang = _RUN["lang"]
        try:
            return super().invoke(ctx)
        except AdvisorError as error:
            ctx.exit(report_error(error, lang))
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo(t("run.interrupted", lang), err=True)
            ctx.exit(int(ExitCode.INTERRUPTED))
        except Terminated:
            ctx.exit(report_terminated(lang))
        except (MemoryError, RecursionError) as error:
            ctx.exit(report_resource_error(error, lang))
        except OSError as error:
            if not is_stdout_error(error):
                raise_internal(error, lang)
            ctx.exit(report_stdout_error(error, lang))
        except Exception as error:
            raise_internal(error, lang)


def raise_internal(error: Exception, lang: str) -> None:
    """Report an unexpected error as an internal error (exit 1); the traceback only with ASN_ADVISOR_DEBUG."""
    if os.environ.get("ASN_ADVISOR_DEBUG"):
        traceback.print_exc()
    click.echo("asn-advisor: " + t("error.internal", lang, error=f"{type(error).__name__}: {error}"), err=True)
    click.get_current_context().exit(int(ExitCode.ERROR))


# --- standard streams and signals ---


class Terminated(BaseException):
    """SIGTERM arrived: raised in the main thread so that temporary files are removed on the way out."""


def _on_sigterm(signum: int, frame: Any) -> None:
    raise Terminated


def _catch_sigterm() -> Any:
    """Turn SIGTERM into :class:`Terminated` for this run (main thread only); return the handler it replaced."""
    try:
        return signal.signal(signal.SIGTERM, _on_sigterm)
    except (ValueError, OSError):  # not the main thread
        return None


def _restore_sigterm(previous: Any) -> None:
    if previous is not None:
        try:
            signal.signal(signal.SIGTERM, previous)
        except (ValueError, OSError):
            pass


def report_terminated(lang: str) -> int:
    click.echo("asn-advisor: " + t("run.terminated", lang), err=True)
    return int(ExitCode.TERMINATED)


class _ClosedOutput(io.TextIOBase):
    """Standard output when its descriptor was closed: any write fails as writing to a closed descriptor does."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    def flush(self) -> None:
        pass

    @property
    def buffer(self) -> Any:
        return self


def guard_standard_streams() -> None:
    """A closed descriptor 0, 1 or 2 is held by /dev/null, so no file the command opens takes its number.

    Standard input stays ``None`` (reading ``-`` then says it is closed);
    standard output fails on the first write, with exit code 6.
    """
    for fd, mode in ((0, os.O_RDONLY), (1, os.O_WRONLY), (2, os.O_WRONLY)):
        try:
            os.fstat(fd)
        except OSError:
            try:
                held = os.open(os.devnull, mode)
            except OSError:
                continue
            if held != fd:
                os.dup2(held, fd)
                os.close(held)
            if fd == 1:
                sys.stdout = _ClosedOutput()


_STDOUT_ERRNOS = {errno.EPIPE, errno.ENOSPC, errno.EBADF, errno.EIO, errno.EFBIG, errno.EDQUOT}


def is_stdout_error(error: OSError) -> bool:
    """Whether ``error`` is a failed write to standard output (full disk, broken pipe, closed descriptor).

    Files the command reads or writes report their own errors with a file
    name; a bare error with one of these codes comes from a standard stream.
    """
    return error.errno in _STDOUT_ERRNOS and getattr(error, "filename", None) is None


def report_stdout_error(error: OSError, lang: str) -> int:
    """Say that standard output failed and return exit code 6; whatever is still buffered is dropped."""
    try:
        held = os.open(os.devnull, os.O_WRONLY)
        os.dup2(held, 1)
        os.close(held)
    except OSError:
        pass
    reason: str
    if isinstance(error, BrokenPipeError):
        reason = Message("the reader closed the pipe")
    else:
        reason = error.strerror or str(error)
    return report_error(
        OutputError(
            Message("cannot write to standard output: {reason}", reason=reason),
            hint=Message("check the disk or the command reading the output, or write to a file with -o"),
        ),
        lang,
    )


# Commands added with @main.command() and groups added with @main.group()
# (and within them) get the translated help formatting without naming a class.
AdvisorGroup.command_class = AdvisorCommand
AdvisorGroup.group_class = type


def rules_option(func: F) -> F:
    return click.option(
        "--rules",
        "rules_dir",
        type=click.Path(file_okay=False, dir_okay=True, path_type=str),
        default=None,
        envvar="ASN_ADVISOR_RULES",
        help="Rule pack directory (default: the shipped national pack).",
    )(func)


def lang_option(func: F) -> F:
    return click.option(
        "--lang",
        type=click.Choice(["id", "en"]),
        default=None,
        help="Language of the output: id (default) or en; or set ASN_ADVISOR_LANG.",
    )(func)


def format_option(*choices: str) -> Callable[[F], F]:
    """``--format`` with the given choices, text by default."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default="text",
        show_default=True,
        help="Output format. / Format keluaran.",
    )


def output_options(func: F) -> F:
    func = click.option("--force", is_flag=True, help="Overwrite an existing output file.")(func)
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=str),
        default=None,
        help="Write to this file (atomically) instead of standard output.",
    )(func)


def load_pack(rules_dir: str | None) -> RulePack:
    return load_rules(rules_dir) if rules_dir else load_rules()


def emit(text: str, output: str | None, force: bool, inputs: list[str], lang: str) -> None:
    """Print ``text`` or write it atomically to ``output``."""
    if output is None or output == "-":
        click.echo(text, nl=False)
        return
    target = check_output(output, inputs=inputs, force=force, lang=lang)
    write_atomic(target, text, overwrite=force, lang=lang)
    click.echo(t("output.written", lang, path=output), err=True)


def emit_binary(data: bytes, output: str | None, force: bool, inputs: list[str], lang: str) -> None:
    """Write a binary file (a spreadsheet); it is never printed to a terminal."""
    if output is None or output == "-":
        raise OutputError(t("binary.stdout", lang), hint=t("binary.stdout.hint", lang))
    target = check_output(output, inputs=inputs, force=force, lang=lang)
    write_atomic(target, data, overwrite=force, lang=lang)
    click.echo(t("output.written", lang, path=output), err=True)


def _limit_option(limit: str, help_text: str) -> Callable[[F], F]:
    """``--max-bytes`` and its siblings: a positive whole number up to the limit's ceiling."""
    return click.option(
        "--" + limit.replace("_", "-"),
        type=click.IntRange(min=1, max=LIMIT_MAXIMA[limit]),
        default=None,
        metavar="N",
        help=help_text,
    )


@click.group(cls=AdvisorGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
# A message without words, so that it needs no translation.
@click.version_option(__version__, prog_name="asn-advisor", message="%(prog)s %(version)s")
@_limit_option("max_bytes", "Largest input file, in bytes (default 10485760; env ASN_ADVISOR_MAX_BYTES).")
@_limit_option("max_depth", "Deepest nesting of an input file (default 64; env ASN_ADVISOR_MAX_DEPTH).")
@_limit_option(
    "max_nodes", "Most values in an input file, aliases expanded (default 100000; env ASN_ADVISOR_MAX_NODES)."
)
@click.pass_context
def main(ctx: click.Context, max_bytes: int | None, max_depth: int | None, max_nodes: int | None) -> None:
    """Score an ASN development program's evaluation and recommend prioritized, explained improvements.

    Help texts in Indonesian and English come from the catalogs (msgids help:KEY, see asn_advisor.cli.help).
    """
    apply_limit_options(ctx, max_bytes=max_bytes, max_depth=max_depth, max_nodes=max_nodes)


def run() -> None:  # pragma: no cover - console entry for python -m
    sys.exit(main())


# --- input limits and resource errors ---


def apply_limit_options(
    ctx: click.Context, *, max_bytes: int | None, max_depth: int | None, max_nodes: int | None
) -> Limits:
    """Put the input limits of the global options in force for the whole command.

    Options given override the environment (``ASN_ADVISOR_MAX_*``), which
    overrides the defaults.  The limits are held in a context variable that is
    reset when the command ends, so nothing leaks into the next invocation
    (which matters when ``main`` is called in-process, as tests and batch
    tools do).
    """
    base = Limits.from_env()
    limits = Limits(
        max_bytes=max_bytes if max_bytes is not None else base.max_bytes,
        max_depth=max_depth if max_depth is not None else base.max_depth,
        max_nodes=max_nodes if max_nodes is not None else base.max_nodes,
    )
    ctx.with_resource(use_limits(limits))
    return limits


def input_paths(pack: RulePack, *files: str) -> list[str]:
    """Every file a command read: the given ones and the pack's, which an output must never overwrite."""
    return [*files, *(str(path) for path in pack.paths)]


def report_resource_error(error: MemoryError | RecursionError, lang: str) -> int:
    """Print a clear message for an input that exhausted memory or the stack; return the exit code.

    The loaders' limits are meant to stop such inputs first; this is the
    backstop for whatever slips through, so the user gets the input exit code
    and a way forward rather than an "internal error".
    """
    if os.environ.get("ASN_ADVISOR_DEBUG"):
        traceback.print_exc()
    if isinstance(error, MemoryError):
        message = t("error.memory", lang)
    else:
        message = t("error.recursion", lang)
    click.echo(f"asn-advisor: {message}", err=True)
    return int(ExitCode.INPUT)
