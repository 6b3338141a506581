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


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice of records that refuses a value its key column cannot hold before
    the database sees it: `id IN (99999999999999999999999)` overflows in SQLite and
    PostgreSQL (a 500), where it must be an error next to the field.

    `known` maps keys (as text) to objects already read that are certainly among the
    choices (e.g. the signed-in counsellor at their own site): a choice of only those is
    accepted without a query."""

    iterator = ChoiceListIterator
    known: dict | None = None

    def _check_values(self, value):
        if isinstance(value, (list, tuple)):
            key = self.to_field_name or "pk"
            field = self.queryset.model._meta.get_field(key) if key != "pk" else None
            field = field or self.queryset.model._meta.pk
            bounds = integer_bounds(field)
            if bounds is not None:
                for pk in value:
                    if parse_int(pk, minimum=bounds[0], maximum=bounds[1]) is None:
                        raise _invalid_choice(self, pk)
            chosen = _known_only(self.known, value) if self.known and value else None
            if chosen is not None:
                key = self.to_field_name or "pk"
                qs = self.queryset.filter(**{f"{key}__in": [getattr(o, key) for o in chosen]})
                qs._result_cache = chosen  # what the query would answer, without asking it
                return qs
        return super()._check_values(value)

    def clean(self, value):
        cleaned = super().clean(value)
        if not self.required and not value:
            # Django answers "none chosen" with `queryset.none()`, and asking that whether it
            # is empty compiles a query that is never sent: a registration asked four times.
            # Known empty, it answers at once and stays a queryset for whoever filters it.
            cleaned._result_cache = []
        return cleaned


class SafeModelChoiceField(forms.ModelChoiceField):
    """A single choice of records, with the same refusal as SafeModelMultipleChoiceField.

    `objects`, when set, is the whole list of choices, already read (e.g. the user's sites
    from their memberships): the field offers and accepts exactly those without a query.
    `known`, as for the multiple choice, holds some choices already read (e.g. the site's
    own municipality): choosing one of them needs no query."""

    iterator = ChoiceListIterator
    objects: list | None = None
    known: dict | None = None

    def to_python(self, value):
        if value not in self.empty_values:
            key = self.to_field_name or "pk"
            field = self.queryset.model._meta.get_field(key) if key != "pk" else None
            bounds = integer_bounds(field or self.queryset.model._meta.pk)
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
