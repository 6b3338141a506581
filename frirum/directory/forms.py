"""The directory search (by need, municipality, age and "anonymous possible") and the
field that links a conversation's bridging to directory services."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from frirum.core.forms import SafeModelChoiceField, SafeModelMultipleChoiceField
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


class DirectorySearchForm(DesignSystemForm):
    """Field names carry a dir_ prefix: in the registration form they sit beside the
    conversation's own age and themes."""

    dir_theme = LabelledTermField(
        label=_("Need"), queryset=None, required=False, empty_label=_("Any need")
    )
    dir_municipality = SafeModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        empty_label=_("Any municipality"),
    )
    dir_age = forms.IntegerField(
        label=_("Age"),
        min_value=0,
        max_value=99,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    dir_anonymous = forms.BooleanField(label=_("Anonymous possible"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dir_theme"].queryset = Term.objects.of(Vocabulary.YOUTH_THEME).active()

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
