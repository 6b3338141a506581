from django import forms
from django.utils.translation import gettext_lazy as _


class FinderForm(forms.Form):
    """The young person's municipality: a GET form, nothing stored, nothing remembered."""

    municipality = forms.ModelChoiceField(
        label=_("Your municipality"),
        queryset=None,
        to_field_name="code",
        empty_label=_("Choose your municipality"),
        error_messages={"invalid_choice": _("Choose a municipality from the list.")},
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["municipality"].label_from_instance = lambda m: m.name
