"""The conversations table, rendered in Python.

It is the workspace's most repeated markup (the dashboard, the conversation list, a group
session): 50 rows of seven cells with links. Through the template engine each row cost about
a millisecond; here the same markup costs a few dozen microseconds, which is what keeps a
list page cheap when fifty counsellors open it at once (benchmarks/RESULTS.md).
"""

from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from frirum.contacts.choices import Channel, ContactKind

register = template.Library()

DASH = "\u2013"  # an en dash, as the templates show a missing value
SLOT = "00SLOT00"


class _Rows:
    """What every row shares, worked out once per table: choice labels in the active
    language (get_FOO_display() hashes lazy labels, translating each time) and the two
    link patterns (a record code is letters, digits and dashes, quoted all the same)."""

    def __init__(self, site_code: str):
        self.kinds = {value: str(label) for value, label in ContactKind.choices}
        self.channels = {value: str(label) for value, label in Channel.choices}
        self.yes, self.no = _("Yes"), _("No")
        self.contact_url = reverse("contacts:contact_detail", args=[SLOT])
        self.course_url = reverse("contacts:youth_course", args=[site_code, SLOT])

    def row(self, contact) -> tuple:
        when = date_format(contact.date, "SHORT_DATE_FORMAT")
        if contact.time:
            when = f"{when} {contact.time:%H:%M}"
        counsellors = ", ".join(user.full_name for user in contact.counsellors.all()) or DASH
        themes = ", ".join(theme.label for theme in contact.themes.all()) or DASH
        return (
            self.contact_url.replace(SLOT, quote(contact.code)),
            when,
            self.course_url.replace(SLOT, quote(contact.youth.code)),
            str(contact.youth),
            self.kinds.get(contact.kind, contact.kind),
            self.channels.get(contact.channel, contact.channel) if contact.channel else DASH,
            counsellors,
            themes,
            self.yes if contact.bridged else self.no,
        )


@register.simple_tag
def contact_rows(contacts, site, caption) -> SafeString:
    """The conversations as the design system's compact table, every value escaped by
    format_html."""
    head = format_html_join(
        "",
        '<th scope="col">{}</th>',
        (
            (_("Date"),),
            (_("Young person"),),
            (_("Kind"),),
            (_("Channel"),),
            (_("Counsellors"),),
            (_("Themes"),),
            (_("Bridged"),),
        ),
    )
    rows = format_html_join(
        "\n",
        '<tr><td><a href="{}">{}</a></td><td><a href="{}">{}</a></td><td>{}</td><td>{}</td>'
        "<td>{}</td><td>{}</td><td>{}</td></tr>",
        map(_Rows(site.code).row, contacts),
    )
    return format_html(
        '<div class="table--responsive-scroll" tabindex="0">'
        '<table class="table table--zebra table--compact">'
        '<caption class="sr-only">{}</caption><thead><tr>{}</tr></thead>'
        "<tbody>\n{}\n</tbody></table></div>",
        caption,
        head,
        rows,
    )
