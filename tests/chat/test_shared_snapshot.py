"""The queue reading shared by waiting young people's hellos: only one that started after the
socket joined the queue's group, and only one with the socket's own chat in it."""

import time

from frirum.chat.models import Chat
from frirum.chat.shared_snapshot import SharedSnapshots
from tests.chat.base import ChatTestCase, ago, start


class SharedSnapshotTests(ChatTestCase):
    def setUp(self):
        self.shared = SharedSnapshots()
        self.first, _ = start(self.chat)
        self.second, _ = start(self.chat)

    def test_it_reads_the_queue_for_the_first_hello(self):
        joined_at = time.monotonic()
        with self.assertNumQueries(5):
            snapshot = self.shared.for_hello(self.first, joined_at=joined_at)
        assert snapshot.order == (self.first.pk, self.second.pk)
        assert snapshot.state_for(self.first.pk).position == 1

    def test_it_shares_a_reading_that_started_after_the_join(self):
        joined_at = time.monotonic()
        first = self.shared.for_hello(self.first, joined_at=joined_at)
        with self.assertNumQueries(0):
            second = self.shared.for_hello(self.second, joined_at=joined_at)
        assert second is first
        assert second.state_for(self.second.pk).position == 2

    def test_it_reads_again_for_a_socket_that_joined_after_the_reading(self):
        self.shared.for_hello(self.first, joined_at=time.monotonic())
        third, _ = start(self.chat)
        joined_later = time.monotonic()
        with self.assertNumQueries(5):
            snapshot = self.shared.for_hello(self.second, joined_at=joined_later)
        # The change made after the first reading is in it.
        assert snapshot.order == (self.first.pk, self.second.pk, third.pk)

    def test_it_reads_again_for_a_chat_the_reading_left_out(self):
        # The page was gone past the grace period when the queue was read, and is back now.
        Chat.objects.filter(pk=self.second.pk).update(youth_seen_at=ago(hours=1))
        joined_at = time.monotonic()
        assert self.shared.for_hello(self.first, joined_at=joined_at).order == (self.first.pk,)
        Chat.objects.filter(pk=self.second.pk).update(youth_seen_at=ago(seconds=1))
        with self.assertNumQueries(5):
            snapshot = self.shared.for_hello(self.second, joined_at=joined_at)
        assert snapshot.state_for(self.second.pk).position == 2

    def test_it_keeps_sites_apart(self):
        joined_at = time.monotonic()
        self.shared.for_hello(self.first, joined_at=joined_at)
        elsewhere, _ = start(self.family_site)
        with self.assertNumQueries(5):
            snapshot = self.shared.for_hello(elsewhere, joined_at=joined_at)
        assert snapshot.order == (elsewhere.pk,)

    def test_it_keeps_the_newest_reading(self):
        joined_at = time.monotonic()
        older = self.shared.for_hello(self.first, joined_at=joined_at)
        newer = self.shared.for_hello(self.first, joined_at=time.monotonic())
        assert newer is not older
        with self.assertNumQueries(0):
            assert self.shared.for_hello(self.second, joined_at=joined_at) is newer
