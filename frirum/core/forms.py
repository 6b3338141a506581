from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.forms.renderers import TemplatesSetting

from frirum.core import widget_html
from frirum.lib.params import integer_bounds, parse_int


class FrirumFormRenderer(TemplatesSetting):
    """Renders every form in the design system's markup, errors next to their fields."""

    form_template_name = "includes/form.html"
    field_template_name = "includes/field.html"

    def render(self, template_name, context, request=None):
        # Selects and option lists in Python (frirum.core.widget_html): the same markup.
        build = widget_html.RENDERERS.get(template_name)
        if build is not None and "widget" in context:
            return build(context["widget"])
        return super().render(template_name, context, request=request)


class ChoiceListIterator(ModelChoiceIterator):
    """Reads a field's choices with one plain query. Django's own streams them with
    `.iterator()`, which on PostgreSQL opens a server-side cursor (DECLARE, FETCH and CLOSE:
    three round trips and a held cursor per field) for a list of a few dozen rows; the
    registration form has eight such fields."""

    def __init__(self, field):
        # Django's reads the field's queryset here; a deferred one is built when iterated.
        self.field = field

    @property
    def queryset(self):
        return self.field.queryset

    def _objects(self):
        known = getattr(self.field, "objects", None)
        return self.queryset if known is None else known

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self._objects():
            yield self.choice(obj)

    def __len__(self):
        # From the same read as the choices (Django's counts them in a query of its own).
        return len(self._objects()) + (1 if self.field.empty_label is not None else 0)


class Deferred:
    """A field's choices, built only when something asks for them: `field.queryset =
    Deferred(Term, lambda: offered_terms(...))`. Building a queryset is ORM work of its own,
    and a form built every one of its fields' querysets for each POST, while a valid
    registration reads one of them (the rest are chosen from `known` objects, or empty)."""

    __slots__ = ("among", "build", "model")

    def __init__(self, model, build, *, among=None):
        self.model = model
        self.build = build
        # A CompiledRead (frirum.lib.compiled) of the choices among given keys,
        # `lambda *pks: <the choices>.filter(pk__in=pks)`: a multiple choice is then checked
        # without building the queryset at all.
        self.among = among


class _RecordChoices:
    """What both record choice fields share: a queryset that may be Deferred."""

    iterator = ChoiceListIterator
    known: dict | None = None
    _deferred: Deferred | None = None

    def _get_queryset(self):
        if self._deferred is not None:
            deferred, self._deferred = self._deferred, None
            self._queryset = deferred.build()
        return self._queryset

    def _set_queryset(self, queryset):
        if isinstance(queryset, Deferred):
            self._deferred = queryset
            self._queryset = None
            self.widget.choices = self.choices
        else:
            self._deferred = None
            forms.ModelChoiceField._set_queryset(self, queryset)

    queryset = property(_get_queryset, _set_queryset)

    def __deepcopy__(self, memo):
        if self._deferred is None:
            return super().__deepcopy__(memo)
        result = forms.Field.__deepcopy__(self, memo)
        result.queryset = self._deferred  # still not built
        return result

    @property
    def model(self):
        return self._deferred.model if self._deferred is not None else self.queryset.model

    def _key_bounds(self, key: str):
        meta = self.model._meta
        return integer_bounds(meta.pk if key == "pk" else meta.get_field(key))


def _invalid_choice(field, value) -> ValidationError:
    return ValidationError(
        field.error_messages["invalid_choice"],
        code="invalid_choice",
        params={"value": str(value)[:20]},
    )


def _known_only(known: dict, values) -> list | None:
    """The known objects for `values` (keys as text), or None if any is not known."""
    found = {}
    for value in values:
        obj = known.get(str(value))
        if obj is None:
            return None
        found[str(value)] = obj
    return list(found.values())


class SafeModelMultipleChoiceField(_RecordChoices, forms.ModelMultipleChoiceField):
    """A multiple choice of records that refuses a value its key column cannot hold before
    the database sees it: `id IN (99999999999999999999999)` overflows in SQLite and
    PostgreSQL (a 500), where it must be an error next to the field.

    `known` maps keys (as text) to objects already read that are certainly among the
    choices (e.g. the signed-in counsellor at their own site): a choice of only those is
    accepted without a query, and without building the field's queryset."""

    def _answered(self, key: str, chosen: list):
        """A queryset of `chosen`, already read: what the field's query would answer,
        without asking it (the objects' keys alone select them)."""
        qs = self.model._default_manager.filter(**{f"{key}__in": [getattr(o, key) for o in chosen]})
        qs._result_cache = chosen
        return qs

    def _check_values(self, value):
        if not isinstance(value, (list, tuple)):
            return super()._check_values(value)
        key = self.to_field_name or "pk"
        bounds = self._key_bounds(key)
        if bounds is None:
            return super()._check_values(value)
        for pk in value:
            if parse_int(pk, minimum=bounds[0], maximum=bounds[1]) is None:
                raise _invalid_choice(self, pk)
        keys = frozenset(str(pk) for pk in value)
        chosen = _known_only(self.known, keys) if self.known else None
        if chosen is not None:
            return self._answered(key, chosen)
        among = self._deferred.among if self._deferred is not None else None
        if among is not None and key == "pk" and among.fits(len(keys)):
            qs = self._answered(key, among.fetch(*sorted(int(pk) for pk in keys)))
        else:
            # Every key is a well-formed integer: one query, not Django's filter per key.
            qs = self.queryset.filter(**{f"{key}__in": keys})
        found = {str(getattr(obj, key)) for obj in qs}
        for pk in keys:
            if pk not in found:
                raise _invalid_choice(self, pk)
        return qs

    def clean(self, value):
        if not self.required and not self.prepare_value(value):
            # Django answers "none chosen" with `queryset.none()`, which builds the field's
            # queryset, and asking that whether it is empty compiles a query that is never
            # sent. Known empty, it answers at once and stays a queryset for whoever
            # filters it.
            cleaned = self.model._default_manager.none()
            cleaned._result_cache = []
            return cleaned
        return super().clean(value)


class SafeModelChoiceField(_RecordChoices, forms.ModelChoiceField):
    """A single choice of records, with the same refusal as SafeModelMultipleChoiceField.

    `objects`, when set, is the whole list of choices, already read (e.g. the user's sites
    from their memberships): the field offers and accepts exactly those without a query.
    `known`, as for the multiple choice, holds some choices already read (e.g. the site's
    own municipality): choosing one of them needs no query."""

    objects: list | None = None

    def to_python(self, value):
        if value not in self.empty_values:
            key = self.to_field_name or "pk"
            bounds = self._key_bounds(key)
            if (
                bounds is not None
                and parse_int(value, minimum=bounds[0], maximum=bounds[1]) is None
            ):
                raise _invalid_choice(self, value)
            known = self.known
            if self.objects is not None:
                known = {str(getattr(obj, key)): obj for obj in self.objects}
            chosen = _known_only(known, [value]) if known else None
            if chosen:
                return chosen[0]
            if self.objects is not None:
                raise _invalid_choice(self, value)  # not among the choices
        return super().to_python(value)
