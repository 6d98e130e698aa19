"""Models built without validation, from values the engine already knows to be valid.

The engine sets a model's fields without running pydantic's validators.  This
is safe because every value comes from data already validated -- the profile
(validated when it was loaded), the rule pack (validated and compiled when it
was loaded) -- or is computed by the engine with the field's own type (floats
as ``float``, lists as ``list``, literals from the pack's own literal fields);
validating it again would check what cannot be wrong and costs most of the
time of an advice.  The tests hold this to account: every advice they make
must validate back from its JSON to an equal model, and every model's fields
must be in its declared order (``tests/test_engine.py``), so the JSON is byte
for byte what validated models would give.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

__all__ = ["complete", "completes", "make"]

M = TypeVar("M", bound=BaseModel)

# The slots every model has, set through their descriptors: a third of the
# cost of object.__setattr__ by name, for some 120 models per advice.
_new = object.__new__
_slots = vars(BaseModel)
_set_dict = _slots["__dict__"].__set__
_set_fields = _slots["__pydantic_fields_set__"].__set__
_set_extra = _slots["__pydantic_extra__"].__set__
_set_private = _slots["__pydantic_private__"].__set__


class _Shape:
    """A model class's fields in declared order: defaults to copy, factories of mutable defaults, all names."""

    __slots__ = ("factories", "fields", "template")

    def __init__(self, cls: type[BaseModel]) -> None:
        self.template: dict[str, Any] = {}
        self.factories: dict[str, Callable[[], Any]] = {}
        for name, info in cls.model_fields.items():
            if info.default_factory is not None:
                self.template[name] = None
                self.factories[name] = info.default_factory  # type: ignore[assignment]
            else:
                self.template[name] = None if info.default is PydanticUndefined else info.default
        # Every field is given its final value here: all of them count as set.
        self.fields = set(self.template)


_SHAPES: dict[type[BaseModel], _Shape] = {}


def make(cls: type[M], values: dict[str, Any]) -> M:
    """A model of ``cls`` with ``values`` and the defaults of the fields not given, without validation.

    Like ``cls.model_construct(**values)`` (fields in declared order, mutable
    defaults fresh) at a fraction of its cost; see the module docstring for
    why no validation is needed.  Every field counts as set
    (``model_fields_set``): the engine decided each value, defaults included.
    """
    shape = _shape(cls)
    data = shape.template.copy()
    data.update(values)
    factories = shape.factories
    if factories:
        for name in factories.keys() - values.keys():
            data[name] = factories[name]()
    return _instance(cls, data, shape)


def complete(cls: type[M], data: dict[str, Any]) -> M:
    """:func:`make` for ``data`` that already holds every field of ``cls``, in declared order."""
    # _instance spelled out: this runs for most of the ~120 models of an advice.
    fields = _FIELDS.get(cls)
    if fields is None:
        fields = _FIELDS[cls] = _shape(cls).fields
    model = _new(cls)
    _set_dict(model, data)
    _set_fields(model, fields)
    _set_extra(model, None)
    _set_private(model, None)
    return model


_FIELDS: dict[type[BaseModel], set[str]] = {}


def completes(cls: type[M], datas: list[dict[str, Any]]) -> list[M]:
    """:func:`complete` of each of ``datas``, in one call."""
    fields = _FIELDS.get(cls)
    if fields is None:
        fields = _FIELDS[cls] = _shape(cls).fields
    out = []
    for data in datas:
        model = _new(cls)
        _set_dict(model, data)
        _set_fields(model, fields)
        _set_extra(model, None)
        _set_private(model, None)
        out.append(model)
    return out


def _shape(cls: type[BaseModel]) -> _Shape:
    shape = _SHAPES.get(cls)
    if shape is None:
        shape = _SHAPES[cls] = _Shape(cls)
    return shape


def _instance(cls: type[M], data: dict[str, Any], shape: _Shape) -> M:
    """The model of ``cls`` holding ``data``, every field set, as pydantic's own constructors leave it."""
    model = _new(cls)
    _set_dict(model, data)
    _set_fields(model, shape.fields)
    _set_extra(model, None)
    _set_private(model, None)
    return model
