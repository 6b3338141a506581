"""Writes for conversations and group sessions: validated first, written in one transaction,
audited (who, when, what)."""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from frirum.audit.actions import audit_batch, record_audit, snapshot
from frirum.audit.models import AuditAction
from frirum.contacts.choices import (
    Channel,
    ContactKind,
    DropoutRisk,
    EducationStatus,
    OutreachKind,
)
from frirum.contacts.models import Contact, GroupSession, Outreach
from frirum.lib.anonymity import validate_anonymous_text
from frirum.people.actions import create_youth
from frirum.people.models import Gender, Youth
from frirum.sites.models import Municipality, Site
from frirum.taxonomies.models import Term, Vocabulary
from frirum.trash.actions import bury
from frirum.trash.models import DeletedKind, DeletedRecord

CONTACT_M2M = ("counsellors", "themes", "bridging_methods", "bridging_destinations")
NOTE_MAX = Contact._meta.get_field("note").max_length
MAX_DURATION_MINUTES = 24 * 60


@dataclass
class ContactDetails:
    """What the counsellor fills in about one conversation (everything but who and where)."""

    date: dt.date
    channel: str
    time: dt.time | None = None
    kind: str = ContactKind.COUNSELLING
    counsellors: Sequence = ()
    age: int | None = None
    education_status: str = ""
    dropout_risk: str = ""
    duration_minutes: int | None = None
    themes: Sequence[Term] = ()
    relative_present: Term | None = None
    bridged: bool = False
    bridging_methods: Sequence[Term] = ()
    bridging_destinations: Sequence[Term] = ()
    note: str = ""


@dataclass
class NewYouth:
    nickname: str = ""
    gender: str = Gender.UNKNOWN
    residence_municipality: Municipality | None = None


@dataclass
class Participant:
    """One young person at a group session: an existing one or a new one, and their details."""

    youth: Youth | None = None
    new_youth: NewYouth | None = None
    age: int | None = None
    education_status: str = ""
    dropout_risk: str = ""


def _check_terms(errors: dict, name: str, terms: Iterable[Term], vocabulary: str) -> None:
    if any(term.vocabulary != vocabulary for term in terms):
        errors[name] = [_("Choose from the list.")]


def validate_contact_details(details: ContactDetails) -> None:
    """Raises one ValidationError keyed by field for everything wrong with the details."""
    errors: dict = {}
    if details.channel not in Channel.values:
        errors["channel"] = [_("Choose a channel from the list.")]
    if details.kind not in ContactKind.values:
        errors["kind"] = [_("Choose a kind from the list.")]
    if details.age is not None and not 0 <= details.age <= 99:
        errors["age"] = [_("Age must be between 0 and 99.")]
    if details.education_status and details.education_status not in EducationStatus.values:
        errors["education_status"] = [_("Choose from the list.")]
    if details.dropout_risk and details.dropout_risk not in DropoutRisk.values:
        errors["dropout_risk"] = [_("Choose from the list.")]
    if details.duration_minutes is not None and not (
        0 < details.duration_minutes <= MAX_DURATION_MINUTES
    ):
        errors["duration_minutes"] = [_("Duration must be between 1 and 1440 minutes.")]
    _check_terms(errors, "themes", details.themes, Vocabulary.YOUTH_THEME)
    _check_terms(
        errors, "bridging_methods", details.bridging_methods, Vocabulary.YOUTH_BRIDGING_METHOD
    )
    _check_terms(
        errors, "bridging_destinations", details.bridging_destinations, Vocabulary.DESTINATION
    )
    if details.relative_present is not None:
        _check_terms(errors, "relative_present", [details.relative_present], Vocabulary.RELATION)
    if not details.bridged and (details.bridging_methods or details.bridging_destinations):
        errors["bridged"] = [
            _("Methods or destinations are chosen: tick “bridged”, or clear them.")
        ]
    try:
        validate_anonymous_text(details.note)
    except ValidationError as error:
        errors["note"] = error.messages
    if len(details.note) > NOTE_MAX:
        errors.setdefault("note", []).append(_("At most %(max)d characters.") % {"max": NOTE_MAX})
    if errors:
        raise ValidationError(errors)


_SCALAR_FIELDS = (
    "date",
    "time",
    "kind",
    "channel",
    "age",
    "education_status",
    "dropout_risk",
    "duration_minutes",
    "relative_present",
    "bridged",
    "note",
)


