from django import forms
from django.utils.translation import gettext_lazy as _

from frirum.core.forms import SafeModelChoiceField
from frirum.lib.anonymity import validate_anonymous_text
from frirum.people.models import Gender
from frirum.sites.models import Municipality

NICKNAME_HELP = _(
    "A name the young person chooses for themselves; never their real name. Optional."
)


class DesignSystemForm(forms.Form):
    """Gives inputs and selects the design system's classes (the markup comes from the
    project's form renderer; the widgets need the class)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, (forms.CheckboxInput, forms.RadioSelect, forms.HiddenInput)):
                continue
            if isinstance(widget, forms.CheckboxSelectMultiple):
                continue
            css = "form-select" if isinstance(widget, forms.Select) else "form-input"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


def municipality_field(**kwargs) -> forms.ModelChoiceField:
    return SafeModelChoiceField(
        queryset=Municipality.objects.order_by("name"),
        required=False,
        empty_label=_("Unknown"),
        **kwargs,
    )


class YouthForm(DesignSystemForm):
    nickname = forms.CharField(
        label=_("Nickname"),
        max_length=40,
        required=False,
        help_text=NICKNAME_HELP,
        validators=[validate_anonymous_text],
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, initial=Gender.UNKNOWN)
    residence_municipality = municipality_field(label=_("Residence municipality"))


class YouthSearchForm(DesignSystemForm):
    q = forms.CharField(
        label=_("Find a young person"),
        required=False,
        max_length=64,
        help_text=_("Nickname or pseudonym code"),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
