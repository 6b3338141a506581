"""Forms for registering conversations. They check what a user can correct next to each
field; the actions check again before writing."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frirum.audit.fragments import KeptFieldGroups
from frirum.contacts.actions import ContactDetails, NewYouth
from frirum.contacts.choices import (
    Channel,
    ContactKind,
    DropoutRisk,
    EducationStatus,
    OutreachKind,
)
from frirum.contacts.selectors import offered_terms, offered_terms_among, site_counsellors
from frirum.core.forms import Deferred, SafeModelChoiceField, SafeModelMultipleChoiceField
from frirum.directory.forms import ServicesField, offered_services
from frirum.directory.models import Service
from frirum.lib.access import is_record_member, member_sites, record_sites
from frirum.lib.anonymity import validate_anonymous_text
from frirum.people.access import youth_at_site
from frirum.people.forms import NICKNAME_HELP, DesignSystemForm, municipality_field
from frirum.people.models import Gender, Youth
from frirum.sites.models import Site, SiteKind
from frirum.taxonomies.models import Term, Vocabulary

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
BLANK = [("", _("Not stated"))]


def now_time():
    return timezone.localtime().time().replace(second=0, microsecond=0)


class TermsField(SafeModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.label


class TermField(SafeModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class CounsellorsField(SafeModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.full_name or obj.email


class CounsellorField(SafeModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.email


class DetailsFieldsMixin:
    """Sets the querysets of the taxonomy and counsellor fields for one site and record."""

    def setup_choices(self, site, instance=None):
        # Deferred: a valid POST builds only the querysets it checks a choice against.
        def keep(name):
            return list(getattr(instance, name).all()) if instance else []

        self.fields["counsellors"].queryset = Deferred(
            get_user_model(), lambda: site_counsellors(site, include=keep("counsellors"))
        )
        user = getattr(self, "user", None)
        if user is not None and is_record_member(user, site):
            # A counsellor mostly ticks only themselves: already known to be one here.
            self.fields["counsellors"].known = {str(user.pk): user}
        for name, vocabulary in (
            ("themes", Vocabulary.YOUTH_THEME),
            ("bridging_methods", Vocabulary.YOUTH_BRIDGING_METHOD),
            ("bridging_destinations", Vocabulary.DESTINATION),
        ):
            if name in self.fields:
                self.fields[name].queryset = Deferred(
                    Term,
                    lambda vocabulary=vocabulary, name=name: offered_terms(
                        vocabulary, include=keep(name)
                    ),
                    # A record's inactive terms are offered too: only a new one's are all
                    # active, as the compiled read asks.
                    among=None if instance else offered_terms_among(vocabulary),
                )
        if "bridging_services" in self.fields:
            self.fields["bridging_services"].queryset = Deferred(
                Service, lambda: offered_services(instance)
            )
        if "relative_present" in self.fields:
            current = [instance.relative_present] if instance and instance.relative_present else []
            self.fields["relative_present"].queryset = Deferred(
                Term, lambda: offered_terms(Vocabulary.RELATION, include=current)
            )


class ContactForm(KeptFieldGroups, DetailsFieldsMixin, DesignSystemForm):
    """One conversation, with the young person chosen by search or created inline."""

    # A new registration's fields but the user's own sites, the time now and the free
    # text (a nickname, a note), which are rendered every time. An edit offers the record's
    # inactive terms too, so only a new one's are kept.
    kept_fields = (
        "date",
        "duration_minutes",
        "age",
        "youth_mode",
        "new_gender",
        "new_residence_municipality",
        "kind",
        "channel",
        "counsellors",
        "education_status",
        "dropout_risk",
        "themes",
        "relative_present",
        "bridged",
        "bridging_methods",
        "bridging_destinations",
    )

    site = SafeModelChoiceField(label=_("Site"), queryset=None, empty_label=None)
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    time = forms.TimeField(label=_("Time"), required=False, widget=TIME_WIDGET)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=ContactKind.choices,
        initial=ContactKind.COUNSELLING,
        widget=forms.RadioSelect,
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=Channel.choices, widget=forms.RadioSelect
    )
    counsellors = CounsellorsField(
        label=_("Counsellors"),
        queryset=None,
        help_text=_("Tick yourself and the second counsellor you considered bridging with."),
    )
    youth_mode = forms.ChoiceField(
        # Not "Young person": that is the legend of the section the choice sits in.
        label=_("Is the young person known or new?"),
        choices=[("existing", _("Existing young person")), ("new", _("New young person"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose an existing young person or register a new one.")},
    )
    youth = forms.CharField(label=_("Chosen young person"), required=False, max_length=64)
    new_nickname = forms.CharField(
        label=_("Nickname"),
        max_length=40,
        required=False,
        help_text=NICKNAME_HELP,
        validators=[validate_anonymous_text],
    )
    new_gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, required=False)
    new_residence_municipality = municipality_field(label=_("Residence municipality"))
    age = forms.IntegerField(
        label=_("Age"),
        min_value=0,
        max_value=99,
        required=False,
        help_text=_("Whole years on the day of the conversation."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    education_status = forms.ChoiceField(
        label=_("Education status"), choices=[*BLANK, *EducationStatus.choices], required=False
    )
    dropout_risk = forms.ChoiceField(
        label=_("Dropout risk"), choices=[*BLANK, *DropoutRisk.choices], required=False
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"),
        min_value=1,
        max_value=1440,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    themes = TermsField(label=_("Themes"), queryset=None, required=False)
    relative_present = TermField(
        label=_("Relative present"),
        queryset=None,
        required=False,
        empty_label=_("No relative present"),
    )
    bridged = forms.BooleanField(label=_("Bridged to other help"), required=False)
    bridging_methods = TermsField(label=_("How"), queryset=None, required=False)
    bridging_destinations = TermsField(label=_("Where to"), queryset=None, required=False)
    bridging_services = ServicesField(label=_("Services from the directory"), queryset=None)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=500,
        validators=[validate_anonymous_text],
        help_text=_("Short and optional. Never a name, CPR number, phone number or e-mail."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, user, site, instance=None, keep_parts=False, **kwargs):
        super().__init__(*args, **kwargs)
        if keep_parts and instance is None:
            self.keep_field_groups(site.pk)
        if self.is_bound and not self.data.get("youth_mode") and self.data.get("youth"):
            # Choosing a search hit is choice enough; "new" must be ticked on purpose.
            self.data = self.data.copy()
            self.data["youth_mode"] = "existing"
        self.user = user
        self.instance = instance
        self.fields["site"].queryset = Deferred(
            Site, lambda: record_sites(user).exclude(kind=SiteKind.FAMILY).order_by("name")
        )
        if not user.is_secretariat:
            # A member's sites come with their memberships, read once per request: offering
            # and checking the choice then needs no query of its own.
            self.fields["site"].objects = [
                s for s in member_sites(user) if s.kind != SiteKind.FAMILY
            ]
        self.fields["new_gender"].initial = Gender.UNKNOWN
        self.fields["new_residence_municipality"].initial = site.municipality_id
        # Most young people live where they are registered, and the site's municipality is
        # read with the site: choosing it needs no query.
        if site.municipality_id is not None:
            self.fields["new_residence_municipality"].known = {
                str(site.municipality_id): site.municipality
            }
        self.setup_choices(site, instance)
        # The chosen young person is a radio among the search hits: errors link to the search.
        self.fields["youth"].error_anchor = "youth_q"
        self.chosen_youth: Youth | None = None

    def clean_youth(self) -> str:
        return self.cleaned_data["youth"].strip()

    def clean(self):
        data = super().clean()
        site = data.get("site")
        mode = data.get("youth_mode")
        if mode == "existing":
            code = data.get("youth")
            if not code:
                self.add_error("youth", _("Search for the young person and choose them."))
            elif site is not None:
                # The young person must be known at the chosen site (or come from the
                # user's own sites, for a young person moving between centre and satellite).
                self.chosen_youth = self._find_youth(code, site)
                if self.chosen_youth is None:
                    self.add_error("youth", _("No young person with this code at your sites."))
        if not data.get("bridged") and (
            data.get("bridging_methods") or data.get("bridging_destinations")
        ):
            self.add_error(
                "bridged",
                _("Methods or destinations are chosen: tick “bridged”, or clear them."),
            )
        services = list(data.get("bridging_services") or [])
        if services and not data.get("bridged"):
            self.add_error(
                "bridging_services", _("A service is chosen: tick “bridged”, or clear it.")
            )
        elif services and "bridging_destinations" in data:
            # A chosen service is a bridging to its destination category: the register
            # counts categories, so the category is ticked with it.
            chosen = list(data["bridging_destinations"])
            missing = [s.destination for s in services if s.destination not in chosen]
            data["bridging_destinations"] = chosen + list(dict.fromkeys(missing))
        return data

    def _find_youth(self, code, site):
        found = youth_at_site(site).filter(code=code).first()
        if found is None:
            field = self.fields["site"]
            for other in field.queryset if field.objects is None else field.objects:
                found = youth_at_site(other).filter(code=code).first()
                if found is not None:
                    break
        return found

    def details(self) -> ContactDetails:
        data = self.cleaned_data
        return ContactDetails(
            date=data["date"],
            time=data["time"],
            kind=data["kind"],
            channel=data["channel"],
            counsellors=list(data["counsellors"]),
            age=data["age"],
            education_status=data["education_status"],
            dropout_risk=data["dropout_risk"],
            duration_minutes=data["duration_minutes"],
            themes=list(data["themes"]),
            relative_present=data["relative_present"],
            bridged=data["bridged"],
            bridging_methods=list(data["bridging_methods"]),
            bridging_destinations=list(data["bridging_destinations"]),
            note=data["note"],
        )

    def new_youth(self) -> NewYouth | None:
        data = self.cleaned_data
        if data.get("youth_mode") != "new":
            return None
        return NewYouth(
            nickname=data["new_nickname"],
            gender=data["new_gender"] or Gender.UNKNOWN,
            residence_municipality=data["new_residence_municipality"],
        )


def initial_for_new(*, site, user, youth=None, last=None) -> dict:
    """Sensible defaults so a trained user fills in only what differs: today, now, the site's
    channel, themselves as counsellor, and the young person's last known age and status."""
    from frirum.contacts.selectors import default_channel, today

    initial = {
        "site": site.pk,
        "date": today(),
        "time": now_time(),
        "channel": default_channel(site),
        "kind": ContactKind.COUNSELLING,
        "counsellors": [user.pk],
    }
    if youth is not None:
        initial.update(youth_mode="existing", youth=youth.code)
    if last is not None:
        if last.age is not None:
            initial["age"] = last.age + max(0, (today() - last.date).days // 365)
        initial["education_status"] = last.education_status
        initial["dropout_risk"] = last.dropout_risk
        if last.duration_minutes:
            initial["duration_minutes"] = last.duration_minutes
    return initial


def initial_for_edit(contact) -> dict:
    return {
        "site": contact.site_id,
        "date": contact.date,
        "time": contact.time,
        "kind": contact.kind,
        "channel": contact.channel,
        "counsellors": [u.pk for u in contact.counsellors.all()],
        "youth_mode": "existing",
        "youth": contact.youth.code,
        "age": contact.age,
        "education_status": contact.education_status,
        "dropout_risk": contact.dropout_risk,
        "duration_minutes": contact.duration_minutes,
        "themes": [t.pk for t in contact.themes.all()],
        "relative_present": contact.relative_present_id,
        "bridged": contact.bridged,
        "bridging_methods": [t.pk for t in contact.bridging_methods.all()],
        "bridging_destinations": [t.pk for t in contact.bridging_destinations.all()],
        "bridging_services": [b.service_id for b in contact.service_bridgings.all()],
        "note": contact.note,
    }


class ContactFilterForm(DesignSystemForm):
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE_WIDGET)
    date_to = forms.DateField(label=_("To"), required=False, widget=DATE_WIDGET)
    counsellor = CounsellorField(
        label=_("Counsellor"), queryset=None, required=False, empty_label=_("All")
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[("", _("All")), *Channel.choices], required=False
    )
    theme = TermField(label=_("Theme"), queryset=None, required=False, empty_label=_("All"))
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All")), *ContactKind.choices], required=False
    )

    def __init__(self, *args, site, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counsellor"].queryset = site_counsellors(site)
        # Every theme, also retired ones: old conversations are still found by them.
        self.fields["theme"].queryset = Term.objects.of(Vocabulary.YOUTH_THEME)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data


class OutreachForm(DesignSystemForm):
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=OutreachKind.choices, widget=forms.RadioSelect
    )
    short_contacts = forms.IntegerField(
        label=_("Short contacts"),
        min_value=0,
        max_value=100000,
        help_text=_("How many young people you talked with briefly (5-10 minutes)."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=500,
        validators=[validate_anonymous_text],
        help_text=_("For example the school or event. Never a young person's name."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
