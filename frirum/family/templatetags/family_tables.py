"""The Family conversations table, rendered in Python.

The same markup the template include family/includes/conversation_table.html had, on the
Family dashboard, the conversation list and a relative's and a group's page. Through the
template engine each row cost most of a millisecond (a relative's link and relation per
person present); here it costs a few dozen microseconds (see contacts' contact_tables.py).
"""

from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from frirum.family.models import FamilyConversation

register = template.Library()

DASH = "\u2013"  # an en dash, as the templates show a missing value
SLOT = "00SLOT00"


def _labels(field: str) -> dict:
    return {value: str(label) for value, label in FamilyConversation._meta.get_field(field).choices}


class _Rows:
    """What every row shares, worked out once per table: labels in the active language and
    the link patterns."""

    def __init__(self, show_site: bool):
        self.show_site = show_site
        self.kinds = _labels("kind")
        self.channels = _labels("channel")
        self.bridged_for = _labels("bridged_for")
        self.yes = _("Yes")
        self.first_meeting = format_html(
            ' <span class="badge badge-info">{}</span>', _("First meeting")
        )
        self.conversation_url = reverse("family:conversation_detail", args=[SLOT])
        self.relative_url = reverse("family:relative_detail", args=[SLOT])

    def relatives(self, conversation) -> SafeString:
        return format_html_join(
            ", ",
            '<a href="{}">{}</a> ({})',
            (
                (
                    self.relative_url.replace(SLOT, quote(relative.code)),
                    relative.label or relative.code,
                    relative.relation.label.lower(),
                )
                for relative in conversation.relatives_list
            ),
        )

    def row(self, c) -> SafeString:
        when = date_format(c.date, "DATE_FORMAT")
        if c.time:
            when = f"{when} {c.time:%H:%M}"
        if c.peer_volunteer_id:
            peer = c.peer_volunteer.full_name
        else:
            peer = self.yes if c.peer_volunteer_present else DASH
        return format_html(
            '<tr><td><a href="{}">{}</a>{}{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
            "<td>{}</td><td>{}</td></tr>",
            self.conversation_url.replace(SLOT, quote(c.code)),
            when,
            self.first_meeting if getattr(c, "is_first_meeting", False) else "",
            format_html('<br><span class="text-muted">{}</span>', c.site.name)
            if self.show_site
            else "",
            self.kinds.get(c.kind, c.kind),
            self.channels.get(c.channel, c.channel) if c.channel else DASH,
            self.relatives(c),
            (c.counsellor.full_name if c.counsellor_id else "") or DASH,
            peer,
            self.bridged_for.get(c.bridged_for, c.bridged_for) if c.bridged else DASH,
        )


@register.simple_tag
def family_conversation_table(conversations, caption, empty_text, show_site=False) -> SafeString:
    """The conversations (from selectors.conversations_for_list) as the design system's
    compact table, every value escaped by format_html."""
    head = format_html_join(
        "",
        '<th scope="col">{}</th>',
        (
            (_("Date"),),
            (_("Kind"),),
            (_("Channel"),),
            (_("Relatives present"),),
            (_("Counsellor"),),
            (_("Peer volunteer"),),
            (_("Bridged"),),
        ),
    )
    rows = _Rows(show_site)
    # Each row is already escaped by format_html.
    body = mark_safe("\n".join(rows.row(c) for c in conversations)) or format_html(  # noqa: S308
        '<tr><td colspan="7">{}</td></tr>', empty_text
    )
    return format_html(
        '<div class="table--responsive-scroll" tabindex="0">'
        '<table class="table table--compact">'
        '<caption class="sr-only">{}</caption><thead><tr>{}</tr></thead>'
        "<tbody>\n{}\n</tbody></table></div>",
        caption,
        head,
        body,
    )
