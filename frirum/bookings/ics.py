"""The booking as a calendar file: the only reminder that needs no name or number.

The file is made when the young person asks for it, from the code in their hand, and lives
only on their device; the alarm is in the file, so no one sends a reminder.
"""

import datetime as dt

from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from frirum.bookings.models import Booking


def booking_calendar(
    booking: Booking, *, code: str, cancel_url: str, alarm: bool, now: dt.datetime
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Frirum//headspace//DA")
    calendar.add("version", "2.0")
    event = Event()
    summary = _("Talk at %(site)s") % {"site": booking.site.name}
    event.add("uid", f"{booking.cancel_hash[:32]}@frirum")
    event.add("dtstamp", now)
    event.add("dtstart", booking.starts_at)
    event.add("dtend", booking.ends_at)
    event.add("summary", summary)
    if booking.site.address:
        event.add("location", booking.site.address)
    event.add(
        "description",
        _("To cancel: %(url)s with the code %(code)s") % {"url": cancel_url, "code": code},
    )
    if alarm:
        reminder = Alarm()
        reminder.add("action", "DISPLAY")
        reminder.add("description", summary)
        reminder.add("trigger", dt.timedelta(hours=-2))
        event.add_component(reminder)
    calendar.add_component(event)
    return calendar.to_ical()
