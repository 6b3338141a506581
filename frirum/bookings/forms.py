from django import forms
from django.utils.translation import gettext_lazy as _

from frirum.bookings.slots import Slot


class BookingForm(forms.Form):
    """A time from the site's free slots; nothing else is asked."""

    slot = forms.ChoiceField(
        label=_("Choose a time"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a time."),
            "invalid_choice": _("That time is no longer free. Choose another."),
        },
    )

    def __init__(self, *args, slots: list[Slot], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = [(slot.key, slot.key) for slot in slots]


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your cancel code"),
        max_length=40,
        help_text=_("16 letters and digits, as you got them when you booked."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "data-code-from-link": "",
            }
        ),
    )


class CalendarForm(forms.Form):
    code = forms.CharField(max_length=40, widget=forms.HiddenInput)
    alarm = forms.BooleanField(
        label=_("Remind me two hours before"),
        required=False,
        help_text=_("The reminder is in the file on your phone: we send you nothing."),
    )
