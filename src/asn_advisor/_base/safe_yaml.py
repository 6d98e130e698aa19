"""Safe, bounded YAML and JSON reading that keeps every value's position.

PyYAML's composer recurses in C for nested collections and crashes the
interpreter on deeply nested input, and it silently keeps the last of two equal
keys.  So we build Python values ourselves from the parser's event stream
(iterative, in libyaml when present), enforcing limits on depth, node count and
alias expansion (the "billion laughs" bomb) as we go, reporting duplicate keys
and recording the 1-based line and column of every key and value.
"""

from __future__ import annotations

import gc
import json
import math
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from asn_advisor.errors import AdvisorError, ArgumentError, InputError, Location, Problem

__all__ = ["Document", "Limits", "dump_yaml", "load_document", "read_text", "use_limits"]

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PathKey = tuple[Any, ...]

_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


def _limit_hint(limit: str) -> str:
    """How to raise a limit, for the hint of the error it caused."""
    return f"raise it with --max-{limit} or ASN_ADVISOR_MAX_{limit.upper()} if the file is genuine"


#: The largest value each limit may be given (an option beyond it is a usage
#: error; an environment value beyond it is ignored): far above any real file,
#: and within what the readers can index.
LIMIT_MAXIMA = {"max_bytes": 1 << 30, "max_depth": 1_000_000_000, "max_nodes": 1_000_000_000}


def _env_int(name: str, default: int, maximum: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw.strip()) if len(raw) <= 32 else 0
    except ValueError:
        return default
    return value if 0 < value <= maximum else default


@dataclass(frozen=True)
class Limits:
    """Bounds on what one input file may cost to read.

    The defaults fit the largest real files with a wide margin (the biggest
    file of the national pack holds about 1,600 values and 40 KB) while
    keeping the worst file within the limits to about a second and a couple
    of hundred MB.  They can be changed for a process with the environment
    variables ``ASN_ADVISOR_MAX_BYTES``, ``ASN_ADVISOR_MAX_DEPTH`` and
    ``ASN_ADVISOR_MAX_NODES``, for one command with the ``asn-advisor``
    options ``--max-bytes``, ``--max-depth`` and ``--max-nodes``, and in
    Python with :func:`use_limits` or the ``limits=`` argument of the
    loaders.  See SECURITY.md.
    """

    max_bytes: int = 10 * 1024 * 1024
    max_depth: int = 64
    max_nodes: int = 100_000

    @classmethod
    def from_env(cls) -> Limits:
        """The defaults, overridden by the ``ASN_ADVISOR_MAX_*`` environment variables."""
        return cls(
            max_bytes=_env_int("ASN_ADVISOR_MAX_BYTES", cls.max_bytes, LIMIT_MAXIMA["max_bytes"]),
            max_depth=_env_int("ASN_ADVISOR_MAX_DEPTH", cls.max_depth, LIMIT_MAXIMA["max_depth"]),
            max_nodes=_env_int("ASN_ADVISOR_MAX_NODES", cls.max_nodes, LIMIT_MAXIMA["max_nodes"]),
        )

    @classmethod
    def current(cls) -> Limits:
        """The limits in force: those set by :func:`use_limits`, else :meth:`from_env`."""
        chosen = _CURRENT_LIMITS.get()
        return chosen if chosen is not None else cls.from_env()


# A context variable rather than a module global, so that limits set for one
# command (or one thread, or one asyncio task) never leak into another.
_CURRENT_LIMITS: ContextVar[Limits | None] = ContextVar("asn_advisor_limits", default=None)


@contextmanager
def use_limits(limits: Limits) -> Iterator[Limits]:
    """Make ``limits`` the default of every loader inside the ``with`` block."""
    token = _CURRENT_LIMITS.set(limits)
    try:
        yield limits
    finally:
        _CURRENT_LIMITS.reset(token)


