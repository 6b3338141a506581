from django import forms
from django.utils.translation import gettext_lazy as _

from frirum.bookings.models import MAX_AGE, MIN_AGE, NICKNAME_LENGTH
from frirum.bookings.slots import Slot
from frirum.lib.anonymity import validate_anonymous_text


class BookingForm(forms.Form):
    """A time from the site's free slots, and if the young person likes, a nickname and age."""

    slot = forms.ChoiceField(
        label=_("Choose a time"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a time."),
            "invalid_choice": _("That time is no longer free. Choose another."),
        },
    )

    nickname = forms.CharField(
        label=_("Nickname"),
        max_length=NICKNAME_LENGTH,
        required=False,
        validators=[validate_anonymous_text],
        help_text=_(
            "So the counsellor knows whom to expect. Any name you like, never your real name."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    age = forms.IntegerField(
        label=_("Age"),
        required=False,
        min_value=MIN_AGE,
        max_value=MAX_AGE,
        help_text=_("headspace is for young people from 12 to 25."),
        error_messages={
            "min_value": _("headspace is for young people from 12 to 25."),
            "max_value": _("headspace is for young people from 12 to 25."),
            "invalid": _("Write your age in whole years, such as 17."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def __init__(self, *args, slots: list[Slot], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = [(slot.key, slot.key) for slot in slots]

    def clean_nickname(self) -> str:
        return " ".join(self.cleaned_data["nickname"].split())


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


class MoveForm(forms.Form):
    """Another time at the same site, for the booking of the code carried along (posted,
    never in an address)."""

    code = forms.CharField(max_length=40, widget=forms.HiddenInput)
    slot = forms.ChoiceField(
        label=_("Choose a new time"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a new time."),
            "invalid_choice": _("That time is no longer free. Choose another."),
        },
    )

    def __init__(self, *args, slots: list[Slot], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = [(slot.key, slot.key) for slot in slots]


class CalendarForm(forms.Form):
    code = forms.CharField(max_length=40, widget=forms.HiddenInput)
    alarm = forms.BooleanField(
        label=_("Remind me two hours before"),
        required=False,
        help_text=_("The reminder is in the file on your phone: we send you nothing."),
    )
