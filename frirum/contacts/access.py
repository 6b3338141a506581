"""Access to conversations, group sessions and outreach: each resolved through one helper,
404 when the user may not read the record's site (frirum.lib.access). A municipality viewer
has no site membership and so never reaches a record."""

from django.http import Http404, HttpRequest

from frirum.contacts.models import Contact, GroupSession, Outreach
from frirum.lib.access import can_read_site_records


def get_contact_for_user(request: HttpRequest, code: str) -> Contact:
    contact = (
        Contact.objects.select_related(
            "site", "site__municipality", "youth", "group_session", "relative_present"
        )
        .filter(code=code)
        .first()
    )
    if contact is None or not can_read_site_records(request.user, contact.site):
        raise Http404
    return contact


def get_group_session_for_user(request: HttpRequest, pk: int) -> GroupSession:
    session = GroupSession.objects.select_related("site").filter(pk=pk).first()
    if session is None or not can_read_site_records(request.user, session.site):
        raise Http404
    return session


def get_outreach_for_user(request: HttpRequest, code: str) -> Outreach:
    outreach = Outreach.objects.select_related("site").filter(code=code).first()
    if outreach is None or not can_read_site_records(request.user, outreach.site):
        raise Http404
    return outreach
