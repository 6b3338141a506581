from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_K = 100
# The earliest year a link may ask for (the list itself holds only years with data).
FIRST_YEAR = 2000


def year_choices(years: list[int] | None = None) -> list[tuple[int, str]]:
    """The years with data (newest first); the year still running says so."""
    today = timezone.localdate()
    years = sorted(set(years or [default_year()]), reverse=True)
    return [
        (year, _("%(year)s (so far)") % {"year": year} if year == today.year else str(year))
        for year in years
    ]


def default_year(years: list[int] | None = None) -> int:
    """Annual reports are about the last completed calendar year, or the newest year with
    data before it (the running year only when it is the only one)."""
    last_completed = timezone.localdate().year - 1
    if not years:
        return last_completed
    completed = [year for year in years if year <= last_completed]
    return max(completed) if completed else max(years)


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

    def __init__(self, data=None, *, may_lower_k: bool, years: list[int] | None = None, **kwargs):
        self.min_k = 1 if may_lower_k else settings.FRIRUM_SUPPRESSION_K
        self.default_year = default_year(years)
        initial = {"year": self.default_year, "k": settings.FRIRUM_SUPPRESSION_K}
        if data is not None:
            # Missing fields take their defaults; only what was typed is checked.
            data = {**{key: str(value) for key, value in initial.items()}, **data.dict()}
        super().__init__(data, initial=initial, **kwargs)
        offered = list(years or [self.default_year])
        asked = self.data.get("year") if data is not None else None
        if asked and asked.isdigit() and FIRST_YEAR <= int(asked) <= timezone.localdate().year:
            # A link to a year without data still opens: the report then says "no data".
            offered.append(int(asked))
        self.fields["year"].choices = year_choices(offered)
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
        year = data.get("year") or self.default_year
        k = data.get("k") or settings.FRIRUM_SUPPRESSION_K
        return year, k
