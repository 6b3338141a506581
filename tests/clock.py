"""Hold a test class on one local day.

A module that computes today's date when it is imported, and a view that computes it again
when it answers, disagree if the run crosses local midnight. Classes decorated with
`stays_on(day)` run at noon of that day, with the clock ticking, so both see the same date.
"""

import datetime as dt

import time_machine
from django.utils import timezone


def stays_on(day: dt.date) -> time_machine.travel:
    noon = dt.datetime.combine(day, dt.time(12), tzinfo=timezone.get_current_timezone())
    return time_machine.travel(noon, tick=True)
