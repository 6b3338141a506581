"""Two sign-ups for the last place at the same moment: only one may succeed. Needs real
concurrent transactions, so it runs on PostgreSQL only (SQLite serialises writers anyway)."""

import datetime as dt
import threading
import unittest

from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.test import TransactionTestCase
from django.utils import timezone

from frirum.accounts.models import Membership, Role, User
from frirum.rosters.actions import sign_up
from frirum.rosters.models import Assignment
from frirum.sites.models import Municipality, Site, SiteKind
from tests.rosters.helpers import make_shift
from tests.volunteers.helpers import grant


@unittest.skipUnless(connection.vendor == "postgresql", "needs concurrent transactions")
class LastPlaceTestCase(TransactionTestCase):
    # The seeded rows (municipalities, qualifications) come back after the flush.
    serialized_rollback = True

    def test_it_gives_the_last_place_to_one_of_two(self):
        site = Site.objects.create(
            code="race",
            name="Race",
            kind=SiteKind.CENTRE,
            municipality=Municipality.objects.get(code="151"),
        )
        shift = make_shift(
            site, timezone.localdate() + dt.timedelta(days=3), min_counsellors=1, max_counsellors=1
        )
        users = []
        for i in range(2):
            user = User.objects.create_user(f"race{i}@example.org", None, full_name=f"R {i}")
            Membership.objects.create(user=user, site=site, role=Role.VOLUNTEER_COUNSELLOR)
            grant(user, "approved_counsellor")
            users.append(user)
        barrier = threading.Barrier(2)
        outcomes = []

        def attempt(user):
            try:
                barrier.wait()
                sign_up(actor=user, shift=shift)
                outcomes.append("ok")
            except ValidationError:
                outcomes.append("full")
            finally:
                connections.close_all()

        threads = [threading.Thread(target=attempt, args=(u,)) for u in users]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(outcomes), ["full", "ok"])
        self.assertEqual(Assignment.objects.filter(shift=shift).count(), 1)
