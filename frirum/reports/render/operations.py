"""The annual and national reports' sections on how sites run: bookings and volunteers."""

from django.utils.translation import gettext as _

from frirum.reports.render.model import (
    Row,
    Section,
    Table,
    count_table,
    figure,
    single_share,
)
from frirum.reports.suppression import BASE, MEAN, SHARE, Cell, count_cell, value_cell

BOOKING_KEYS = ["met", "not_met", "cancelled", "unmarked"]


def bookings_section(figures, prev, common) -> Section:
    """Only for a site with anonymous booking; the counts are suppressed like every count."""
    labels = {
        "met": _("Met (conversation registered)"),
        "not_met": _("Not met"),
        "cancelled": _("Cancelled"),
        "unmarked": _("Not marked"),
    }
    table = count_table(
        name="bookings",
        title=_("Anonymous bookings"),
        current={key: figure(figures, f"bookings.{key}", 0) for key in BOOKING_KEYS},
        previous={key: figure(prev, f"bookings.{key}", 0) for key in BOOKING_KEYS},
        total=figure(figures, "bookings.made"),
        previous_total=figure(prev, "bookings.made"),
        label=labels.get,
        order=BOOKING_KEYS,
        total_label=_("Bookings made"),
        base="bookings.made",
        **common,
    )
    section = Section("bookings", _("Anonymous bookings"), [table])
    section.intro = _(
        "Times young people booked on the site's public page, by the booked day. Dropping "
        "in without booking stays the rule and is not counted here."
    )
    return section


VOLUNTEER_COUNTS = ["active", "new", "left"]


def volunteers_section(figures, prev, common) -> Section:
    """Volunteers and their roster (frirum.reports.figures.volunteers). Every count is
    suppressed like any other; the hours are hidden when fewer than k people stand behind
    them, and the share of fully staffed days when fewer than k days were rostered. The
    people and days behind them are in the JSON, not in the table: the section stays short
    (the demo centre's report keeps within its 10 pages)."""
    k, has_prev = common["k"], common["has_previous"]
    labels = {
        "active": _("Volunteers counselling at the end of the period"),
        "new": _("New volunteers (approved to counsel alone)"),
        "left": _("Volunteers who left"),
    }

    def count_row(key: str) -> Row:
        name = f"volunteers.{key}"
        return Row(
            key,
            labels[key],
            count_cell(figure(figures, name), k=k),
            count_cell(figure(prev, name), k=k) if has_prev else None,
            figure=name,
        )

    hours = Row(
        "hours",
        _("Attended hours"),
        _hours_cell(figures, k),
        _hours_cell(prev, k) if has_prev else None,
        figure="volunteers.hours",
    )
    staffed = Row(
        "fully_staffed_share",
        _("Share of rostered opening days fully staffed"),
        _staffed_cell(figures, k),
        _staffed_cell(prev, k) if has_prev else None,
        figure="volunteers.fully_staffed_share",
        numerator="volunteers.fully_staffed_days",
        denominator="volunteers.rostered_days",
    )
    table = Table(
        name="volunteers",
        title=_("Volunteers"),
        kind="mixed",
        rows=[*(count_row(key) for key in VOLUNTEER_COUNTS), hours, staffed],
    )
    section = Section("volunteers", _("Volunteers"), [table])
    section.intro = _(
        "From the volunteers' paths and the roster. Hours count only attended shifts, not "
        "planned ones; an opening day is fully staffed when every shift had its minimum."
    )
    return section


def _hours_cell(figures, k: int) -> Cell:
    """The attended hours, hidden when fewer than k people stand behind them. A sum is no
    count the disclosure control adds up, so the hidden value is left out of the cell
    altogether (the control then leaves the cell as it is): hidden in every format."""
    hours, people = figure(figures, "volunteers.hours"), figure(figures, "volunteers.attending")
    if hours and (people is None or people < k):
        return Cell(None, MEAN, people, BASE, k)
    return value_cell(hours, base=k if hours == 0 else people, k=k)


def _staffed_cell(figures, k: int) -> Cell:
    """The share of fully staffed days. Of fewer than k rostered days it is hidden, its
    value left out (the disclosure control then leaves the cell as it is); of more, the
    control ties it to its days like any other share."""
    value, days = (
        figure(figures, "volunteers.fully_staffed_share"),
        figure(figures, "volunteers.rostered_days"),
    )
    if value is not None and (days is None or days < k):
        return Cell(None, SHARE, None, BASE, k)
    return single_share(value, days, k)
