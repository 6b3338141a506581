"""The young person's pre-chat questions (all optional) and the chief's capacity setting."""

from django import forms
from django.utils.translation import gettext_lazy as _

from frirum.core.forms import SafeModelChoiceField
from frirum.people.forms import DesignSystemForm, municipality_field
from frirum.people.models import Gender
from frirum.sites.models import SiteKind
from frirum.taxonomies.models import Term, Vocabulary

GENDER_CHOICES = [("", _("Rather not say"))] + [
    (value, label) for value, label in Gender.choices if value != Gender.UNKNOWN
]


class PreChatForm(DesignSystemForm):
    age = forms.IntegerField(label=_("How old are you?"), required=False, min_value=5, max_value=99)
    gender = forms.ChoiceField(label=_("Gender"), choices=GENDER_CHOICES, required=False)
    municipality = municipality_field(label=_("Which municipality do you live in?"))
    topic = SafeModelChoiceField(
        label=_("What would you like to talk about?"),
        queryset=Term.objects.none(),
        required=False,
        empty_label=_("Rather not say"),
    )

    def __init__(self, *args, site, **kwargs):
        super().__init__(*args, **kwargs)
        # The site's own list of themes: the registration at the end uses the same.
        vocabulary = (
            Vocabulary.FAMILY_THEME if site.kind == SiteKind.FAMILY else Vocabulary.YOUTH_THEME
        )
        self.fields["topic"].queryset = Term.objects.of(vocabulary).active()
        self.fields["municipality"].empty_label = _("Rather not say")


class CapacityForm(DesignSystemForm):
    capacity = forms.TypedChoiceField(
        label=_("Chats per counsellor"),
        choices=[(1, "1"), (2, "2")],
        coerce=int,
        help_text=_("How many chats one counsellor may have at the same time."),
    )


class CannedReplyForm(DesignSystemForm):
    title = forms.CharField(label=_("Title"), max_length=60)
    text = forms.CharField(
        label=_("Text"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class SurgeGreetingForm(DesignSystemForm):
    greeting = forms.CharField(
        label=_("First answer in surge mode"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Sent by itself when a counsellor takes a chat while surge mode is on. "
            "Leave it empty to send nothing."
        ),
    )