@dataclass
class Document:
    """A loaded YAML or JSON document with the position of every value."""

    data: Any
    file: str
    value_marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    scalar_styles: dict[PathKey, str | None] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def locate(self, path: PathKey, *, key: bool = False) -> Location:
        """Return the location of the value (or its key) at ``path``.

        Falls back to the nearest ancestor that has a position.
        """
        marks = self.key_marks if key else self.value_marks
        probe = tuple(path)
        while True:
            if probe in marks:
                line, column = marks[probe]
                return Location(self.file, line, column)
            if key and probe in self.value_marks:
                line, column = self.value_marks[probe]
                return Location(self.file, line, column)
            if not probe:
                return Location(self.file, 1, 1)
            probe = probe[:-1]

    def expression_location(self, path: PathKey, offset: int) -> Location:
        """Location of character ``offset`` inside the scalar at ``path``.

        Exact for single-line plain and quoted scalars; for block and folded
        scalars the scalar's own start is returned (columns inside a folded
        text cannot be mapped back reliably).
        """
        base = self.locate(path)
        style = self.scalar_styles.get(tuple(path), "")
        if style in ("", None):
            return Location(base.file, base.line, base.column + offset)
        if style in ("'", '"'):
            return Location(base.file, base.line, base.column + 1 + offset)
        return base


def stdin_bytes() -> IO[bytes]:
    """Standard input as bytes; an :class:`InputError` when its descriptor was closed."""
    if sys.stdin is None:
        raise InputError(
            "standard input is closed",
            location=Location("<stdin>"),
            hint="give a file, or pipe the input into the command",
        )
    return sys.stdin.buffer


def read_text(
    source: str | Path | IO[bytes], *, limits: Limits | None = None, name: str | None = None
) -> tuple[str, str]:
    """Read a UTF-8 text file (or ``-`` for standard input) within the limits.

    Returns ``(text, display_name)``.  Raises :class:`InputError` for a missing,
    oversized, binary or non-UTF-8 file.
    """
    limits = limits or Limits.current()
    if not isinstance(source, (str, Path)) and not hasattr(source, "read"):
        raise ArgumentError(
            f"expected a path, '-' or a binary stream, got {type(source).__name__}",
            hint="give the file name of the profile or pack",
        )
    if isinstance(source, (str, Path)) and str(source) == "-":
        stream: IO[bytes] = stdin_bytes()
        display = name or "<stdin>"
        raw = stream.read(limits.max_bytes + 1)
    elif isinstance(source, (str, Path)):
        path = Path(source)
        display = name or str(source)
        try:
            if path.is_dir():
                raise InputError(
                    "is a directory, not a file", location=Location(display), hint="give a file", code="Y001"
                )
            size = path.stat().st_size
            if size > limits.max_bytes:
                raise InputError(
                    f"file is {size} bytes, over the limit of {limits.max_bytes}",
                    code="Y002",
                    location=Location(display),
                    hint=_limit_hint("bytes"),
                )
            with path.open("rb") as handle:
                raw = handle.read(limits.max_bytes + 1)
        except FileNotFoundError:
            raise InputError("file not found", location=Location(display), hint="check the path", code="Y003") from None
        except PermissionError:
            raise InputError("permission denied", location=Location(display), code="Y004") from None
        except IsADirectoryError:
            raise InputError("is a directory, not a file", location=Location(display), code="Y001") from None
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", location=Location(display), code="Y005") from None
    else:
        display = name or str(getattr(source, "name", "<stream>"))
        raw = source.read(limits.max_bytes + 1)
    if len(raw) > limits.max_bytes:
        raise InputError(
            f"input is over the limit of {limits.max_bytes} bytes",
            location=Location(display),
            code="Y002",
            hint=_limit_hint("bytes"),
        )
    return decode_text(raw, display), display


def load_file(
    path: Path, name: str, *, limits: Limits | None = None, error: type[AdvisorError] = InputError
) -> Document:
    """Read and parse one YAML file; a file that cannot be read raises ``error``.

    A rule pack's file that is missing or malformed makes the pack invalid:
    the pack loaders pass :class:`RulePackError` so that the user gets the
    pack's exit code, whatever the cause, with the same code and location.
    """
    try:
        text, _ = read_text(path, limits=limits, name=name)
        return load_document(text, name, limits=limits)
    except InputError as exc:
        if error is InputError:
            raise
        raise error(exc.message, location=exc.location, hint=exc.hint, code=exc.code) from None


