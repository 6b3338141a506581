"""Writes for questionnaires: issuing a one-time code, the young person's answers, and which
instruments a site asks."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frirum.audit.actions import record_audit, snapshot
from frirum.audit.models import AuditAction
from frirum.questionnaires import codes
from frirum.questionnaires.models import FeedbackCode, Instrument, InstrumentVersion, Item, Response


class CodeUnavailable(Exception):
    """The code was used or has expired between opening the form and sending it."""


@transaction.atomic
def issue_feedback_code(
    *, contact, actor, now: dt.datetime | None = None
) -> tuple[FeedbackCode, str]:
    """A new one-time code for the contact's questionnaire; returns the record and the code.

    The code is returned once and never stored. An earlier unused code for the same contact is
    withdrawn, so only the code in the young person's hand works.
    """
    now = now or timezone.now()
    if Response.objects.filter(contact=contact).exists():
        raise ValidationError(
            _("The young person has already answered the questionnaire for this conversation."),
            code="answered",
        )
    FeedbackCode.objects.filter(contact=contact, used_at__isnull=True, expires_at__gt=now).update(
        expires_at=now
    )
    code = codes.new_code()
    while FeedbackCode.objects.filter(code_hash=codes.code_hash(code)).exists():
        code = codes.new_code()
    feedback_code = FeedbackCode.objects.create(
        contact=contact,
        code_hash=codes.code_hash(code),
        created_by=actor,
        expires_at=now + dt.timedelta(hours=codes.code_hours()),
    )
    record_audit(
        actor=actor,
        action=AuditAction.CREATE,
        instance=feedback_code,
        site=contact.site,
        after={"contact": contact.code, "expires_at": feedback_code.expires_at.isoformat()},
    )
    return feedback_code, code


def _validated_answers(values: dict[int, int], items: dict[int, Item]) -> list[tuple[Item, int]]:
    answers = []
    for item_id, value in values.items():
        if value is None:
            continue
        item = items.get(item_id)
        if item is None:
            raise ValidationError(_("This question is not part of the questionnaire."))
        if not item.version.scale_min <= value <= item.version.scale_max:
            raise ValidationError(_("An answer is outside the scale."))
        answers.append((item, value))
    if not answers:
        raise ValidationError(_("Answer at least one question."), code="empty")
    return answers


@transaction.atomic
def submit_answers(
    *,
    feedback_code: FeedbackCode,
    values: dict[int, int],
    items: dict[int, Item],
    now: dt.datetime | None = None,
) -> list[Response]:
    """Store the young person's answers (item id -> value) and use up the code.

    `items` are the items the form offered (current versions of the site's instruments). The
    code is claimed with a conditional update, so two simultaneous submits store one answer.
    """
    now = now or timezone.now()
    answers = _validated_answers(values, items)
    claimed = FeedbackCode.objects.filter(
        pk=feedback_code.pk, used_at__isnull=True, expires_at__gt=now
    ).update(used_at=now)
    if not claimed:
        raise CodeUnavailable
    contact = feedback_code.contact
    if Response.objects.filter(contact=contact).exists():
        raise CodeUnavailable
    responses = Response.objects.bulk_create(
        Response(
            contact=contact,
            instrument_id=item.version.instrument_id,
            item=item,
            item_code=item.code,
            value=value,
        )
        for item, value in answers
    )
    feedback_code.used_at = now
    # The young person has no account: the trail says the code was used, not by whom.
    record_audit(
        actor=None,
        action=AuditAction.UPDATE,
        instance=feedback_code,
        site=contact.site,
        before={"used_at": None},
        after={"used_at": now.isoformat(), "answers": len(responses)},
    )
    return responses


@transaction.atomic
def set_site_instruments(*, site, instruments: list[Instrument], actor) -> None:
    """Which questionnaires the site asks after a conversation; none means the defaults."""
    before = snapshot(site, m2m=("instruments",))
    site.instruments.set(instruments)
    record_audit(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=site,
        site=site,
        before=before,
        after=snapshot(site, m2m=("instruments",)),
    )


def version_is_frozen(version) -> bool:
    """A version with answers keeps its wording and scoring: reports depend on it."""
    return Response.objects.filter(item__version=version).exists()


@transaction.atomic
def new_instrument_version(*, version, actor):
    """Copy a version (with its items) as the instrument's next, current version.

    The way to change the wording of a frozen version: the old one stays as the answers gave
    it, and new answers go to the copy.
    """

    instrument = version.instrument
    latest = instrument.versions.order_by("-number").first()
    instrument.versions.filter(is_current=True).update(is_current=False)
    copy = InstrumentVersion.objects.create(
        instrument=instrument,
        number=latest.number + 1,
        is_current=True,
        scale_min=version.scale_min,
        scale_max=version.scale_max,
        direction=version.direction,
        scoring=version.scoring,
        score_multiplier=version.score_multiplier,
        categories=version.categories,
        cutoff=version.cutoff,
        reference_sd=version.reference_sd,
        reliability=version.reliability,
        source=version.source,
    )
    Item.objects.bulk_create(
        Item(
            version=copy,
            code=item.code,
            position=item.position,
            text_da=item.text_da,
            text_en=item.text_en,
            anchors=item.anchors,
            reverse_scored=item.reverse_scored,
        )
        for item in version.items.order_by("position")
    )
    record_audit(
        actor=actor,
        action=AuditAction.CREATE,
        instance=copy,
        after={"instrument": instrument.code, "number": copy.number, "copied_from": version.number},
    )
    return copy
