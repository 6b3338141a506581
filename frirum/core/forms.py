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

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)

    def __len__(self):
        # From the same read as the choices (Django's counts them in a query of its own).
        return len(self.queryset) + (1 if self.field.empty_label is not None else 0)


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice of records that refuses a value its key column cannot hold before
    the database sees it: `id IN (99999999999999999999999)` overflows in SQLite and
    PostgreSQL (a 500), where it must be an error next to the field."""

    iterator = ChoiceListIterator

    def _check_values(self, value):
        if isinstance(value, (list, tuple)):
            key = self.to_field_name or "pk"
            field = self.queryset.model._meta.get_field(key) if key != "pk" else None
            field = field or self.queryset.model._meta.pk
            bounds = integer_bounds(field)
            if bounds is not None:
                for pk in value:
                    if parse_int(pk, minimum=bounds[0], maximum=bounds[1]) is None:
                        raise ValidationError(
                            self.error_messages["invalid_choice"],
                            code="invalid_choice",
                            params={"value": str(pk)[:20]},
                        )
        return super()._check_values(value)


class SafeModelChoiceField(forms.ModelChoiceField):
    """A single choice of records, with the same refusal as SafeModelMultipleChoiceField."""

    iterator = ChoiceListIterator

    def to_python(self, value):
        if value not in self.empty_values:
            key = self.to_field_name or "pk"
            field = self.queryset.model._meta.get_field(key) if key != "pk" else None
            bounds = integer_bounds(field or self.queryset.model._meta.pk)
            if (
                bounds is not None
                and parse_int(value, minimum=bounds[0], maximum=bounds[1]) is None
            ):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(value)[:20]},
                )
        return super().to_python(value)