def decode_text(raw: bytes, display: str) -> str:
    """Decode UTF-8 (with or without BOM), refusing binary data."""
    if b"\x00" in raw[:8192]:
        raise InputError(
            "looks like a binary file (it contains NUL bytes)",
            code="Y006",
            location=Location(display),
            hint="give a UTF-8 text file",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            code="Y007",
            location=Location(display, line, column),
            hint="save the file as UTF-8",
        ) from None
    return text


class _Constructor(SafeConstructor):
    """Scalar construction only; timestamps stay text so output is plain JSON."""


def _timestamp_as_text(loader: _Constructor, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


# What add_constructor does, written out: PyYAML's stubs type that method for
# loader classes only, and this class is a bare constructor.
_Constructor.yaml_constructors = {
    **SafeConstructor.yaml_constructors,
    "tag:yaml.org,2002:timestamp": _timestamp_as_text,
}

# Scalar construction goes straight to the per-tag function rather than through
# ``construct_object``, which caches every node it has seen (memory that grows
# with the document) and costs several times more per value.
_SCALAR_CONSTRUCTORS: dict[str | None, Any] = dict(_Constructor.yaml_constructors)
_STR_TAG = "tag:yaml.org,2002:str"
# First characters for which an implicit resolver (int, float, bool, null...)
# exists; PyYAML's safe resolvers have no wildcard entry, so a plain scalar
# starting with any other character is text.
_RESOLVED_FIRST = frozenset(key for key in _Loader.yaml_implicit_resolvers if key)
_FAST_TEXT = None not in _Loader.yaml_implicit_resolvers
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_PLAIN_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_NO_FAST_VALUE = object()
# Python refuses to convert longer integers (sys.int_info.str_digits_check_threshold
# is 640, the default limit 4300); the fast path leaves them to _check_number.
_MAX_FAST_DIGITS = 600
MAX_INT_DIGITS = 4300


def _check_number(text: str, tag: str, location: Location) -> None:
    """Refuse the YAML 1.1 number forms that a person does not mean, with a hint.

    YAML 1.1 reads ``075`` as octal 61, ``0x32`` as 50, ``1:10`` as 70 (base
    60) and ``1_000`` as 1000.  Such a value is refused rather than silently
    converted; plain decimals (``75``, ``7.5``, ``-3``, ``1.5e+3``) pass.
    """
    body = text.strip().lstrip("+-")
    shown = _clip(text)
    if tag == _INT_TAG and body[:2].lower() in ("0x", "0b"):
        raise InputError(
            f"the number {shown!r} is hexadecimal or binary", location=location, hint="write the number in decimal"
        )
    if ":" in body:
        raise InputError(
            f"{shown!r} is a base-60 number to YAML (1:10 reads as 70)",
            location=location,
            hint="quote it if it is a time or a ratio ('1:10'), or write the number in decimal",
        )
    if "_" in body:
        raise InputError(
            f"the number {shown!r} has '_' between its digits", location=location, hint="write the number without '_'"
        )
    if tag == _INT_TAG and len(body) > 1 and body.startswith("0"):
        raise InputError(
            f"the number {shown!r} starts with 0, which YAML reads as octal",
            location=location,
            hint="write it without the leading 0, or quote it if it is a code ('075')",
        )
    if tag == _INT_TAG and len(body) > MAX_INT_DIGITS:
        raise InputError(
            f"the number has {len(body)} digits, more than the {MAX_INT_DIGITS} a number may have",
            location=location,
            hint="no indicator needs such a number; check the value",
        )


_NULL_TAG = "tag:yaml.org,2002:null"


class _Frame:
    __slots__ = ("anchor", "container", "height", "is_map", "key", "key_mark", "path", "pending_key", "size", "start")

    def __init__(self, container: Any, is_map: bool, path: PathKey, anchor: str | None, start: tuple[int, int]) -> None:
        self.container = container
        self.is_map = is_map
        self.path = path
        self.anchor = anchor
        self.pending_key: bool = False
        self.key: Any = None
        self.key_mark: tuple[int, int] = (0, 0)
        self.size = 1
        # Nesting levels of the finished collection (an empty one counts 1);
        # kept so an alias cannot nest an anchored value past max_depth.
        self.height = 1
        self.start = start


def _mark(event: Any) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1)


