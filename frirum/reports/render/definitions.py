"""The appendix of a report: the figures' definitions and how the presented forms round and hide.

The definitions themselves belong to the figures (frirum.reports.figures.definitions, in
Danish and English, after the interchange page); this adds the presentation rules.
"""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

PRESENTATION = _(
    "Presented figures are rounded: percentages to whole percent, means to one decimal. "
    "Counts below %(k)s are not shown (<%(k)s), nor are shares or means resting on fewer "
    "than %(k)s (a dash). Where a table adds up to a total and only one cell is hidden, the "
    "next smallest cell is hidden too, so the hidden one cannot be worked out by subtraction. "
    "Zero is shown. A table whose total is below %(k)s is hidden as a whole. The exact "
    "figures are kept in the database; only their presentation is rounded."
)


def definitions(kind: str) -> list[tuple[str, str]]:
    """(figure name, definition) for one report kind, in the active language."""
    from frirum.reports.figures.definitions import definitions_for

    language = "en" if (get_language() or "da").startswith("en") else "da"
    return definitions_for(kind, language)
