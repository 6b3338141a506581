"""A counsellor's desk presence: who counts as online for the queue's wait estimate, and when
the queue is announced again because of it (only when that count changes)."""

from unittest import mock

from frirum.chat import presence, selectors
from frirum.chat.models import DeskPresence
from tests.chat.base import ChatTestCase, ago


class DeskPresenceTests(ChatTestCase):
    def presence(self, delta: int, user=None) -> list[int]:
        """The sites whose queue was announced by one desk event of `user`."""
        with mock.patch("frirum.chat.notify.notify_queue") as notify_queue:
            with self.captureOnCommitCallbacks(execute=True):
                presence.desk_presence(
                    site=self.chat, user=user or self.chat_volunteer, delta=delta
                )
        return [call.args[0] for call in notify_queue.call_args_list]

    def online(self) -> int:
        return selectors.counsellors_online(self.chat)

    def test_it_announces_the_first_desk_opened(self):
        assert self.presence(+1) == [self.chat.pk]
        assert self.online() == 1

    def test_it_does_not_announce_a_second_tab(self):
        self.presence(+1)
        assert self.presence(+1) == []
        assert self.online() == 1
        assert DeskPresence.objects.get(user=self.chat_volunteer).connections == 2

    def test_it_does_not_announce_a_tab_closed_while_another_is_open(self):
        self.presence(+1)
        self.presence(+1)
        assert self.presence(-1) == []
        assert self.online() == 1

    def test_it_announces_the_last_desk_closed(self):
        self.presence(+1)
        assert self.presence(-1) == [self.chat.pk]
        assert self.online() == 0

    def test_it_does_not_announce_a_ping_of_an_online_desk(self):
        self.presence(+1)
        assert self.presence(0) == []

    def test_it_does_not_announce_a_desk_back_after_its_server_died(self):
        # The dead server never closed its socket: the row still says one connection.
        self.presence(+1)
        assert self.presence(+1) == []
        assert self.online() == 1

    def test_it_announces_a_desk_gone_quiet_that_pings_again(self):
        self.presence(+1)
        DeskPresence.objects.filter(user=self.chat_volunteer).update(
            seen_at=ago(seconds=selectors.PRESENCE_SECONDS + 5)
        )
        assert self.online() == 0
        assert self.presence(0) == [self.chat.pk]
        assert self.online() == 1

    def test_it_announces_a_quiet_desk_reopened(self):
        self.presence(+1)
        DeskPresence.objects.filter(user=self.chat_volunteer).update(
            seen_at=ago(seconds=selectors.PRESENCE_SECONDS + 5)
        )
        assert self.presence(+1) == [self.chat.pk]

    def test_it_does_not_announce_a_close_of_a_desk_never_counted(self):
        # A close without an open (its open refused, or a row already at zero).
        assert self.presence(-1) == []
        assert DeskPresence.objects.get(user=self.chat_volunteer).connections == 0

    def test_it_counts_each_counsellor_once(self):
        self.presence(+1)
        assert self.presence(+1, user=self.chat_volunteer2) == [self.chat.pk]
        self.presence(+1)
        assert self.online() == 2

    def test_it_agrees_with_the_count_for_one_row(self):
        self.presence(+1)
        row = DeskPresence.objects.get(user=self.chat_volunteer)
        now = row.seen_at
        assert selectors.is_online(row, now)
        row.seen_at = ago(seconds=selectors.PRESENCE_SECONDS + 1)
        assert not selectors.is_online(row, now)
        row.seen_at, row.connections = now, 0
        assert not selectors.is_online(row, now)
