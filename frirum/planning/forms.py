from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frirum.planning.models import PlannedKind, Scenario
from frirum.sites.models import Municipality, Site, SiteKind


class SiteYearCostForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    amount = forms.IntegerField(
        label=_("Actual cost (kr.)"),
        min_value=0,
        max_value=100_000_000,
        help_text=_("The site's whole cost of the year, rent and seconded staff included."),
    )

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year > timezone.localdate().year:
            raise forms.ValidationError(_("An actual cost is for a year that has begun."))
        return year


class ScenarioForm(forms.ModelForm):
    class Meta:
        model = Scenario
        fields = [
            "municipality",
            "kind",
            "hub",
            "start_year",
            "half_first_year",
            "placement",
            "anchoring",
        ]
        widgets = {
            "placement": forms.Textarea(attrs={"rows": 4}),
            "anchoring": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "kind": _("Empty: follow the rule (a centre from the threshold of inhabitants)."),
            "hub": _("For a satellite: empty chooses the first proposed hub."),
            "placement": _("Shown in the memo as written. No names of young people."),
            "anchoring": _("Shown in the memo as written. No names of young people."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.select_related("region")
        self.fields["kind"].choices = [("", _("Follow the rule")), *PlannedKind.choices]
        self.fields["hub"].queryset = Site.objects.filter(
            kind=SiteKind.CENTRE, closed_on__isnull=True
        ).select_related("municipality")
        if not self.instance.pk:
            self.initial.setdefault("start_year", timezone.localdate().year + 1)

    def clean(self):
        data = super().clean()
        if data.get("kind") == PlannedKind.CENTRE and data.get("hub"):
            self.add_error("hub", _("A centre has no hub; leave it empty."))
        return data
