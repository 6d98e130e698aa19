"""The YAML reader: Python values built from the parser's event stream, within the limits, with positions.

PyYAML's composer recurses in C for nested collections and crashes the
interpreter on deeply nested input, and it silently keeps the last of two equal
keys.  So values are built here from the parser's event stream (iterative, in
libyaml when present), enforcing limits on depth, node count and alias
expansion (the "billion laughs" bomb) as they go, reporting duplicate keys and
recording the 1-based line and column of every key and value.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from asn_advisor._base.document import Document, PathKey
from asn_advisor._base.limits import Limits, limit_hint
from asn_advisor._base.yaml_errors import clip, syntax_error
from asn_advisor.errors import InputError, Location, Problem
from asn_advisor.i18n import Message

__all__ = ["MAX_INT_DIGITS", "load_yaml"]

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

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
    shown = clip(text)
    if tag == _INT_TAG and body[:2].lower() in ("0x", "0b"):
        raise InputError(
            Message("the number {value} is hexadecimal or binary", value=repr(shown)),
            location=location,
            hint=Message("write the number in decimal"),
        )
    if ":" in body:
        raise InputError(
            Message("{value} is a base-60 number to YAML (1:10 reads as 70)", value=repr(shown)),
            location=location,
            hint=Message("quote it if it is a time or a ratio ('1:10'), or write the number in decimal"),
        )
    if "_" in body:
        raise InputError(
            Message("the number {value} has '_' between its digits", value=repr(shown)),
            location=location,
            hint=Message("write the number without '_'"),
        )
    if tag == _INT_TAG and len(body) > 1 and body.startswith("0"):
        raise InputError(
            Message("the number {value} starts with 0, which YAML reads as octal", value=repr(shown)),
            location=location,
            hint=Message("write it without the leading 0, or quote it if it is a code ('075')"),
        )
    if tag == _INT_TAG and len(body) > MAX_INT_DIGITS:
        raise InputError(
            Message(
                "the number has {count} digits, more than the {limit} a number may have",
                count=len(body),
                limit=MAX_INT_DIGITS,
            ),
            location=location,
            hint=Message("no indicator needs such a number; check the value"),
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


def load_yaml(text: str, file: str, limits: Limits) -> Document:
    """Build the values of one YAML document from the parser's events, within ``limits``."""
    reader = _EventReader(text, file, limits)
    try:
        reader.read()
    except yaml.YAMLError as exc:
        raise syntax_error(exc, text, file, limits) from None
    finally:
        reader.loader.dispose()
    reader.doc.data = reader.root
    return reader.doc


