"""The error summary's entries: each error of a form with the id of the control it belongs to."""

from django import forms, template

register = template.Library()

MULTIPLE_CHOICE = (forms.RadioSelect, forms.CheckboxSelectMultiple)


def error_anchor(bound_field) -> str:
    """The id the summary links to: the control itself, or the first of a group of choices.
    A form can name another control (e.g. a search box standing in for a hidden choice) in
    the field's `error_anchor`."""
    field = bound_field.field
    if getattr(field, "error_anchor", None):
        return field.error_anchor
    if isinstance(field.widget, MULTIPLE_CHOICE):
        return f"{bound_field.auto_id}_0"
    return bound_field.auto_id


def _form_entries(form) -> list[tuple[str, str, str]]:
    if form is None or not hasattr(form, "non_field_errors") or not form.errors:
        return []
    entries = [("", "", str(message)) for message in form.non_field_errors()]
    for bound_field in form:
        for message in bound_field.errors:
            entries.append((error_anchor(bound_field), str(bound_field.label), str(message)))
    return entries


@register.simple_tag(takes_context=True)
def form_error_entries(context) -> list[tuple[str, str, str]]:
    """The page's `form` and, if there is one, its `formset` (missing variables are fine)."""
    return error_entries(context.get("form"), context.get("formset"))


def error_entries(form, formset=None) -> list[tuple[str, str, str]]:
    """(anchor, label, message) for every error, in the order of the form's fields; errors
    of the form as a whole first, without an anchor. A formset on the same page (rows of
    participants, new relatives) adds its errors after the form's."""
    entries = _form_entries(form)
    if formset is not None and hasattr(formset, "non_form_errors") and formset.is_bound:
        entries += [("", "", str(message)) for message in formset.non_form_errors()]
        for row in formset.forms:
            entries += _form_entries(row)
    return entries