def load_document(text: str, file: str, *, limits: Limits | None = None, json_mode: bool = False) -> Document:
    """Parse ``text`` as one YAML (or JSON) document.

    Duplicate keys are reported in ``Document.problems`` (the first value is
    kept); everything else that is wrong raises :class:`InputError`.
    """
    limits = limits or Limits.current()
    if len(text.encode("utf-8", "surrogatepass")) > limits.max_bytes:
        raise InputError(f"input is over the limit of {limits.max_bytes} bytes", location=Location(file), code="Y002")
    if json_mode:
        return _load_json(text, file, limits)
    # Building many small objects triggers the cyclic garbage collector over
    # and over, and each pass walks the whole growing document: that made
    # reading a large, flat file quadratic in practice (14 s for a 10 MB
    # file).  The values built here cannot form cycles (an alias can only
    # name a finished anchor), so the collector is paused while loading.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _load_yaml(text, file, limits)
    finally:
        if paused:
            gc.enable()


def _load_yaml(text: str, file: str, limits: Limits) -> Document:
    doc = Document(data=None, file=file)
    loader = _Loader(text)
    constructor = _Constructor()
    anchors: dict[str, tuple[Any, int, int]] = {}
    stack: list[_Frame] = []
    nodes = 0
    root_set = False
    root: Any = None

    def attach(
        value: Any, size: int, path_mark: tuple[int, int], style: str | None, is_scalar: bool, height: int = 0
    ) -> None:
        nonlocal root, root_set, nodes
        if not stack:
            root, root_set = value, True
            doc.value_marks[()] = path_mark
            if is_scalar:
                doc.scalar_styles[()] = style
            return
        frame = stack[-1]
        frame.size += size
        if height + 1 > frame.height:
            frame.height = height + 1
        if frame.is_map:
            if not frame.pending_key:
                try:
                    hash(value)
                except TypeError:
                    raise InputError(
                        "a mapping key must be a plain value, not a list or mapping",
                        hint="write the key as a word or a number",
                        code="Y010",
                        location=Location(file, *path_mark),
                    ) from None
                if isinstance(value, float) and math.isnan(value):
                    raise InputError("a mapping key cannot be NaN", location=Location(file, *path_mark), code="Y011")
                frame.key, frame.key_mark, frame.pending_key = value, path_mark, True
                return
            key = frame.key
            frame.pending_key = False
            path = (*frame.path, key)
            if key in frame.container:
                first = doc.key_marks.get(path, (0, 0))
                doc.problems.append(
                    Problem(
                        Location(file, *frame.key_mark),
                        f"key {key!r} is defined twice in this mapping (first at line {first[0]})",
                        code="E101",
                        hint="remove or rename one of them; only one value can count",
                    )
                )
                return
            frame.container[key] = value
            doc.key_marks[path] = frame.key_mark
            doc.value_marks[path] = path_mark
            if is_scalar:
                doc.scalar_styles[path] = style
        else:
            path = (*frame.path, len(frame.container))
            frame.container.append(value)
            doc.value_marks[path] = path_mark
            if is_scalar:
                doc.scalar_styles[path] = style

    def child_path() -> PathKey:
        if not stack:
            return ()
        frame = stack[-1]
        if frame.is_map:
            return (*frame.path, frame.key) if frame.pending_key else (*frame.path, "<key>")
        return (*frame.path, len(frame.container))

    try:
        while True:
            event = loader.get_event()
            if event is None:
                break
            kind = type(event)
            if kind is yaml.ScalarEvent:
                nodes += 1
                if nodes > limits.max_nodes:
                    raise InputError(
                        f"document has more than {limits.max_nodes} values",
                        location=Location(file, *_mark(event)),
                        hint=_limit_hint("nodes"),
                        code="Y020",
                    )
                tag = event.tag
                fast: Any = _NO_FAST_VALUE
                if tag is None or tag == "!":
                    text_value = event.value
                    if (
                        tag is None
                        and event.implicit[0]
                        and len(text_value) <= _MAX_FAST_DIGITS
                        and _PLAIN_DECIMAL.fullmatch(text_value)
                    ):
                        # Plain decimal numbers are most values of a profile;
                        # YAML 1.1 reads these exactly as int() and float() do
                        # (leading zeros, '_' and ':' take the slow path).
                        tag = _INT_TAG if text_value.lstrip("+-").isdigit() else _FLOAT_TAG
                        fast = int(text_value) if tag == _INT_TAG else float(text_value)
                    elif _FAST_TEXT and event.implicit[0] and text_value and text_value[0] not in _RESOLVED_FIRST:
                        # A plain scalar whose first character starts no
                        # int/float/bool/null/... pattern is text: skip the
                        # resolver's regex scan (most keys and words).
                        tag = _STR_TAG
                    else:
                        tag = loader.resolve(yaml.ScalarNode, text_value, event.implicit)
                if tag == "tag:yaml.org,2002:merge":
                    raise InputError(
                        "YAML merge keys (<<) are not supported",
                        location=Location(file, *_mark(event)),
                        hint="write the keys out",
                        code="Y013",
                    )
                if tag not in _ALLOWED_TAGS or tag in ("tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"):
                    raise InputError(
                        f"YAML tag {event.tag or tag!r} is not allowed",
                        location=Location(file, *_mark(event)),
                        hint="write plain values without ! tags",
                        code="Y012",
                    )
                if fast is _NO_FAST_VALUE and tag in (_INT_TAG, _FLOAT_TAG):
                    _check_number(event.value, tag, Location(file, *_mark(event)))
                if fast is not _NO_FAST_VALUE:
                    value: Any = fast
                elif tag == _STR_TAG:
                    value = event.value
                elif tag == _NULL_TAG:
                    value = None
                else:
                    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
                    try:
                        value = _SCALAR_CONSTRUCTORS[tag](constructor, node)
                    except (ConstructorError, ValueError, OverflowError) as exc:
                        raise InputError(
                            f"cannot read value {_clip(event.value)!r}: {_clip(str(exc))}",
                            location=Location(file, *_mark(event)),
                            code="Y014",
                        ) from None
                if event.anchor:
                    anchors[event.anchor] = (value, 1, 0)
                attach(value, 1, _mark(event), event.style, True)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                nodes += 1
                if nodes > limits.max_nodes:
                    raise InputError(
                        f"document has more than {limits.max_nodes} values",
                        location=Location(file, *_mark(event)),
                        hint=_limit_hint("nodes"),
                        code="Y020",
                    )
                if len(stack) >= limits.max_depth:
                    raise InputError(
                        f"document is nested deeper than {limits.max_depth} levels",
                        location=Location(file, *_mark(event)),
                        hint=_limit_hint("depth"),
                        code="Y021",
                    )
                if event.tag not in (None, "!", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"):
                    raise InputError(
                        f"YAML tag {event.tag!r} is not allowed",
                        location=Location(file, *_mark(event)),
                        hint="write plain values without ! tags",
                        code="Y012",
                    )
                is_map = kind is yaml.MappingStartEvent
                frame = _Frame({} if is_map else [], is_map, child_path(), event.anchor, _mark(event))
                stack.append(frame)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = stack.pop()
                if frame.anchor:
                    anchors[frame.anchor] = (frame.container, frame.size, frame.height)
                attach(frame.container, frame.size, frame.start, None, False, frame.height)
            elif kind is yaml.AliasEvent:
                if event.anchor not in anchors:
                    raise InputError(
                        f"unknown alias *{event.anchor}", location=Location(file, *_mark(event)), code="Y015"
                    )
                value, size, height = anchors[event.anchor]
                if len(stack) + height > limits.max_depth:
                    # The alias is shared, not copied, but every consumer
                    # (validation, JSON output) walks it as if it were written
                    # out, so its nesting counts where it is used.
                    raise InputError(
                        f"the alias *{event.anchor} nests the document deeper than {limits.max_depth} levels",
                        code="Y022",
                        location=Location(file, *_mark(event)),
                        hint=_limit_hint("depth"),
                    )
                nodes += size
                if nodes > limits.max_nodes:
                    raise InputError(
                        f"aliases expand the document past {limits.max_nodes} values",
                        code="Y023",
                        location=Location(file, *_mark(event)),
                        hint="this looks like an alias bomb; write the values out",
                    )
                attach(value, size, _mark(event), None, False, height)
            elif kind is yaml.DocumentStartEvent and root_set:
                raise InputError(
                    "file holds more than one YAML document",
                    code="Y016",
                    location=Location(file, *_mark(event)),
                    hint="keep one document per file (remove '---')",
                )
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, text, file, limits) from None
    finally:
        loader.dispose()
    doc.data = root
    return doc