class _EventReader:
    """Reading one document: the collections still open, the anchors seen, and the count of values."""

    def __init__(self, text: str, file: str, limits: Limits) -> None:
        self.doc = Document(data=None, file=file)
        self.file = file
        self.limits = limits
        self.loader = _Loader(text)
        self.constructor = _Constructor()
        self.anchors: dict[str, tuple[Any, int, int]] = {}
        self.stack: list[_Frame] = []
        self.nodes = 0
        self.root_set = False
        self.root: Any = None

    def read(self) -> None:
        """Take every event of the stream in turn."""
        loader = self.loader
        while True:
            event = loader.get_event()
            if event is None:
                break
            kind = type(event)
            if kind is yaml.ScalarEvent:
                self.scalar(event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self.start(event, kind is yaml.MappingStartEvent)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = self.stack.pop()
                if frame.anchor:
                    self.anchors[frame.anchor] = (frame.container, frame.size, frame.height)
                self.attach(frame.container, frame.size, frame.start, None, False, frame.height)
            elif kind is yaml.AliasEvent:
                self.alias(event)
            elif kind is yaml.DocumentStartEvent and self.root_set:
                raise InputError(
                    Message("file holds more than one YAML document"),
                    code="Y016",
                    location=Location(self.file, *_mark(event)),
                    hint=Message("keep one document per file (remove '---')"),
                )

    def too_many(self, event: Any) -> InputError:
        return InputError(
            Message("document has more than {count} values", count=self.limits.max_nodes),
            location=Location(self.file, *_mark(event)),
            hint=limit_hint("nodes"),
            code="Y020",
        )

    def scalar(self, event: Any) -> None:
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            raise self.too_many(event)
        value = self.scalar_value(event)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1, 0)
        self.attach(value, 1, _mark(event), event.style, True)

    def scalar_value(self, event: Any) -> Any:
        """The value of a scalar: plain decimals and plain text directly, the rest through its tag."""
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
                tag = self.loader.resolve(yaml.ScalarNode, text_value, event.implicit)
        self.check_tag(event, tag)
        if fast is _NO_FAST_VALUE and tag in (_INT_TAG, _FLOAT_TAG):
            _check_number(event.value, tag, Location(self.file, *_mark(event)))
        if fast is not _NO_FAST_VALUE:
            return fast
        if tag == _STR_TAG:
            return event.value
        if tag == _NULL_TAG:
            return None
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return _SCALAR_CONSTRUCTORS[tag](self.constructor, node)
        except (ConstructorError, ValueError, OverflowError) as exc:
            raise InputError(
                Message("cannot read value {value}: {reason}", value=repr(clip(event.value)), reason=clip(str(exc))),
                location=Location(self.file, *_mark(event)),
                code="Y014",
            ) from None

    def check_tag(self, event: Any, tag: str) -> None:
        """Refuse merge keys and every tag but the plain scalar ones."""
        if tag == "tag:yaml.org,2002:merge":
            raise InputError(
                Message("YAML merge keys (<<) are not supported"),
                location=Location(self.file, *_mark(event)),
                hint=Message("write the keys out"),
                code="Y013",
            )
        if tag not in _ALLOWED_TAGS or tag in ("tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"):
            raise InputError(
                Message("YAML tag {tag} is not allowed", tag=repr(event.tag or tag)),
                location=Location(self.file, *_mark(event)),
                hint=Message("write plain values without ! tags"),
                code="Y012",
            )

    def start(self, event: Any, is_map: bool) -> None:
        """Open a mapping or a sequence, within the count and depth limits."""
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            raise self.too_many(event)
        if len(self.stack) >= self.limits.max_depth:
            raise InputError(
                Message("document is nested deeper than {limit} levels", limit=self.limits.max_depth),
                location=Location(self.file, *_mark(event)),
                hint=limit_hint("depth"),
                code="Y021",
            )
        if event.tag not in (None, "!", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"):
            raise InputError(
                Message("YAML tag {tag} is not allowed", tag=repr(event.tag)),
                location=Location(self.file, *_mark(event)),
                hint=Message("write plain values without ! tags"),
                code="Y012",
            )
        self.stack.append(_Frame({} if is_map else [], is_map, self.child_path(), event.anchor, _mark(event)))

    def alias(self, event: Any) -> None:
        """Use an anchored value again, counting its values and nesting where it is used."""
        if event.anchor not in self.anchors:
            raise InputError(
                Message("unknown alias *{alias}", alias=event.anchor),
                location=Location(self.file, *_mark(event)),
                code="Y015",
            )
        value, size, height = self.anchors[event.anchor]
        if len(self.stack) + height > self.limits.max_depth:
            # The alias is shared, not copied, but every consumer
            # (validation, JSON output) walks it as if it were written
            # out, so its nesting counts where it is used.
            raise InputError(
                Message(
                    "the alias *{alias} nests the document deeper than {limit} levels",
                    alias=event.anchor,
                    limit=self.limits.max_depth,
                ),
                code="Y022",
                location=Location(self.file, *_mark(event)),
                hint=limit_hint("depth"),
            )
        self.nodes += size
        if self.nodes > self.limits.max_nodes:
            raise InputError(
                Message("aliases expand the document past {count} values", count=self.limits.max_nodes),
                code="Y023",
                location=Location(self.file, *_mark(event)),
                hint=Message("this looks like an alias bomb; write the values out"),
            )
        self.attach(value, size, _mark(event), None, False, height)

    def attach(
        self, value: Any, size: int, path_mark: tuple[int, int], style: str | None, is_scalar: bool, height: int = 0
    ) -> None:
        """Put a finished value into the collection open around it (a key waits for its value)."""
        doc, file, stack = self.doc, self.file, self.stack
        if not stack:
            self.root, self.root_set = value, True
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
                        Message("a mapping key must be a plain value, not a list or mapping"),
                        hint=Message("write the key as a word or a number"),
                        code="Y010",
                        location=Location(file, *path_mark),
                    ) from None
                if isinstance(value, float) and math.isnan(value):
                    raise InputError(
                        Message("a mapping key cannot be NaN"), location=Location(file, *path_mark), code="Y011"
                    )
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
                        Message(
                            "key {key} is defined twice in this mapping (first at line {line})",
                            key=repr(key),
                            line=first[0],
                        ),
                        code="E101",
                        hint=Message("remove or rename one of them; only one value can count"),
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

    def child_path(self) -> PathKey:
        """The path of the next value: under the pending key, or at the end of the open sequence."""
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if frame.is_map:
            return (*frame.path, frame.key) if frame.pending_key else (*frame.path, "<key>")
        return (*frame.path, len(frame.container))
