from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frirum.core.forms import SafeModelChoiceField
from frirum.lib.anonymity import validate_anonymous_text
from frirum.volunteers.models import Qualification, Step

# A date input's value is ISO whatever the language: a Danish "29.11.2026" shows as empty.
DATE_WIDGET = forms.DateInput(attrs={"type": "date", "class": "form-input"}, format="%Y-%m-%d")


class ApplicationForm(forms.Form):
    full_name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))
    on = forms.DateField(
        label=_("Application received"), widget=DATE_WIDGET, initial=timezone.localdate
    )
    note = forms.CharField(
        label=_("What the volunteer wants to share"),
        max_length=300,
        required=False,
        validators=[validate_anonymous_text],
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-input"}),
        help_text=_("Optional and short: experience, wishes. Never anything about young people."),
    )


class StepForm(forms.Form):
    step = forms.ChoiceField(label=_("Step"), choices=Step.choices)
    on = forms.DateField(label=_("Date"), widget=DATE_WIDGET, initial=timezone.localdate)


class GrantForm(forms.Form):
    qualification = SafeModelChoiceField(
        label=_("Qualification"), queryset=Qualification.objects.order_by("name")
    )
    on = forms.DateField(label=_("Granted"), widget=DATE_WIDGET, initial=timezone.localdate)