def _clip(text: str, length: int = 80) -> str:
    """Shorten a value quoted in a message; an input may hold megabyte-long scalars."""
    return text if len(text) <= length else text[: length - 3] + "..."


# What libyaml or PyYAML reports, told apart by the stable part of its
# problem or context, and said in our own words.  The parser's wording may
# change with any release: an unrecognized problem still gets our generic
# code and message, never the parser's sentence.
_SYNTAX_KINDS: tuple[tuple[str, str, str, str], ...] = (
    ("mapping values are not allowed", "Y032", "a value contains ': ' without quotes", "put the value in quotes"),
    ("could not find expected ':'", "Y033", "a key has no ':' after it", "each key needs a ':' after it"),
    ("quoted scalar", "Y034", "a quote is opened but never closed", "close the quote on the same value"),
    ("flow sequence", "Y035", "a '[' is not closed by ']'", "close each bracket, or quote a value with brackets"),
    ("flow node", "Y035", "a '[' or '{' is not closed", "close each bracket, or quote a value with brackets"),
    ("flow mapping", "Y035", "a '{' is not closed by '}'", "close each brace, or quote a value with braces"),
    ("cannot start any token", "Y037", "a value starts with a character YAML reserves", "put the value in quotes"),
    ("block end", "Y036", "the indentation does not line up", "align keys of one level at the same column"),
    ("expected key", "Y036", "the indentation does not line up", "align keys of one level at the same column"),
    ("'-' indicator", "Y036", "a list item is not aligned with the others", "align the '-' of one list"),
)


