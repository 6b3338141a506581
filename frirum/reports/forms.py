from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

FIRST_YEAR = 2010
MAX_K = 100


def year_choices() -> list[tuple[int, str]]:
    return [(year, str(year)) for year in range(timezone.localdate().year, FIRST_YEAR - 1, -1)]


def default_year() -> int:
    """Annual reports are about the last completed calendar year."""
    return timezone.localdate().year - 1


class ReportOptionsForm(forms.Form):
    """The year and the suppression limit of a presented report (read from the query string).

    Only those who may read unsuppressed figures may go below the network's limit: a
    municipality viewer cannot lower k to uncover small numbers.
    """

    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=())
    k = forms.IntegerField(
        label=_("Hide counts below"),
        max_value=MAX_K,
        help_text=_("Counts below this number are hidden."),
    )

    def __init__(self, data=None, *, may_lower_k: bool, **kwargs):
        self.min_k = 1 if may_lower_k else settings.FRIRUM_SUPPRESSION_K
        initial = {"year": default_year(), "k": settings.FRIRUM_SUPPRESSION_K}
        if data is not None:
            # Missing fields take their defaults; only what was typed is checked.
            data = {**{key: str(value) for key, value in initial.items()}, **data.dict()}
        super().__init__(data, initial=initial, **kwargs)
        self.fields["year"].choices = year_choices()
        self.fields["k"].widget.attrs.update(min=self.min_k, max=MAX_K)

    def clean_k(self) -> int:
        k = self.cleaned_data["k"]
        if k < self.min_k:
            raise forms.ValidationError(
                _("Counts below %(k)s are always hidden."), params={"k": self.min_k}
            )
        return k

    def options(self) -> tuple[int, int]:
        """(year, k): the valid values, or the defaults for anything invalid."""
        self.is_valid()
        # A field that failed keeps its default; the error shows next to it.
        data = self.cleaned_data
        year = data.get("year") or default_year()
        k = data.get("k") or settings.FRIRUM_SUPPRESSION_K
        return year, k
