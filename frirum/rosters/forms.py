import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frirum.core.forms import SafeModelMultipleChoiceField
from frirum.rosters.models import RosterProfile, RosterSettings, ShiftTemplate
from frirum.volunteers.models import Qualification

DATE = {"type": "date", "class": "form-input"}
TIME = {"type": "time", "class": "form-input"}


# A date or time input's value is ISO whatever the language: a Danish "29.11.2026" shows as
# empty.
def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs=DATE, format="%Y-%m-%d")


def _time_input() -> forms.TimeInput:
    return forms.TimeInput(attrs=TIME, format="%H:%M")


class ShiftTemplateForm(forms.ModelForm):
    required = SafeModelMultipleChoiceField(
        label=_("Required qualifications"),
        queryset=Qualification.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Everyone on the shift must hold all of these."),
    )

    class Meta:
        model = ShiftTemplate
        fields = [
            "weekday",
            "label",
            "starts",
            "ends",
            "min_counsellors",
            "max_counsellors",
            "required",
            "valid_from",
            "valid_to",
        ]
        widgets = {
            "starts": _time_input(),
            "ends": _time_input(),
            "valid_from": _date_input(),
            "valid_to": _date_input(),
        }

    def clean(self):
        data = super().clean()
        low, high = data.get("min_counsellors"), data.get("max_counsellors")
        if low is not None and high is not None and low > high:
            self.add_error("max_counsellors", _("At most cannot be less than at least."))
        if high == 0:
            self.add_error("max_counsellors", _("At least one person is needed."))
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends and ends <= starts:
            self.add_error("ends", _("The shift must end after it starts."))
        return data


class GenerateForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=_date_input())
    end = forms.DateField(label=_("Up to and including"), widget=_date_input())

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The end cannot be before the start."))
            elif (end - start).days > 366:
                self.add_error("end", _("Generate at most a year at a time."))
            elif start < timezone.localdate() - dt.timedelta(days=31):
                self.add_error("start", _("Rosters are made for the future."))
        return data


class RosterSettingsForm(forms.ModelForm):
    class Meta:
        model = RosterSettings
        fields = ["release_needs_approval"]


class ProfileForm(forms.ModelForm):
    class Meta:
        model = RosterProfile
        fields = ["email_changes", "email_reminders"]