# libyaml refuses nesting past this many levels whatever our limit says.
_PARSER_MAX_DEPTH = 1000


def _syntax_error(exc: yaml.YAMLError, text: str, file: str, limits: Limits) -> InputError:
    """Our own coded error for anything the YAML parser refuses."""
    if isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        code = f"{exc.character:04X}"
        return InputError(
            f"the file holds a control character (U+{code}) that YAML does not allow",
            location=Location(file, line, column),
            hint="remove the character or save the text again",
            code="Y038",
        )
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    location = Location(file, mark.line + 1, mark.column + 1) if mark is not None else Location(file, 1, 1)
    described = f"{getattr(exc, 'context', '') or ''} {getattr(exc, 'problem', '') or ''}"
    # libyaml stops deep nesting with a limit of its own, higher than ours:
    # measured at the mark, the depth is over our limit, so ours is the one
    # the user should hear about (and be told how to raise).
    depth_limit = min(limits.max_depth, _PARSER_MAX_DEPTH)
    if mark is not None and _flow_depth(text, mark.index + 1) > depth_limit:
        return InputError(
            f"document is nested deeper than {depth_limit} levels",
            location=location,
            hint=_limit_hint("depth"),
            code="Y021",
        )
    if mark is not None and _indented_with_tab(text, mark.index):
        return InputError("a tab is used for indentation", location=location, hint="indent with spaces", code="Y031")
    for needle, code, message, hint in _SYNTAX_KINDS:
        if needle in described:
            return InputError(message, location=location, hint=hint, code=code)
    return InputError(
        "the YAML is not well-formed here",
        location=location,
        hint="check the indentation, quotes and brackets at this point and the line before",
        code="Y030",
    )


