"""The directory search (by need, municipality, age and "anonymous possible") and the
field that links a conversation's bridging to directory services."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from frirum.audit.fragments import KeptFieldGroups
from frirum.core.forms import Deferred, SafeModelChoiceField, SafeModelMultipleChoiceField
from frirum.directory.models import Service, ServiceStatus
from frirum.directory.selectors import SearchQuery
from frirum.people.forms import DesignSystemForm
from frirum.sites.models import Municipality
from frirum.taxonomies.models import Term, Vocabulary


class ServicesField(SafeModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return obj.name


def offered_services(contact=None):
    """Services a bridging may go to: those still offered, and those it already went to."""
    offered = Q(status__in=[ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED])
    if contact is not None and contact.pk:
        offered |= Q(bridgings__contact=contact)
    return Service.objects.filter(offered).distinct().select_related("destination")


class LabelledTermField(SafeModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class DirectorySearchForm(KeptFieldGroups, DesignSystemForm):
    """Field names carry a dir_ prefix: in the registration form they sit beside the
    conversation's own age and themes."""

    kept_fields = ("dir_theme", "dir_municipality", "dir_age", "dir_anonymous")

    dir_theme = LabelledTermField(
        label=_("Need"), queryset=None, required=False, empty_label=_("Any need")
    )
    dir_municipality = SafeModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        empty_label=_("Any municipality"),
    )
    # Not labelled "Age": the registration form has the conversation's own age field.
    dir_age = forms.IntegerField(
        label=_("For a young person of (years)"),
        min_value=0,
        max_value=99,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    dir_anonymous = forms.BooleanField(label=_("Anonymous possible"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built only when something asks: a kept form (KeptFieldGroups) never does.
        self.fields["dir_theme"].queryset = Deferred(
            Term, lambda: Term.objects.of(Vocabulary.YOUTH_THEME).active()
        )

    def query(self) -> SearchQuery | None:
        if not self.is_valid():
            return None
        data = self.cleaned_data
        return SearchQuery(
            theme=data["dir_theme"],
            municipality=data["dir_municipality"],
            age=data["dir_age"],
            anonymous=data["dir_anonymous"],
        )


class TermsField(SafeModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.label


class EditorField(SafeModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.email


class ServiceForm(DesignSystemForm):
    """An entry kept by a site: what the counsellor needs while bridging. The phone and
    e-mail are the service's own; opening hours and places are kept on their own page
    (hours_views)."""

    organization_name = forms.CharField(label=_("Organisation"), max_length=200)
    name = forms.CharField(label=_("Name of the service"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    destination = LabelledTermField(label=_("Destination category"), queryset=None)
    themes = TermsField(label=_("Needs it helps with"), queryset=None, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=ServiceStatus.choices)
    phone = forms.CharField(
        label=_("The service's phone"),
        max_length=32,
        required=False,
        help_text=_("The service's own number. Never a young person's."),
    )
    email = forms.EmailField(label=_("The service's e-mail"), required=False)
    url = forms.URLField(label=_("Web address"), required=False, assume_scheme="https")
    minimum_age = forms.IntegerField(
        label=_("Minimum age"), min_value=0, max_value=99, required=False
    )
    maximum_age = forms.IntegerField(
        label=_("Maximum age"), min_value=0, max_value=99, required=False
    )
    municipalities = SafeModelMultipleChoiceField(
        label=_("Municipalities served"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        help_text=_("None chosen: the whole country."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    anonymous_possible = forms.BooleanField(label=_("One can come anonymously"), required=False)
    referral_required = forms.BooleanField(label=_("Referral required"), required=False)
    languages = forms.RegexField(
        label=_("Languages"),
        regex=r"^\s*[a-z]{2}(\s*,\s*[a-z]{2})*\s*$",
        max_length=100,
        required=False,
        help_text=_("ISO 639-1 codes separated by commas, e.g. da,en."),
        error_messages={"invalid": _("Two-letter codes separated by commas, e.g. da,en.")},
    )
    cost = forms.CharField(label=_("Cost"), max_length=200, required=False)
    editor = EditorField(
        label=_("Named editor"), queryset=None, required=False, empty_label=_("The chief")
    )
    is_published = forms.BooleanField(
        label=_("Published"),
        required=False,
        help_text=_("Shown to partners in the HSDS API."),
    )

    def __init__(self, *args, site, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["destination"].queryset = Term.objects.of(Vocabulary.DESTINATION).active()
        self.fields["themes"].queryset = Term.objects.of(Vocabulary.YOUTH_THEME).active()
        from frirum.accounts.models import User

        self.fields["editor"].queryset = (
            User.objects.filter(memberships__site=site, memberships__is_active=True)
            .distinct()
            .order_by("full_name")
        )

    def clean(self):
        data = super().clean()
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and high < low:
            self.add_error("maximum_age", _("The maximum age is below the minimum age."))
        return data


def initial_for_service(service) -> dict:
    return {
        "organization_name": service.organization.name,
        **{
            name: getattr(service, name)
            for name in (
                "name",
                "description",
                "status",
                "phone",
                "email",
                "url",
                "minimum_age",
                "maximum_age",
                "anonymous_possible",
                "referral_required",
                "languages",
                "cost",
                "is_published",
            )
        },
        "destination": service.destination_id,
        "editor": service.editor_id,
        "themes": [t.pk for t in service.themes.all()],
        "municipalities": [m.pk for m in service.municipalities.all()],
    }
