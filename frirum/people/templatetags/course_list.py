"""A young person's course, its conversations as a list, rendered in Python.

The same markup the course page's template loop had (tests/people/test_course_list.py keeps
that loop as the reference and compares). Through the template engine each conversation
cost most of two milliseconds (four translated phrases, dates, labels and four relations);
a long course at a large centre has forty.
"""

from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.formats import date_format, localize, time_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()

SLOT = "00SLOT00"


def _names(items, attribute: str) -> str:
    return ", ".join(conditional_escape(getattr(item, attribute)) for item in items)


def _item(contact, number: int, detail_url: str) -> str:
    heading = _("%(number)s. conversation, %(date)s") % {
        "number": conditional_escape(localize(number)),
        "date": conditional_escape(date_format(contact.date, "DATE_FORMAT")),
    }
    parts = [
        "<li>\n",
        f'  <h3 class="h5"><a href="{detail_url.replace(SLOT, quote(contact.code))}">{heading}</a>',
    ]
    if contact.time:
        parts.append(f" {conditional_escape(time_format(contact.time, 'H:i'))}")
    parts.append("</h3>\n  <p>")
    parts.append(conditional_escape(contact.get_kind_display()))
    if contact.channel:
        parts.append(f" · {conditional_escape(contact.get_channel_display())}")
    if contact.duration_minutes:
        minutes = conditional_escape(localize(contact.duration_minutes))
        parts.append(" · " + _("%(minutes)s min.") % {"minutes": minutes})
    if contact.age is not None:
        parts.append(
            " · " + _("%(age)s years") % {"age": conditional_escape(localize(contact.age))}
        )
    parts.append("\n  ")
    if contact.counsellors_list:
        parts.append(" · " + _names(contact.counsellors_list, "full_name"))
    parts.append("</p>\n  ")
    if contact.themes_list:
        parts.append(
            f"<p><strong>{conditional_escape(_('Themes'))}:</strong> "
            f"{_names(contact.themes_list, 'label')}</p>"
        )
    parts.append("\n  ")
    if contact.bridged:
        parts.append(
            f"<p><strong>{conditional_escape(_('Bridged'))}:</strong> "
            f"{_names(contact.bridging_methods_list, 'label')}"
        )
        if contact.bridging_destinations_list:
            parts.append(" → " + _names(contact.bridging_destinations_list, "label"))
        parts.append("</p>")
    parts.append("\n  ")
    if contact.relative_present:
        parts.append(
            format_html(
                "<p><strong>{}:</strong> {}</p>",
                _("Relative present"),
                contact.relative_present.label,
            )
        )
    parts.append("\n</li>")
    return "".join(parts)


@register.simple_tag
def course_items(contacts) -> SafeString:
    """The <li> of each conversation, as the page's <ol class="frirum-course"> holds them.
    Each contact needs the course selector's prefetched lists (counsellors_list, ...)."""
    detail_url = reverse("contacts:contact_detail", args=[SLOT])
    return mark_safe(  # noqa: S308 - every value above is escaped
        "".join(_item(contact, number, detail_url) for number, contact in enumerate(contacts, 1))
    )