def _indented_with_tab(text: str, index: int) -> bool:
    """Whether the line holding ``index`` (or the one before) is indented with a tab."""
    start = text.rfind("\n", 0, index) + 1
    previous = text.rfind("\n", 0, max(start - 1, 0)) + 1
    for line_start in (start, previous):
        line_end = text.find("\n", line_start)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if "\t" in line[: len(line) - len(line.lstrip(" \t"))]:
            return True
    return False


def _flow_depth(text: str, end: int) -> int:
    """How many '[' and '{' are open at ``end`` (quoted text skipped)."""
    depth = deepest = 0
    quote = ""
    for char in text[:end]:
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(depth - 1, 0)
    return deepest


def _load_json(text: str, file: str, limits: Limits) -> Document:
    doc = Document(data=None, file=file)
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                duplicates.append(key)
                continue
            result[key] = value
        return result

    values, depth = _json_shape(text, limits)
    if values > limits.max_nodes:
        raise InputError(
            f"document has more than {limits.max_nodes} values",
            location=Location(file, 1, 1),
            hint=_limit_hint("nodes"),
            code="Y020",
        )
    if depth > limits.max_depth:
        raise InputError(
            f"document is nested deeper than {limits.max_depth} levels",
            location=Location(file, 1, 1),
            hint=_limit_hint("depth"),
            code="Y021",
        )
    try:
        doc.data = json.loads(text, object_pairs_hook=pairs, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise InputError(
            "the JSON is not well-formed here",
            location=Location(file, exc.lineno, exc.colno),
            hint="check the quotes, commas and brackets at this point",
            code="Y040",
        ) from None
    except ValueError as exc:
        message = str(exc)
        if "integer string conversion" in message:
            # Python refuses to parse integers of more than 4300 digits; its
            # message names an interpreter setting the user cannot change.
            message = "a number has more than 4300 digits"
        raise InputError(
            message,
            location=Location(file, 1, 1),
            hint="write a finite number of ordinary size, or leave the value out",
            code="Y041",
        ) from None
    except RecursionError:
        raise InputError("document is nested too deeply", location=Location(file, 1, 1), code="Y021") from None
    for key in duplicates:
        doc.problems.append(
            Problem(
                Location(file, 1, 1),
                f"key {key!r} is defined twice in one object",
                code="E101",
                hint="remove one of them",
            )
        )
    return doc


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows; write a finite number or leave the value out")


# The "unrolled loop" form: one regex step per run of plain characters, not
# per character, which matters for megabyte-long strings.
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_JSON_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def _json_shape(text: str, limits: Limits) -> tuple[int, int]:
    """A lower bound of the values and the bracket nesting, cut short past the limits.

    Strings are cut out first so brackets and commas inside them do not
    count; the remaining work runs in the regex engine and ``str.count``
    rather than a Python loop over every character of a 10 MB file.  Each
    ``[`` or ``{`` outside strings is one value, and each ``,`` separates two
    elements of a collection, so the document holds at least
    ``max(containers, commas + 1)`` values: never more than the true count.
    """
    bare = _JSON_STRING.sub("", text)
    lower_bound = max(bare.count("[") + bare.count("{"), bare.count(",") + 1)
    if lower_bound > limits.max_nodes:
        return lower_bound, 0
    depth = best = 0
    for char in _JSON_NOT_BRACKET.sub("", bare):
        if char in "[{":
            depth += 1
            if depth > best:
                best = depth
                if best > limits.max_depth:
                    break
        else:
            depth -= 1
    return lower_bound, best


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Safe dumping whose output loads back to the same values."""


_LINE_BREAK_LOOKALIKES = ("\x85", "\u2028", "\u2029")


def _represent_str(dumper: Any, value: str) -> Any:
    # PyYAML writes NEL, LS and PS raw in plain and single-quoted scalars, and
    # a YAML reader takes them for line breaks; the double-quoted style
    # escapes them, so the text comes back unchanged.
    if any(ch in value for ch in _LINE_BREAK_LOOKALIKES):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_str(value)


_Dumper.add_representer(str, _represent_str)


def dump_yaml(data: Any, *, width: int = 100) -> str:
    """YAML text for ``data`` (plain values only) that :func:`load_document` reads back unchanged."""
    return str(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=width))
