"""The demo's chats open all day from today, so a newcomer can try the chat whenever they run
the demo (`frirum demo --chat-all-day`, which bin/demo passes).

The realistic evening hours stay for the past: they end yesterday and the all-day rows take
over from today (`OpeningHours.valid_from`/`valid_to`, the way a new season's hours do).
"""

import datetime as dt

from django.db import transaction

from frirum.sites.models import OpeningHours, Site

CHAT_SITES = ("hs-chat", "hs-family-aarhus")
OPENS, CLOSES = dt.time(0, 0), dt.time(23, 59)


@transaction.atomic
def open_chats_all_day(today: dt.date) -> int:
    """Every weekday 00:00-23:59 from today at the demo's national and Family chat; returns
    how many rows were added (0 when they are already open all day)."""
    added = 0
    for site in Site.objects.filter(code__in=CHAT_SITES):
        current = OpeningHours.objects.filter(site=site, valid_to__isnull=True)
        if current.filter(opens=OPENS, closes=CLOSES).count() == 7:
            continue
        yesterday = today - dt.timedelta(days=1)
        # Rows that began today cannot end yesterday: they go, the older ones end.
        current.filter(valid_from__gte=today).delete()
        current.update(valid_to=yesterday)
        OpeningHours.objects.bulk_create(
            OpeningHours(site=site, weekday=day, opens=OPENS, closes=CLOSES, valid_from=today)
            for day in range(7)
        )
        added += 7
    return added
