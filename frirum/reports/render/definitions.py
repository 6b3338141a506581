"""The appendix of a report: the figures' definitions and how the presented forms round and hide.

The definitions themselves belong to the figures (frirum.reports.figures.definitions, in
Danish and English, after the interchange page); this adds the presentation rules.
"""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

PRESENTATION = _(
    "Presented figures are rounded: percentages to whole percent, means to one decimal. "
    "Zero is shown. A count below %(k)s is not shown; nor is a share or mean resting on such "
    "a count or on a hidden one. Where a hidden figure could be worked out from the "
    "others (from a total, a mean, a share or the year before), more figures are hidden, "
    "until a check of everything a reader can see shows that none can. The exact figures are "
    "kept in the database; only their presentation is rounded."
)
# One legend line per mark, shown only where the mark occurs.
SMALL_LEGEND = _("<%(k)s: fewer than %(k)s, not shown.")
# %(mark)s is the dash (frirum.reports.suppression.DASH).
DASH_LEGEND = _(
    "%(mark)s: hidden to protect another figure, or a share or mean resting on a small or "
    "hidden number; it may be any size."
)
# The spreadsheet's single mark (%(mark)s, the dash) for every hidden cell: a spreadsheet is
# read and re-used cell by cell, so one mark, one meaning (issue 11); the web page and the PDF
# keep their two.
XLSX_LEGEND = _(
    "%(mark)s: not shown: a count below %(k)s, a figure hidden so that such a count cannot be "
    "worked out, or a share, mean or change resting on a hidden figure; it may be any size."
)


def definitions(kind: str) -> list[tuple[str, str]]:
    """(figure name, definition) for one report kind, in the active language."""
    from frirum.reports.figures.definitions import definitions_for

    language = "en" if (get_language() or "da").startswith("en") else "da"
    return definitions_for(kind, language)


# Names for the figures the report shows only inside another (a count behind shares, the
# self-efficacy outcome); every other figure is named by its table or row.
FIGURE_NAMES = {
    "bridging.contacts": _("Conversations with bridging"),
    "bridging.share": _("Share of conversations with bridging"),
    "outcomes.self_efficacy": _("Outcome: self-efficacy"),
    "feedback.responses": _("Conversations with feedback from the young person"),
    "conversations.total": _("Conversations"),
    "themes_by_kind": _("Themes by kind of conversation"),
    "relatives.total": _("Relatives"),
    "inquiries.total": _("Inquiries about a young person"),
    "youth_contacts_with_relative.total": _("Young people's conversations with a relative present"),
}
