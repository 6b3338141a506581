"""The chief's forms for a site's weekly hours and closed days."""

from django import forms
from django.utils.translation import gettext_lazy as _

from frirum.lib.anonymity import validate_anonymous_text
from frirum.sites.models import Weekday

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class WeeklyHoursForm(forms.Form):
    weekday = forms.TypedChoiceField(label=_("Weekday"), choices=Weekday.choices, coerce=int)
    opens = forms.TimeField(label=_("Opens"), widget=TIME_WIDGET)
    closes = forms.TimeField(label=_("Closes"), widget=TIME_WIDGET)
    valid_from = forms.DateField(
        label=_("Valid from"), required=False, widget=DATE_WIDGET, help_text=_("Empty: from now.")
    )
    valid_to = forms.DateField(
        label=_("Valid to"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Empty: until further notice."),
    )

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens"), data.get("closes")
        if opens and closes and closes <= opens:
            self.add_error("closes", _("The closing time must be after the opening time."))
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The last day must not be before the first."))
        return data


class ClosedDayForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    last_date = forms.DateField(
        label=_("Last date"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("For a holiday of several days, e.g. the summer holiday."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=60,
        required=False,
        validators=[validate_anonymous_text],
        help_text=_("Shown to the public, e.g. Easter or Summer holiday."),
    )
    opens = forms.TimeField(
        label=_("Open from"),
        required=False,
        widget=TIME_WIDGET,
        help_text=_("Only if the site is open part of the day."),
    )
    closes = forms.TimeField(label=_("Open until"), required=False, widget=TIME_WIDGET)

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens"), data.get("closes")
        if "opens" in data and "closes" in data:
            if opens and not closes:
                self.add_error("closes", _("Give both times, or neither for a whole closed day."))
            elif closes and not opens:
                self.add_error("opens", _("Give both times, or neither for a whole closed day."))
            elif opens and closes and closes <= opens:
                self.add_error("closes", _("The closing time must be after the opening time."))
        first, last = data.get("date"), data.get("last_date")
        if first and last and last < first:
            self.add_error("last_date", _("The last day must not be before the first."))
        return data


class PublicSettingsForm(forms.Form):
    """How the site meets young people on its public page."""

    drop_in = forms.BooleanField(
        label=_("Drop-in"),
        required=False,
        help_text=_("Young people can come without booking during the opening hours."),
    )
    booking_enabled = forms.BooleanField(
        label=_("Anonymous booking"),
        required=False,
        help_text=_("Young people can book a time on the public page, without giving a name."),
    )
    booking_slot_minutes = forms.TypedChoiceField(
        label=_("Length of a booked talk"),
        choices=[(30, _("30 minutes")), (45, _("45 minutes")), (60, _("60 minutes"))],
        coerce=int,
    )
    booking_capacity = forms.IntegerField(
        label=_("Conversations per booked time"),
        min_value=1,
        max_value=10,
        initial=1,
        required=False,
        help_text=_("How many young people can book the same time."),
    )
    public_link = forms.URLField(
        label=_("Link for young people"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("Shown on the public page, e.g. where the chat opens."),
    )

    def clean_booking_capacity(self) -> int:
        # Left empty: one conversation per time, the default.
        return self.cleaned_data.get("booking_capacity") or 1
