import datetime as dt

from frirum.rosters.models import Shift, ShiftTemplate
from frirum.sites.models import OpeningHours
from tests.volunteers.helpers import qualification


def open_weekdays(site, weekdays=(0, 1, 2, 3), opens=dt.time(14), closes=dt.time(18)):
    for weekday in weekdays:
        OpeningHours.objects.create(site=site, weekday=weekday, opens=opens, closes=closes)


def make_template(site, weekday=0, required=("approved_counsellor",), **fields):
    fields.setdefault("min_counsellors", 2)
    fields.setdefault("max_counsellors", 3)
    template = ShiftTemplate.objects.create(site=site, weekday=weekday, **fields)
    template.required.set([qualification(c) for c in required])
    return template


def make_shift(site, date, template=None, starts=dt.time(14), ends=dt.time(18), **fields):
    template = template or make_template(site, weekday=date.weekday())
    fields.setdefault("min_counsellors", template.min_counsellors)
    fields.setdefault("max_counsellors", template.max_counsellors)
    return Shift.objects.create(
        site=site, template=template, date=date, starts=starts, ends=ends, **fields
    )
