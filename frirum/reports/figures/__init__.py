"""Report figures exactly as docs/interchange-format.md defines them.

Each function returns a JSON-serialisable nested dict: the figure `youth.personal` is
result["youth"]["personal"]; counts are ints, shares unrounded floats in 0..1 (0 when the
denominator is 0). Every figure is computed once, here, by aggregate queries; the JSON
output, the web pages, the PDF and the spreadsheet all read these dicts. docs/figures.md
defines every figure and the edge cases.
"""

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Sum

from frirum.contacts.models import Contact, Outreach
from frirum.family.models import FamilyConversation, RelativeInquiry
from frirum.people.models import Youth
from frirum.reports.figures import family as family_figures
from frirum.reports.figures.bookings import booking_figures
from frirum.reports.figures.common import Scope, meta, share, site_info, year_bounds
from frirum.reports.figures.feedback import feedback_figures, self_efficacy_figures
from frirum.reports.figures.trends import trends
from frirum.reports.figures.volunteers import has_volunteers, volunteer_figures
from frirum.reports.figures.youth import (
    bridging_figures,
    contact_counts,
    personal_figures,
    theme_figures,
)
from frirum.sites.models import Site, SiteKind

__all__ = ["KINDS", "annual", "compute", "family", "national", "trends"]

KINDS = ("annual", "national", "family")
# Annual reports are for the sites where young people have contacts.
ANNUAL_SITE_KINDS = (SiteKind.CENTRE, SiteKind.SATELLITE, SiteKind.CHAT)


def _youth_report(scope: Scope, *, outreach, third_name: str, third: int) -> dict:
    """The figures annual and national share, over the scope's contacts and `outreach`."""
    contacts = scope.contacts()
    youth = personal_figures(contacts)
    counts = contact_counts(contacts)
    short_contacts = outreach.order_by().aggregate(n=Sum("short_contacts"))["n"] or 0
    personal, total = youth["personal"], counts["total"]
    feedback = feedback_figures(scope, answered=counts["answered"])
    return {
        "youth": {
            "personal": personal,
            "short_contacts": short_contacts,
            third_name: third,
            "total": personal + short_contacts + third,
            "residence": youth["residence"],
            "gender": youth["gender"],
            "age_at_first": youth["age_at_first"],
            "education": youth["education"],
        },
        "contacts": {
            "total": total,
            "per_youth": share(total, personal),
            "by_channel": counts["by_channel"],
            "by_kind": counts["by_kind"],
        },
        "themes": theme_figures(scope, total=total),
        "bridging": bridging_figures(scope, total=total, bridged=counts["bridged"]),
        "feedback": feedback,
        "outcomes": {"self_efficacy": self_efficacy_figures(scope)},
        "meta": meta(instrument_versions=feedback.pop("instrument_versions")),
    }


def _chat_youth(period) -> int:
    """Distinct young people with a contact at any chat site in the period."""
    chat_contacts = Contact.objects.filter(site__kind=SiteKind.CHAT, date__range=period)
    return chat_contacts.order_by().aggregate(n=Count("youth_id", distinct=True))["n"]


def _chat_residents(period, municipality_id: int) -> int:
    """Young people living in the municipality with a contact at any chat site in the year.

    Asked from the residents' side: a municipality's young people are few next to a year of
    chat contacts, and each is one probe into the (youth, site, date) index.
    """
    on_chat = Contact.objects.filter(
        youth_id=OuterRef("pk"), site__kind=SiteKind.CHAT, date__range=period
    )
    residents = Youth.objects.filter(residence_municipality_id=municipality_id)
    return residents.filter(Exists(on_chat)).order_by().count()


def _period(year: int, until: dt.date | None) -> dict:
    """The figures' period: the year, or with `until` the year up to that day, which the
    figures then name (an unfinished year and the same period of the year before)."""
    return {"until": until.isoformat()} if until is not None else {}


