"""Rosters at national size: a year of shifts for 30 sites and 600 volunteers, generated and
rendered; the chief's month view timed beside a plain query of the same rows.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/frirum_bench \\
        python -m benchmarks.rosters [--sites 30] [--volunteers 600] [--repeat 7] [--keep]

Works in the database it is given (migrated first) on sites and users of its own (codes
"RB-…", e-mails "@rosterbench.example"), removed at the end unless --keep. The target: the
month view under 200 ms on PostgreSQL.
"""

import argparse
import datetime as dt
import os
import statistics
import time

TARGET_MS = 200


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sites", type=int, default=30)
    parser.add_argument("--volunteers", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frirum.settings")
    # The chief signs in by force_login: no second step to pass.
    os.environ.setdefault("FRIRUM_REQUIRE_2FA", "False")
    import django

    django.setup()
    from django.conf import settings

    # Pages only, no static files: plain URLs, no collected manifest needed (as benchmarks.pages).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import override_settings
    from django.utils import timezone

    from frirum.accounts.models import Membership, Role, User
    from frirum.core.demo.base import DemoRandom
    from frirum.rosters.generation import generate_shifts
    from frirum.rosters.models import Assignment, Shift, ShiftTemplate
    from frirum.sites.models import Municipality, OpeningHours, Site, SiteKind
    from frirum.volunteers.models import Qualification, QualificationGrant

    call_command("migrate", verbosity=0)
    rng = DemoRandom(14)
    today = timezone.localdate()
    start, end = dt.date(today.year, 1, 1), dt.date(today.year + 1, 1, 1)
    municipality = Municipality.objects.order_by("code").first()
    approved = Qualification.objects.get(code="approved_counsellor")

    def wipe():
        sites = Site.objects.filter(code__startswith="RB-")
        Site.objects.filter(pk__in=sites).delete()
        User.objects.filter(email__endswith="@rosterbench.example").delete()

    wipe()
    with transaction.atomic():
        sites = [
            Site.objects.create(
                code=f"RB-{i:02d}",
                name=f"Roster bench {i:02d}",
                kind=SiteKind.CENTRE,
                municipality=municipality,
            )
            for i in range(args.sites)
        ]
        OpeningHours.objects.bulk_create(
            OpeningHours(site=s, weekday=d, opens=dt.time(14), closes=dt.time(19))
            for s in sites
            for d in (0, 1, 2, 3)
        )
        chief = User.objects.create_user("chief@rosterbench.example", None, full_name="Chef")
        Membership.objects.create(user=chief, site=sites[0], role=Role.CENTRE_CHIEF)
        volunteers = User.objects.bulk_create(
            User(email=f"v{i}@rosterbench.example", full_name=f"Frivillig {i:03d}")
            for i in range(args.volunteers)
        )
        Membership.objects.bulk_create(
            Membership(user=v, site=sites[i % len(sites)], role=Role.VOLUNTEER_COUNSELLOR)
            for i, v in enumerate(volunteers)
        )
        QualificationGrant.objects.bulk_create(
            QualificationGrant(user=v, qualification=approved, granted_on=start) for v in volunteers
        )
        for s in sites:
            for weekday in (0, 1, 2, 3):
                for label, starts, ends in (
                    ("Tidlig", dt.time(14), dt.time(17)),
                    ("Sen", dt.time(16), dt.time(19)),
                ):
                    t = ShiftTemplate.objects.create(
                        site=s,
                        weekday=weekday,
                        label=label,
                        starts=starts,
                        ends=ends,
                        min_counsellors=2,
                        max_counsellors=3,
                    )
                    t.required.add(approved)

    began = time.perf_counter()
    made = sum(generate_shifts(actor=chief, site=s, start=start, end=end) for s in sites)
    generation = time.perf_counter() - began

    by_site = {
        s.pk: [v.pk for i, v in enumerate(volunteers) if i % len(sites) == n]
        for n, s in enumerate(sites)
    }
    rows = []
    began = time.perf_counter()
    for shift in Shift.objects.filter(site__in=sites).only("pk", "site_id"):
        for user_id in rng.sample(by_site[shift.site_id], rng.randint(1, 3)):
            rows.append(Assignment(shift_id=shift.pk, user_id=user_id))
    Assignment.objects.bulk_create(rows, batch_size=5000)
    staffing = time.perf_counter() - began

    client = Client()
    client.force_login(chief)
    url = f"/s/{sites[0].code}/roster/{today.year}/{today.month}/"
    with override_settings(ALLOWED_HOSTS=["testserver"], DEBUG=False, FRIRUM_REQUIRE_2FA=False):
        client.get(url, secure=True)  # warm up (HTTPS: production settings redirect)
        pages = []
        for _ in range(args.repeat):
            began = time.perf_counter()
            response = client.get(url, secure=True)
            pages.append(time.perf_counter() - began)
        assert response.status_code == 200, response.status_code

    month_start = dt.date(today.year, today.month, 1)
    month_end = (month_start + dt.timedelta(days=32)).replace(day=1)
    plain = []
    for _ in range(args.repeat):
        began = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT s.id, s.date, s.starts, s.ends, s.min_counsellors, s.max_counsellors,"
                " t.label, u.full_name, a.released_at FROM rosters_shift s"
                " JOIN rosters_shifttemplate t ON t.id = s.template_id"
                " LEFT JOIN rosters_assignment a ON a.shift_id = s.id"
                " LEFT JOIN accounts_user u ON u.id = a.user_id"
                " WHERE s.site_id = %s AND s.date >= %s AND s.date < %s"
                " ORDER BY s.date, s.starts",
                [sites[0].pk, month_start, month_end],
            )
            fetched = cursor.fetchall()
        plain.append(time.perf_counter() - began)

    page_ms = statistics.median(pages)
    print(f"Database: {connection.vendor}")
    print(
        f"{len(sites)} sites, {len(volunteers)} volunteers, {made} shifts in a year, "
        f"{len(rows)} people on shifts"
    )
    print(f"Generating the year's shifts:  {_ms(generation)}")
    print(f"Staffing them (bulk insert):   {_ms(staffing)}")
    print(
        f"Chief's month view (median):   {_ms(page_ms)}  "
        f"({'within' if page_ms * 1000 < TARGET_MS else 'OVER'} the {TARGET_MS} ms target)"
    )
    print(f"Plain query, same rows ({len(fetched)}): {_ms(statistics.median(plain))}")
    if not args.keep:
        wipe()


if __name__ == "__main__":
    main()
