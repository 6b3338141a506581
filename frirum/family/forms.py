"""Forms for Family. They collect and shape input; the actions decide what is valid."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frirum.accounts.models import Role, User
from frirum.contacts.choices import Channel
from frirum.core.forms import SafeModelChoiceField, SafeModelMultipleChoiceField
from frirum.family.actions import NEW_GROUP, ConversationDetails, InquiryDetails, NewRelative
from frirum.family.models import BridgedFor, FamilyGroup, FamilyKind, InquiryReason, Relative
from frirum.lib.anonymity import validate_anonymous_text
from frirum.taxonomies.models import Term, Vocabulary

UNNAMED_PEER = "unnamed"
# What may be typed for "a new family group" (the list offers NEW_GROUP itself).
NEW_GROUP_WORDS = frozenset({NEW_GROUP, "ny"})
LABEL_HELP = _(
    "A first name or a word the relative chooses, e.g. 'Mor' or 'Anne'. Never a full name."
)


class TermChoiceField(SafeModelChoiceField):
    def label_from_instance(self, obj: Term) -> str:
        return obj.label


class TermMultipleChoiceField(SafeModelMultipleChoiceField):
    def label_from_instance(self, obj: Term) -> str:
        return obj.label


def terms(vocabulary: str, *, keep=()):
    """Active terms, plus inactive ones an existing record already names."""
    keep_ids = [t.pk for t in keep]
    return Term.objects.filter(Q(vocabulary=vocabulary) & (Q(is_active=True) | Q(pk__in=keep_ids)))


class UserChoiceField(SafeModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.full_name


def _staff_roles():
    return [role for role in Role.values if role != Role.PEER_VOLUNTEER]


def counsellors_of(site):
    return (
        User.objects.filter(
            is_active=True,
            memberships__site=site,
            memberships__is_active=True,
            memberships__role__in=_staff_roles(),
        )
        .distinct()
        .order_by("full_name")
    )


def peer_volunteers_of(site):
    return (
        User.objects.filter(
            is_active=True,
            memberships__site=site,
            memberships__is_active=True,
            memberships__role=Role.PEER_VOLUNTEER,
        )
        .distinct()
        .order_by("full_name")
    )


class NewRelativeForm(forms.Form):
    """One relative met for the first time, added while registering."""

    relation = TermChoiceField(
        label=_("Relation"),
        queryset=Term.objects.none(),
        required=False,
        empty_label=_("(no new relative)"),
    )
    label = forms.CharField(
        label=_("First name or label"),
        max_length=40,
        required=False,
        help_text=LABEL_HELP,
        validators=[validate_anonymous_text],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["relation"].queryset = terms(Vocabulary.RELATION)

    def clean(self):
        data = super().clean()
        if data.get("label") and not data.get("relation"):
            self.add_error("relation", _("Choose the relation of the new relative."))
        return data

    def new_relative(self) -> NewRelative | None:
        relation = self.cleaned_data.get("relation")
        if relation is None:
            return None
        return NewRelative(relation=relation, label=self.cleaned_data.get("label", ""))


NEW_RELATIVE_ROWS = 3
NEW_RELATIVE_MAX = 6
NewRelativeFormSet = forms.formset_factory(
    NewRelativeForm,
    extra=NEW_RELATIVE_ROWS,
    max_num=NEW_RELATIVE_MAX,
    absolute_max=NEW_RELATIVE_MAX,
)
_TypedNewRelativeFormSet = forms.formset_factory(
    NewRelativeForm, extra=0, max_num=NEW_RELATIVE_MAX, absolute_max=NEW_RELATIVE_MAX
)


def typed_new_relatives(data) -> forms.BaseFormSet:
    """The new-relative rows as typed, unbound: searching re-shows the form without errors
    for rows the user has not finished yet."""
    try:
        total = int(data.get("new-TOTAL_FORMS", NEW_RELATIVE_ROWS))
    except (TypeError, ValueError):
        total = NEW_RELATIVE_ROWS
    total = min(max(total, NEW_RELATIVE_ROWS), NEW_RELATIVE_MAX)
    rows = [
        {"relation": data.get(f"new-{i}-relation", ""), "label": data.get(f"new-{i}-label", "")}
        for i in range(total)
    ]
    return _TypedNewRelativeFormSet(initial=rows, prefix="new")


class FamilyConversationForm(forms.Form):
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    time = forms.TimeField(
        label=_("Time"),
        required=False,
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind of conversation"), choices=FamilyKind.choices, widget=forms.RadioSelect
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=Channel.choices, initial=Channel.IN_PERSON
    )
    # A site can have hundreds of family groups: a text box that finds them as you type (the
    # browser's own list, <datalist>, which works without JavaScript) instead of a dropdown.
    family_group = forms.CharField(
        label=_("Family group"),
        required=False,
        max_length=64,
        help_text=_(
            "Type part of the group's name or code and choose it; “new” for a new family "
            "group; leave empty for none."
        ),
        widget=forms.TextInput(
            attrs={"list": "family-group-options", "autocomplete": "off", "spellcheck": "false"}
        ),
    )
    # Chosen by pseudonym through the search picker (family/includes/relative_picker.html):
    # the form never renders the site's relatives as choices, it only checks the codes sent.
    relatives = SafeModelMultipleChoiceField(
        label=_("Relatives present"),
        queryset=Relative.objects.none(),
        to_field_name="code",
        required=False,
        widget=forms.MultipleHiddenInput,
        error_messages={"invalid_choice": _("Choose relatives of this site.")},
    )
    counsellor = UserChoiceField(
        label=_("Counsellor"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Nobody chosen"),
    )
    peer_volunteer = forms.ChoiceField(label=_("Peer volunteer"), required=False)
    themes = TermMultipleChoiceField(
        label=_("Themes"),
        queryset=Term.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    bridged = forms.BooleanField(label=_("Bridged to other help"), required=False)
    bridged_for = forms.ChoiceField(
        label=_("Bridged for"),
        choices=BridgedFor.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    bridging_methods = TermMultipleChoiceField(
        label=_("How"),
        queryset=Term.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    bridging_destinations = TermMultipleChoiceField(
        label=_("Where to"),
        queryset=Term.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Short and optional. No names, phone numbers or e-mail addresses."),
        validators=[validate_anonymous_text],
    )

    def __init__(self, *args, site, relatives, groups, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.site = site
        self.groups = {g.code: g for g in groups}
        self.peers = {str(u.pk): u for u in peer_volunteers_of(site)}
        self.fields["relatives"].queryset = relatives
        self.fields["counsellor"].queryset = counsellors_of(site)
        self.group_options = [(code, str(g)) for code, g in self.groups.items()]
        self.fields["peer_volunteer"].choices = [
            ("", _("No peer volunteer")),
            *[(pk, u.full_name) for pk, u in self.peers.items()],
            (UNNAMED_PEER, _("A peer volunteer without an account")),
        ]
        keep = {}
        if instance is not None:
            keep = {
                "themes": list(instance.themes.all()),
                "bridging_methods": list(instance.bridging_methods.all()),
                "bridging_destinations": list(instance.bridging_destinations.all()),
            }
        for name, vocabulary in (
            ("themes", Vocabulary.FAMILY_THEME),
            ("bridging_methods", Vocabulary.FAMILY_BRIDGING_METHOD),
            ("bridging_destinations", Vocabulary.DESTINATION),
        ):
            self.fields[name].queryset = terms(vocabulary, keep=keep.get(name, ()))

    @classmethod
    def initial_for(cls, conversation) -> dict:
        if conversation.peer_volunteer_id:
            peer = str(conversation.peer_volunteer_id)
        elif conversation.peer_volunteer_present:
            peer = UNNAMED_PEER
        else:
            peer = ""
        return {
            "date": conversation.date,
            "time": conversation.time,
            "kind": conversation.kind,
            "channel": conversation.channel,
            "family_group": conversation.family_group.code if conversation.family_group else "",
            "relatives": [r.code for r in conversation.relatives.all()],
            "counsellor": conversation.counsellor,
            "peer_volunteer": peer,
            "themes": list(conversation.themes.all()),
            "bridged": conversation.bridged,
            "bridged_for": conversation.bridged_for,
            "bridging_methods": list(conversation.bridging_methods.all()),
            "bridging_destinations": list(conversation.bridging_destinations.all()),
            "note": conversation.note,
        }

    @classmethod
    def initial_new(cls, *, user, site, group=None) -> dict:
        now = timezone.localtime()
        initial = {
            "date": now.date(),
            "time": now.time().replace(second=0, microsecond=0),
            "channel": Channel.IN_PERSON,
        }
        if counsellors_of(site).filter(pk=user.pk).exists():
            initial["counsellor"] = user
        if peer_volunteers_of(site).filter(pk=user.pk).exists():
            # A peer volunteer registers the conversations they took part in.
            initial["peer_volunteer"] = str(user.pk)
        if group is not None:
            initial["family_group"] = group.code
            initial["relatives"] = list(group.relatives.values_list("code", flat=True))
        return initial

    def chosen_relative_codes(self) -> list[str]:
        """The relatives ticked (bound) or pre-selected (unbound), in order, without repeats."""
        value = self["relatives"].value() or []
        return list(dict.fromkeys(str(code) for code in value if code))

    def clean_family_group(self):
        value = (self.cleaned_data.get("family_group") or "").strip()
        if not value:
            return None
        if value.casefold() in NEW_GROUP_WORDS:
            return NEW_GROUP
        if value in self.groups:
            return self.groups[value]
        # Typed rather than chosen from the list: the group's code or its name, if only one
        # group of the site has it.
        folded = value.casefold()
        found = [
            g for code, g in self.groups.items() if folded in (code.casefold(), g.label.casefold())
        ]
        if len(found) != 1:
            raise forms.ValidationError(_("Choose a family group of this site."))
        return found[0]

    def clean_peer_volunteer(self):
        value = self.cleaned_data.get("peer_volunteer") or ""
        if value in ("", UNNAMED_PEER):
            return value
        if value not in self.peers:
            raise forms.ValidationError(_("Choose a peer volunteer of this site."))
        return self.peers[value]

    def details(self, new_relatives: list[NewRelative]) -> ConversationDetails:
        data = self.cleaned_data
        peer = data.get("peer_volunteer")
        return ConversationDetails(
            date=data["date"],
            time=data.get("time"),
            kind=data["kind"],
            channel=data["channel"],
            relatives=list(data.get("relatives") or []),
            new_relatives=new_relatives,
            family_group=data.get("family_group"),
            counsellor=data.get("counsellor"),
            peer_volunteer=peer if isinstance(peer, User) else None,
            peer_volunteer_present=bool(peer),
            themes=list(data.get("themes") or []),
            bridged=data.get("bridged", False),
            bridged_for=data.get("bridged_for") or "",
            bridging_methods=list(data.get("bridging_methods") or []),
            bridging_destinations=list(data.get("bridging_destinations") or []),
            note=data.get("note", ""),
        )


class RelativeForm(forms.Form):
    relation = TermChoiceField(label=_("Relation"), queryset=Term.objects.none())
    label = forms.CharField(
        label=_("First name or label"),
        max_length=40,
        required=False,
        help_text=LABEL_HELP,
        validators=[validate_anonymous_text],
    )
    family_group = SafeModelChoiceField(
        label=_("Family group"),
        queryset=FamilyGroup.objects.none(),
        required=False,
        empty_label=_("No family group"),
    )

    def __init__(self, *args, site, relation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["relation"].queryset = terms(
            Vocabulary.RELATION, keep=[relation] if relation else ()
        )
        self.fields["family_group"].queryset = FamilyGroup.objects.filter(site=site).order_by(
            "-created_at"
        )


class FamilyGroupForm(forms.Form):
    label = forms.CharField(
        label=_("Label"),
        max_length=40,
        required=False,
        help_text=_("A word the family recognises, e.g. 'Familien fra tirsdag'. Never a surname."),
        validators=[validate_anonymous_text],
    )
    youth_code = forms.CharField(
        label=_("The young person's pseudonym"),
        max_length=64,
        required=False,
        help_text=_(
            "If the young person is registered at a centre, type the pseudonym code exactly "
            "as they or the centre gave it to you (e.g. U-7KQ4-M2XP)."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    new_youth = forms.BooleanField(
        label=_("Create a new pseudonym for the young person"), required=False
    )


class FamilyGroupEditForm(FamilyGroupForm):
    unlink_youth = forms.BooleanField(
        label=_("Remove the link to the young person"), required=False
    )


class InquiryForm(forms.Form):
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    channel = forms.ChoiceField(
        label=_("How did they contact us?"),
        choices=[("", _("Unknown")), *Channel.choices],
        required=False,
    )
    relation = TermChoiceField(label=_("Relation to the young person"), queryset=None)
    reason = forms.ChoiceField(
        label=_("Reason"), choices=InquiryReason.choices, widget=forms.RadioSelect
    )
    led_to_conversation = forms.BooleanField(
        label=_("Led to a Family conversation"), required=False
    )
    referred_to_centre = forms.BooleanField(label=_("Referred to a centre"), required=False)

    def __init__(self, *args, relation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["relation"].queryset = terms(
            Vocabulary.RELATION, keep=[relation] if relation else ()
        )

    def details(self) -> InquiryDetails:
        data = self.cleaned_data
        return InquiryDetails(
            date=data["date"],
            channel=data.get("channel") or "",
            relation=data["relation"],
            reason=data["reason"],
            led_to_conversation=data.get("led_to_conversation", False),
            referred_to_centre=data.get("referred_to_centre", False),
        )
