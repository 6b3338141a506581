"""Shifts from a site's templates on its opening days. The opening days come only from
frirum.sites.schedule (weekly hours, closed days, short days), never from a copy of them."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from frirum.audit.actions import record_audit, record_event, snapshot
from frirum.audit.models import AuditAction
from frirum.rosters.models import Shift, ShiftTemplate
from frirum.sites.models import Site
from frirum.sites.schedule import ZONE, DaySchedule, calendar

# A generation reaches at most this far ahead: enough for a season, small enough to review.
MAX_DAYS = 400


def _local_time(at: dt.datetime) -> dt.time:
    return at.astimezone(ZONE).time()


def _window(template: ShiftTemplate, day: DaySchedule) -> tuple[dt.time, dt.time] | None:
    """The template's times on an open day, within the day's opening hours (a short day
    shortens a shift; a shift wholly outside the hours is not made)."""
    opens = _local_time(day.openings[0].start)
    closes = _local_time(day.openings[-1].end)
    starts = max(template.starts or opens, opens)
    ends = min(template.ends or closes, closes)
    return (starts, ends) if starts < ends else None


def planned_shifts(site: Site, start: dt.date, end: dt.date) -> list[Shift]:
    """Unsaved shifts for the dates from start up to (not including) end."""
    templates = list(ShiftTemplate.objects.filter(site=site))
    shifts = []
    for day in calendar(site, start, end):
        if not day.is_open:
            continue
        for template in templates:
            if not template.applies_on(day.date):
                continue
            window = _window(template, day)
            if window is None:
                continue
            shifts.append(
                Shift(
                    site=site,
                    template=template,
                    date=day.date,
                    starts=window[0],
                    ends=window[1],
                    min_counsellors=template.min_counsellors,
                    max_counsellors=template.max_counsellors,
                )
            )
    return shifts


@transaction.atomic
def generate_shifts(*, actor, site: Site, start: dt.date, end: dt.date) -> int:
    """Makes the missing shifts from start up to (not including) end; returns how many.

    Existing shifts are left as they are (people may be on them), so generating twice or
    over an overlapping period is harmless."""
    end = min(end, start + dt.timedelta(days=MAX_DAYS))
    existing = set(
        Shift.objects.filter(site=site, date__gte=start, date__lt=end).values_list(
            "template_id", "date"
        )
    )
    new = [s for s in planned_shifts(site, start, end) if (s.template_id, s.date) not in existing]
    Shift.objects.bulk_create(new, ignore_conflicts=True)
    record_event(
        actor=actor,
        action=AuditAction.CREATE,
        object_type="rosters.shift",
        site=site,
        details={"from": start.isoformat(), "to": end.isoformat(), "shifts": len(new)},
    )
    return len(new)


@transaction.atomic
def save_template(*, actor, form, site: Site) -> ShiftTemplate:
    """Creates a template from a valid ShiftTemplateForm."""
    template = form.save(commit=False)
    template.site = site
    template.save()
    form.save_m2m()
    record_audit(
        actor=actor,
        action=AuditAction.CREATE,
        instance=template,
        site=site,
        after=snapshot(template, m2m=("required",)),
    )
    return template


@transaction.atomic
def retire_template(*, actor, template: ShiftTemplate) -> None:
    """Ends a template: its future shifts nobody is on go; shifts with people stay (the chief
    moves them by hand, and nobody's shift disappears silently); without shifts left, the
    template itself goes."""
    today = timezone.localdate()
    template.shifts.filter(date__gte=today, assignments__isnull=True).delete()
    site = template.site
    if template.shifts.exists():
        before = snapshot(template)
        template.valid_to = today - dt.timedelta(days=1)
        if template.valid_from and template.valid_from > template.valid_to:
            template.valid_from = template.valid_to
        template.save(update_fields=["valid_to", "valid_from"])
        record_audit(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=template,
            site=site,
            before=before,
            after=snapshot(template),
        )
    else:
        before = snapshot(template)
        template.delete()
        record_audit(
            actor=actor, action=AuditAction.DELETE, instance=template, site=site, before=before
        )
