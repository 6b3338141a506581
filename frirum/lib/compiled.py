"""Reads whose SQL is built once per process and database, then run with new values.

Turning a queryset into SQL is ORM work of its own: for the signed-in user with their active
memberships (a user, a filtered join and two site joins), compiling cost more CPU than
sending the query and building the objects together, and every page asks it. A
`CompiledRead` builds its queryset once with placeholder values, keeps the SQL and how to
turn rows into objects, and afterwards only swaps the values in.

Only for reads by integer values (keys, ids) and text compared for equality, whose SQL
depends on the values' number alone: `pk=value` and `code=value` qualify, and so does
`pk__in=values` with a plan per length (`arity=None`); a text search does not (the ORM
rewrites its value into a pattern). Each placeholder must reach the SQL as a parameter
unchanged, at least once; compiling refuses anything else rather than guess.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators

# Values no real row carries, one per parameter: they mark where each value goes.
_PLACEHOLDER_BASE = -918_273_645_000
# At most this many values: a read by more goes through the ORM (`fits`).
MAX_VALUES = 16


def _placeholders(count: int) -> tuple[int, ...]:
    return tuple(_PLACEHOLDER_BASE - i for i in range(1, count + 1))


@dataclass(frozen=True)
class _Plan:
    sql: str
    params: tuple
    slots: tuple[tuple[int, ...], ...]  # parameter positions of each value
    model: type[Model]
    init_list: tuple[str, ...]
    model_start: int
    model_end: int
    populators: tuple
    converters: tuple  # (position, converter functions, expression)
    annotations: tuple[tuple[str, int], ...]


class CompiledRead:
    """`CompiledRead(lambda user_id: User.objects.filter(pk=user_id))`; then
    `read.fetch(42)` is that queryset's list of objects, with its select_related objects,
    for 42. `build` takes one argument per value and must not look at them (they are
    placeholders when it is called). With `arity=None` it takes any number of values
    (1 to MAX_VALUES), e.g. `lambda *pks: Term.objects.filter(pk__in=pks)`, compiled once
    per number."""

    def __init__(self, build: Callable[..., QuerySet], *, arity: int | None = 1):
        if arity is not None and not 1 <= arity <= MAX_VALUES:
            raise ValueError(f"arity must be between 1 and {MAX_VALUES}")
        self._build = build
        self._arity = arity
        self._plans: dict[tuple[str, int], _Plan] = {}
        self._lock = threading.Lock()

    def fits(self, count: int) -> bool:
        """Whether a read by `count` values can be compiled."""
        return count == self._arity if self._arity is not None else 1 <= count <= MAX_VALUES

    def fetch(self, *values, using: str = DEFAULT_DB_ALIAS) -> list:
        if not self.fits(len(values)):
            expected = self._arity or f"1 to {MAX_VALUES}"
            raise TypeError(f"expected {expected} values, got {len(values)}")
        plan = self._plans.get((using, len(values)))
        if plan is None:
            plan = self._compile(using, len(values))
        params = list(plan.params)
        for positions, value in zip(plan.slots, values, strict=True):
            for position in positions:
                params[position] = value
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(plan.sql, params)
            rows = cursor.fetchall()
        return [self._object(plan, row, using, connection) for row in rows]

    def _object(self, plan: _Plan, row, using: str, connection):
        if plan.converters:
            row = list(row)
            for position, functions, expression in plan.converters:
                value = row[position]
                for function in functions:
                    value = function(value, expression, connection)
                row[position] = value
        obj = plan.model.from_db(using, plan.init_list, row[plan.model_start : plan.model_end])
        for populator in plan.populators:
            populator.populate(row, obj)
        for name, position in plan.annotations:
            setattr(obj, name, row[position])
        return obj

    def _compile(self, using: str, count: int) -> _Plan:
        with self._lock:
            plan = self._plans.get((using, count))
            if plan is not None:
                return plan
            placeholders = _placeholders(count)
            queryset = self._build(*placeholders)
            if queryset._known_related_objects or queryset._prefetch_related_lookups:
                raise ImproperlyConfigured("A compiled read cannot prefetch or carry objects.")
            compiler = queryset.query.get_compiler(using=using)
            sql, params = compiler.as_sql()
            params = tuple(params)
            slots = tuple(
                # A text field's equality takes the placeholder as its text.
                tuple(
                    i
                    for i, param in enumerate(params)
                    if param == placeholder or param == str(placeholder)
                )
                for placeholder in placeholders
            )
            if not all(slots):
                raise ImproperlyConfigured(
                    "Every value of a compiled read must reach its SQL as a parameter."
                )
            select, klass_info = compiler.select, compiler.klass_info
            select_fields = klass_info["select_fields"]
            start, end = select_fields[0], select_fields[-1] + 1
            # The backend's converters are bound to the compiling connection's operations;
            # they read only its settings (e.g. the time zone), the same for every
            # connection to this database, so any thread may use them.
            converters = compiler.get_converters(
                [column[0] for column in select[: compiler.col_count]]
            )
            plan = _Plan(
                sql=sql,
                params=params,
                slots=slots,
                model=klass_info["model"],
                init_list=tuple(column[0].target.attname for column in select[start:end]),
                model_start=start,
                model_end=end,
                populators=tuple(get_related_populators(klass_info, select, using)),
                converters=tuple(
                    (position, tuple(functions), expression)
                    for position, (functions, expression) in converters.items()
                ),
                annotations=tuple(compiler.annotation_col_map.items()),
            )
            self._plans[(using, count)] = plan
            return plan
