"""Reads whose SQL is built once per process and database, then run with new values.

Turning a queryset into SQL is ORM work of its own: for the signed-in user with their active
memberships (a user, a filtered join and two site joins), compiling cost more CPU than
sending the query and building the objects together, and every page asks it. A
`CompiledRead` builds its queryset once with placeholder values, keeps the SQL and how to
turn rows into objects, and afterwards only swaps the values in.

Only for reads by integer values (keys, ids) whose SQL does not depend on the values
themselves: `pk=value` qualifies, `pk__in=values` does not (the list's length is in the SQL),
nor does a text lookup (the ORM rewrites its value into a pattern). Each placeholder must
reach the SQL as a parameter unchanged, at least once; compiling refuses anything else
rather than guess.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators

# Values no real row carries, one per parameter: they mark where each value goes.
_PLACEHOLDERS = (-918_273_645_001, -918_273_645_002, -918_273_645_003, -918_273_645_004)


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
    placeholders when it is called)."""

    def __init__(self, build: Callable[..., QuerySet], *, arity: int = 1):
        if not 1 <= arity <= len(_PLACEHOLDERS):
            raise ValueError(f"arity must be between 1 and {len(_PLACEHOLDERS)}")
        self._build = build
        self._arity = arity
        self._plans: dict[str, _Plan] = {}
        self._lock = threading.Lock()

    def fetch(self, *values, using: str = DEFAULT_DB_ALIAS) -> list:
        if len(values) != self._arity:
            raise TypeError(f"expected {self._arity} values, got {len(values)}")
        plan = self._plans.get(using)
        if plan is None:
            plan = self._compile(using)
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

    def _compile(self, using: str) -> _Plan:
        with self._lock:
            plan = self._plans.get(using)
            if plan is not None:
                return plan
            placeholders = _PLACEHOLDERS[: self._arity]
            queryset = self._build(*placeholders)
            if queryset._known_related_objects or queryset._prefetch_related_lookups:
                raise ImproperlyConfigured("A compiled read cannot prefetch or carry objects.")
            compiler = queryset.query.get_compiler(using=using)
            sql, params = compiler.as_sql()
            params = tuple(params)
            slots = tuple(
                tuple(i for i, param in enumerate(params) if param == placeholder)
                for placeholder in placeholders
            )
            if not all(slots):
                raise ImproperlyConfigured(
                    "Every value of a compiled read must reach its SQL as a parameter."
                )
            select, klass_info = compiler.select, compiler.klass_info
            select_fields = klass_info["select_fields"]
            start, end = select_fields[0], select_fields[-1] + 1
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
            self._plans[using] = plan
            return plan
