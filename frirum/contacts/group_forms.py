"""The group session form: one meeting, several participants registered in one go."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from frirum.contacts.actions import ContactDetails, NewYouth, Participant
from frirum.contacts.choices import Channel, ContactKind, DropoutRisk, EducationStatus
from frirum.contacts.forms import (
    BLANK,
    DATE_WIDGET,
    TIME_WIDGET,
    CounsellorsField,
    DetailsFieldsMixin,
    TermsField,
)
from frirum.lib.anonymity import validate_anonymous_text
from frirum.people.access import youth_at_site
from frirum.people.forms import DesignSystemForm, municipality_field
from frirum.people.models import Gender

PARTICIPANT_ROWS = 6
MAX_PARTICIPANTS = 40


class GroupSessionForm(DetailsFieldsMixin, DesignSystemForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=100,
        required=False,
        help_text=_("For example the name of the course."),
        validators=[validate_anonymous_text],
    )
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    time = forms.TimeField(label=_("Time"), required=False, widget=TIME_WIDGET)
    channel = forms.ChoiceField(
        label=_("Channel"), choices=Channel.choices, widget=forms.RadioSelect
    )
    counsellors = CounsellorsField(label=_("Counsellors"), queryset=None)
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=1, max_value=1440, required=False
    )
    themes = TermsField(label=_("Themes"), queryset=None, required=False)

    def __init__(self, *args, site, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_choices(site)

    def details(self) -> ContactDetails:
        data = self.cleaned_data
        return ContactDetails(
            date=data["date"],
            time=data["time"],
            kind=ContactKind.GROUP,
            channel=data["channel"],
            counsellors=list(data["counsellors"]),
            duration_minutes=data["duration_minutes"],
            themes=list(data["themes"]),
        )


class ParticipantForm(DesignSystemForm):
    youth = forms.CharField(
        label=_("Existing young person"),
        required=False,
        max_length=64,
        help_text=_("Pseudonym code or nickname. Leave empty for a new young person."),
        widget=forms.TextInput(attrs={"list": "known-youth", "autocomplete": "off"}),
    )
    new_nickname = forms.CharField(
        label=_("New: nickname"),
        max_length=40,
        required=False,
        validators=[validate_anonymous_text],
    )
    new_gender = forms.ChoiceField(
        label=_("New: gender"), choices=Gender.choices, initial=Gender.UNKNOWN, required=False
    )
    new_residence_municipality = municipality_field(label=_("New: residence municipality"))
    age = forms.IntegerField(label=_("Age"), min_value=0, max_value=99, required=False)
    education_status = forms.ChoiceField(
        label=_("Education status"), choices=[*BLANK, *EducationStatus.choices], required=False
    )
    dropout_risk = forms.ChoiceField(
        label=_("Dropout risk"), choices=[*BLANK, *DropoutRisk.choices], required=False
    )

    def __init__(self, *args, site, **kwargs):
        super().__init__(*args, **kwargs)
        self.site = site
        self.found = None

    def clean(self):
        data = super().clean()
        text = (data.get("youth") or "").strip()
        if text:
            if data.get("new_nickname"):
                self.add_error(
                    "new_nickname",
                    _("Either choose an existing young person or give a new nickname."),
                )
            matches = list(
                youth_at_site(self.site).filter(Q(code__iexact=text) | Q(nickname__iexact=text))[:2]
            )
            if not matches:
                self.add_error("youth", _("No young person with this code or nickname here."))
            elif len(matches) > 1:
                self.add_error("youth", _("Several young people have this nickname: use the code."))
            else:
                self.found = matches[0]
        return data

    def participant(self) -> Participant:
        data = self.cleaned_data
        new = None
        if self.found is None:
            new = NewYouth(
                nickname=data["new_nickname"],
                gender=data["new_gender"] or Gender.UNKNOWN,
                residence_municipality=data["new_residence_municipality"],
            )
        return Participant(
            youth=self.found,
            new_youth=new,
            age=data["age"],
            education_status=data["education_status"],
            dropout_risk=data["dropout_risk"],
        )


class BaseParticipantFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        chosen = [f.found.pk for f in self.forms if f.has_changed() and f.found is not None]
        if len(chosen) != len(set(chosen)):
            raise forms.ValidationError(_("The same young person is listed more than once."))
        if not any(f.has_changed() for f in self.forms):
            raise forms.ValidationError(_("Add at least one participant."))

    def participants(self) -> list[Participant]:
        return [f.participant() for f in self.forms if f.has_changed()]


ParticipantFormSet = forms.formset_factory(
    ParticipantForm,
    formset=BaseParticipantFormSet,
    extra=PARTICIPANT_ROWS,
    max_num=MAX_PARTICIPANTS,
    absolute_max=MAX_PARTICIPANTS,
    validate_max=True,
)