def _apply(contact: Contact, details: ContactDetails) -> None:
    for name in _SCALAR_FIELDS:
        setattr(contact, name, getattr(details, name))
    contact.note = details.note.strip()


def _m2m_values(details: ContactDetails) -> dict[str, list]:
    def distinct(objects) -> list:
        return list({obj.pk: obj for obj in objects}.values())

    return {
        "counsellors": distinct(details.counsellors),
        "themes": distinct(details.themes),
        "bridging_methods": distinct(details.bridging_methods) if details.bridged else [],
        "bridging_destinations": (
            distinct(details.bridging_destinations) if details.bridged else []
        ),
    }


def _set_m2m(contact: Contact, details: ContactDetails) -> None:
    for name, objects in _m2m_values(details).items():
        getattr(contact, name).set(objects)


def _add_m2m_to_new(contact: Contact, values: dict[str, list]) -> None:
    """A new conversation has no links yet: one INSERT per field that has any, instead of
    `set()`'s read of the existing links first."""
    for name, objects in values.items():
        if not objects:
            continue
        field = Contact._meta.get_field(name)
        through = field.remote_field.through
        source = field.m2m_field_name()
        target = field.m2m_reverse_field_name()
        through.objects.bulk_create([through(**{source: contact, target: obj}) for obj in objects])


def _resolve_youth(*, actor, site: Site, youth: Youth | None, new_youth: NewYouth | None) -> Youth:
    if youth is not None:
        return youth
    if new_youth is None:
        raise ValidationError({"youth": [_("Choose a young person or register a new one.")]})
    return create_youth(
        actor=actor,
        site=site,
        nickname=new_youth.nickname,
        gender=new_youth.gender,
        residence_municipality=new_youth.residence_municipality,
    )


@transaction.atomic
def create_contact(
    *,
    actor,
    site: Site,
    details: ContactDetails,
    youth: Youth | None = None,
    new_youth: NewYouth | None = None,
    group_session: GroupSession | None = None,
) -> Contact:
    """Registers one conversation, creating the young person first when new."""
    validate_contact_details(details)
    if group_session is not None and details.kind != ContactKind.GROUP:
        raise ValidationError({"kind": [_("A group session's conversations are of kind group.")]})
    with audit_batch():  # a new young person's entry and the conversation's in one INSERT
        youth = _resolve_youth(actor=actor, site=site, youth=youth, new_youth=new_youth)
        contact = Contact(site=site, youth=youth, group_session=group_session, created_by=actor)
        _apply(contact, details)
        contact.save()
        links = _m2m_values(details)
        _add_m2m_to_new(contact, links)
        record_audit(
            actor=actor,
            action=AuditAction.CREATE,
            instance=contact,
            site=site,
            after=snapshot(contact, m2m=CONTACT_M2M, m2m_values=links),
        )
    return contact


@transaction.atomic
def update_contact(
    *,
    actor,
    contact: Contact,
    site: Site,
    details: ContactDetails,
    youth: Youth | None = None,
    new_youth: NewYouth | None = None,
) -> Contact:
    """Changes a conversation; the young person or site may be corrected too."""
    validate_contact_details(details)
    if contact.group_session_id and details.kind != ContactKind.GROUP:
        raise ValidationError({"kind": [_("A group session's conversations are of kind group.")]})
    before = snapshot(contact, m2m=CONTACT_M2M)
    contact.youth = _resolve_youth(actor=actor, site=site, youth=youth, new_youth=new_youth)
    contact.site = site
    _apply(contact, details)
    contact.save(update_fields=["youth", "site", *_SCALAR_FIELDS, "updated_at"])
    _set_m2m(contact, details)
    after = snapshot(contact, m2m=CONTACT_M2M)
    if after != before:
        record_audit(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=contact,
            site=site,
            before=before,
            after=after,
        )
    return contact


def audit_contact_deletion(*, actor, contact: Contact) -> None:
    record_audit(
        actor=actor,
        action=AuditAction.DELETE,
        instance=contact,
        site=contact.site,
        before=snapshot(contact, m2m=CONTACT_M2M),
    )


@transaction.atomic
def delete_contact(*, actor, contact: Contact) -> DeletedRecord:
    """Deletes a conversation with its questionnaire answers, restorable by the chief for a
    while (frirum.trash); the audit entry stays."""
    audit_contact_deletion(actor=actor, contact=contact)
    return bury(
        actor=actor,
        site=contact.site,
        kind=DeletedKind.CONTACT,
        roots=[contact],
        code=contact.code,
        date=contact.date,
    )