def annual(*, site: Site, year: int, until: dt.date | None = None) -> dict:
    """One site's year (up to `until`, if given): the interchange page's `annual` report."""
    if site.kind not in ANNUAL_SITE_KINDS:
        raise ValueError(
            f"site {site.code} is a {site.kind} site; annual reports are for "
            "centres, satellites and the chat"
        )
    period = year_bounds(year, until)
    scope = Scope(site_id=site.id, date__range=period)
    outreach = Outreach.objects.filter(site=site, date__range=period)
    # Nobody's residence equals a missing municipality, so a chat without one counts 0.
    chat_resident = _chat_residents(period, site.municipality_id) if site.municipality_id else 0
    figures = _youth_report(
        scope, outreach=outreach, third_name="chat_resident", third=chat_resident
    )
    # Only for a site that books (or booked in the period): the others have no such figure.
    bookings = booking_figures(site, period)
    if bookings is not None:
        figures["bookings"] = bookings
    # Only for a site with volunteers or a roster, ever: the others have no such figure.
    if has_volunteers([site.id]):
        figures["volunteers"] = volunteer_figures([site.id], period)
    return {
        "report": "annual",
        "year": year,
        **_period(year, until),
        "site": site.code,
        "site_info": site_info(site),
        **figures,
    }


def national(*, year: int, until: dt.date | None = None) -> dict:
    """All sites that are not chat sites, plus the chat's young people as `youth.chat`."""
    period = year_bounds(year, until)
    sites = list(Site.objects.exclude(kind=SiteKind.CHAT).values_list("id", flat=True))
    scope = Scope(site_id__in=sites, date__range=period)
    outreach = Outreach.objects.filter(site_id__in=sites, date__range=period)
    figures = _youth_report(scope, outreach=outreach, third_name="chat", third=_chat_youth(period))
    figures["sites"] = len(sites)
    # Network-wide, the chat's volunteers too: they are the network's volunteers.
    figures["volunteers"] = volunteer_figures(Site.objects.values_list("id", flat=True), period)
    return {
        "report": "national",
        "year": year,
        **_period(year, until),
        "site": None,
        "site_info": None,
        **figures,
    }


def family(*, year: int, site: Site | None = None, until: dt.date | None = None) -> dict:
    """headspace Family: the year's Family conversations and inquiries (of one site, if given)."""
    if site is not None and site.kind != SiteKind.FAMILY:
        raise ValueError(f"site {site.code} is not a Family site")
    period = year_bounds(year, until)
    where = {"date__range": period} if site is None else {"date__range": period, "site": site}
    conversations = FamilyConversation.objects.filter(**where)
    relatives, conversation_part = family_figures.conversation_figures(conversations)
    total = conversation_part["total"]
    themes, themes_by_kind = family_figures.theme_figures(
        conversations, total=total, by_kind=conversation_part["by_kind"]
    )
    return {
        "report": "family",
        "year": year,
        **_period(year, until),
        "site": site.code if site else None,
        "site_info": site_info(site),
        "relatives": relatives,
        "conversations": conversation_part,
        "themes": themes,
        "themes_by_kind": themes_by_kind,
        "bridging": family_figures.bridging_figures(conversations, total=total),
        "inquiries": family_figures.inquiry_figures(RelativeInquiry.objects.filter(**where)),
        "youth_contacts_with_relative": family_figures.relative_present_figures(
            Contact.objects.filter(**where)
        ),
        **_family_volunteers(site, period),
        "meta": meta(),
    }


def _family_volunteers(site: Site | None, period) -> dict:
    """Family's volunteers (its peer volunteers and their roster), the same figure as the
    annual report's: of the site, or of every Family site; none where there never were any."""
    if site is not None:
        site_ids = [site.id]
    else:
        site_ids = list(Site.objects.filter(kind=SiteKind.FAMILY).values_list("id", flat=True))
    if not has_volunteers(site_ids):
        return {}
    return {"volunteers": volunteer_figures(site_ids, period)}


def compute(
    kind: str, *, year: int, site: Site | None = None, until: dt.date | None = None
) -> dict:
    """The figures of one report, by kind: what the command, the web pages and exports call."""
    if kind == "annual":
        if site is None:
            raise ValueError("an annual report needs a site")
        return annual(site=site, year=year, until=until)
    if kind == "national":
        return national(year=year, until=until)
    if kind == "family":
        return family(year=year, site=site, until=until)
    raise ValueError(f"unknown report kind {kind!r}")
