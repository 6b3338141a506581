"""The demo's closed days: Danish public holidays, Christmas and three weeks of summer.

Satellites follow their hub's summer holiday; the national chat stays open through the
holidays except Christmas Eve and New Year's Eve, like a helpline. The day before Christmas
holidays is a short day at centres (open until 15:00 where they would close later).
"""

import datetime as dt

from frirum.sites.models import ClosedDay, Site, SiteKind


def easter_sunday(year: int) -> dt.date:
    """The Gregorian Easter Sunday (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def holidays(year: int) -> list[tuple[dt.date, str]]:
    easter = easter_sunday(year)
    days = [
        (dt.date(year, 1, 1), "Nytårsdag"),
        (easter - dt.timedelta(days=3), "Skærtorsdag"),
        (easter - dt.timedelta(days=2), "Langfredag"),
        (easter + dt.timedelta(days=1), "2. påskedag"),
        (easter + dt.timedelta(days=39), "Kristi himmelfartsdag"),
        (easter + dt.timedelta(days=50), "2. pinsedag"),
        (dt.date(year, 6, 5), "Grundlovsdag"),
    ]
    days += [(dt.date(year, 12, day), "Jul") for day in range(24, 32)]
    return days


def summer_holiday(year: int, offset_weeks: int = 0) -> list[tuple[dt.date, str]]:
    """Three weeks from the Monday of week 28 (plus an offset, so not every site at once)."""
    monday = dt.date.fromisocalendar(year, 28 + offset_weeks, 1)
    return [(monday + dt.timedelta(days=n), "Sommerferie") for n in range(21)]


def create_closed_days(sites: dict[str, Site], years: range) -> int:
    rows: dict[tuple[str, dt.date], ClosedDay] = {}
    for code, site in sorted(sites.items()):
        for year in years:
            if site.kind == SiteKind.CHAT:
                for date, reason in (
                    (dt.date(year, 12, 24), "Juleaften"),
                    (dt.date(year, 12, 31), "Nytårsaften"),
                ):
                    rows[code, date] = ClosedDay(site=site, date=date, reason=reason)
                continue
            hub = site.hub.code if site.hub_id else code
            days = holidays(year) + summer_holiday(year, offset_weeks=hash_offset(hub))
            for date, reason in days:
                rows[code, date] = ClosedDay(site=site, date=date, reason=reason)
            short_day = dt.date(year, 12, 23)
            rows[code, short_day] = ClosedDay(
                site=site,
                date=short_day,
                reason="Lille juleaften",
                opens=dt.time(12, 0),
                closes=dt.time(15, 0),
            )
    ClosedDay.objects.bulk_create(rows.values())
    return len(rows)


def hash_offset(code: str) -> int:
    """0 or 1 week later, stable per hub, so the network is not closed all at once."""
    return sum(code.encode()) % 2


def closed_dates(site: Site) -> frozenset[dt.date]:
    """The dates the site is closed all day (a short day with its own hours is open)."""
    return frozenset(
        ClosedDay.objects.filter(site=site, opens__isnull=True).values_list("date", flat=True)
    )