@transaction.atomic
def create_group_session(
    *,
    actor,
    site: Site,
    details: ContactDetails,
    participants: Sequence[Participant],
    title: str = "",
) -> GroupSession:
    """One group meeting: one contact of kind group per participant, all or nothing."""
    if not participants:
        raise ValidationError({"participants": [_("Add at least one participant.")]})
    title = title.strip()
    try:
        validate_anonymous_text(title)
    except ValidationError as error:
        raise ValidationError({"title": error.messages}) from error
    seen = [p.youth.pk for p in participants if p.youth is not None]
    if len(seen) != len(set(seen)):
        raise ValidationError(
            {"participants": [_("The same young person is listed more than once.")]}
        )
    session = GroupSession.objects.create(site=site, date=details.date, title=title)
    record_audit(
        actor=actor,
        action=AuditAction.CREATE,
        instance=session,
        site=site,
        after=snapshot(session),
    )
    for participant in participants:
        personal = ContactDetails(
            **{
                **details.__dict__,
                "kind": ContactKind.GROUP,
                "age": participant.age,
                "education_status": participant.education_status,
                "dropout_risk": participant.dropout_risk,
            }
        )
        create_contact(
            actor=actor,
            site=site,
            details=personal,
            youth=participant.youth,
            new_youth=participant.new_youth or NewYouth(),
            group_session=session,
        )
    return session


@transaction.atomic
def delete_group_session(*, actor, session: GroupSession) -> DeletedRecord:
    """Deletes a group meeting and its participants' conversations, each audited; restorable
    together."""
    for contact in session.contacts.select_related("site"):
        audit_contact_deletion(actor=actor, contact=contact)
    record_audit(
        actor=actor,
        action=AuditAction.DELETE,
        instance=session,
        site=session.site,
        before=snapshot(session),
    )
    return bury(
        actor=actor,
        site=session.site,
        kind=DeletedKind.GROUP_SESSION,
        roots=[session],
        code=str(session.pk),
        date=session.date,
    )


def _validate_outreach(*, kind: str, short_contacts: int, note: str) -> None:
    errors: dict = {}
    if kind not in OutreachKind.values:
        errors["kind"] = [_("Choose a kind from the list.")]
    if short_contacts is None or short_contacts < 0:
        errors["short_contacts"] = [_("Enter a whole number, 0 or more.")]
    try:
        validate_anonymous_text(note)
    except ValidationError as error:
        errors["note"] = error.messages
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_outreach(
    *, actor, site: Site, date: dt.date, kind: str, short_contacts: int, note: str = ""
) -> Outreach:
    """An outreach activity: only the number of short contacts is kept, nobody's identity."""
    note = note.strip()
    _validate_outreach(kind=kind, short_contacts=short_contacts, note=note)
    outreach = Outreach.objects.create(
        site=site,
        date=date,
        kind=kind,
        short_contacts=short_contacts,
        note=note,
        created_by=actor,
    )
    record_audit(
        actor=actor,
        action=AuditAction.CREATE,
        instance=outreach,
        site=site,
        after=snapshot(outreach),
    )
    return outreach


@transaction.atomic
def update_outreach(
    *, actor, outreach: Outreach, date: dt.date, kind: str, short_contacts: int, note: str = ""
) -> Outreach:
    note = note.strip()
    _validate_outreach(kind=kind, short_contacts=short_contacts, note=note)
    before = snapshot(outreach)
    outreach.date, outreach.kind = date, kind
    outreach.short_contacts, outreach.note = short_contacts, note
    outreach.save(update_fields=["date", "kind", "short_contacts", "note"])
    after = snapshot(outreach)
    if after != before:
        record_audit(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=outreach,
            site=outreach.site,
            before=before,
            after=after,
        )
    return outreach


@transaction.atomic
def delete_outreach(*, actor, outreach: Outreach) -> DeletedRecord:
    record_audit(
        actor=actor,
        action=AuditAction.DELETE,
        instance=outreach,
        site=outreach.site,
        before=snapshot(outreach),
    )
    return bury(
        actor=actor,
        site=outreach.site,
        kind=DeletedKind.OUTREACH,
        roots=[outreach],
        code=outreach.code,
        date=outreach.date,
    )
