"""The owner's forms for a service's places and times: its locations, weekly opening hours
and the days that differ (closed, or other hours)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from frirum.core.forms import SafeModelChoiceField
from frirum.people.forms import DesignSystemForm
from frirum.sites.forms import DATE_WIDGET, TIME_WIDGET
from frirum.sites.models import Municipality, Weekday


class LocationForm(DesignSystemForm):
    name = forms.CharField(label=_("Name of the place"), max_length=200)
    address = forms.CharField(label=_("Street address"), max_length=200, required=False)
    postal_code = forms.RegexField(
        label=_("Postal code"),
        regex=r"^\s*\d{3,4}\s*$",
        max_length=8,
        required=False,
        error_messages={"invalid": _("Three or four digits, e.g. 2750.")},
    )
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    municipality = SafeModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        empty_label=_("Not given"),
    )


class ScheduleForm(DesignSystemForm):
    weekday = forms.TypedChoiceField(label=_("Weekday"), choices=Weekday.choices, coerce=int)
    opens_at = forms.TimeField(label=_("Opens"), widget=TIME_WIDGET)
    closes_at = forms.TimeField(label=_("Closes"), widget=TIME_WIDGET)
    valid_from = forms.DateField(label=_("Valid from"), required=False, widget=DATE_WIDGET)
    valid_to = forms.DateField(label=_("Valid to"), required=False, widget=DATE_WIDGET)

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("It must close after it opens."))
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end is before the start."))
        return data


class ExceptionForm(DesignSystemForm):
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    opens_at = forms.TimeField(
        label=_("Opens"),
        required=False,
        widget=TIME_WIDGET,
        help_text=_("Leave both times empty: closed all day."),
    )
    closes_at = forms.TimeField(label=_("Closes"), required=False, widget=TIME_WIDGET)
    note = forms.CharField(
        label=_("Note"), max_length=200, required=False, help_text=_("E.g. Christmas.")
    )

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if "opens_at" in self.errors or "closes_at" in self.errors:
            return data
        if (opens is None) != (closes is None):
            field = "closes_at" if closes is None else "opens_at"
            self.add_error(field, _("Give both times, or neither for a closed day."))
        elif opens and closes and closes <= opens:
            self.add_error("closes_at", _("It must close after it opens."))
        return data


FORMS = {"location": LocationForm, "schedule": ScheduleForm, "exception": ExceptionForm}


def initial_for(kind: str, item) -> dict:
    return {name: getattr(item, name) for name in FORMS[kind].base_fields} | (
        {"municipality": item.municipality_id} if kind == "location" else {}
    )
