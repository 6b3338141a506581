"""The queue's broadcast: the site's queue read once per change (a fixed number of queries,
however long the queue), each waiting young person's socket finding its own place in it
without a query, a burst of changes coalesced, and a taken chat's socket no longer told."""

import asyncio
from unittest import mock

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer

from frirum.chat import actions, consumers, notify, selectors
from frirum.chat.models import Chat, DeskPresence
from frirum.chat.selectors import QueueSnapshot
from tests.chat.base import ChatTestCase, ago, start
from tests.chat.test_consumers import (
    desk_socket,
    drain,
    hello,
    session_cookie,
    youth_socket,
)


class SnapshotTests(ChatTestCase):
    def test_it_reads_the_queue_in_five_queries_however_long(self):
        start(self.chat)
        with self.assertNumQueries(5):
            selectors.queue_snapshot(self.chat)
        for _ in range(20):
            start(self.chat)
        with self.assertNumQueries(5):
            snapshot = selectors.queue_snapshot(self.chat)
        assert len(snapshot.order) == 21

    def test_it_gives_each_chat_the_place_and_wait_of_its_own_reading(self):
        chats = [start(self.chat)[0] for _ in range(4)]
        Chat.objects.filter(pk=chats[0].pk).update(created_at=ago(minutes=5))
        DeskPresence.objects.create(
            site=self.chat, user=self.chat_volunteer, connections=1, seen_at=ago(seconds=1)
        )
        actions.take_next(site=self.chat, user=self.chat_volunteer)
        snapshot = selectors.queue_snapshot(self.chat)
        # Through the channel layer and back (msgpack keeps lists and numbers).
        snapshot = QueueSnapshot.from_event(notify.queue_event(self.chat.pk, snapshot))
        for chat in chats[1:]:
            chat.refresh_from_db()
            assert snapshot.state_for(chat.pk) == selectors.queue_state(chat)
        assert snapshot.state_for(chats[1].pk).position == 1
        assert snapshot.state_for(chats[0].pk).position is None


pytestmark_db = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytestmark_db
def test_it_gives_each_socket_its_place_from_the_broadcast_without_a_query(desk):
    chat_site, counsellor, _ = desk
    started = [actions.start_chat(site=chat_site) for _ in range(3)]
    cookie = session_cookie(counsellor)

    async def run():
        sockets = []
        for _chat, token in started:
            socket = youth_socket()
            await hello(socket, token)
            await drain(socket)
            sockets.append(socket)
        counsellor_desk = desk_socket(cookie)
        assert (await counsellor_desk.connect())[0]
        for socket in [*sockets, counsellor_desk]:
            await drain(socket)
        # An order the database does not hold: the places can only come from the message.
        order = [started[2][0].pk, started[0][0].pk, started[1][0].pk]
        snapshot = QueueSnapshot(
            order=tuple(order), counsellors=1, capacity=1, busy=1, typical_minutes=10
        )
        hops = mock.Mock(side_effect=AssertionError("a query per socket"))
        with mock.patch.object(consumers, "database_sync_to_async", hops):
            await get_channel_layer().group_send(
                notify.queue_group(chat_site.pk), notify.queue_event(chat_site.pk, snapshot)
            )
            places = [[e for e in await drain(s) if e["type"] == "queue"] for s in sockets]
            desk_events = await drain(counsellor_desk)
        assert hops.call_count == 0
        assert [p[-1]["position"] for p in places] == [2, 3, 1]
        assert [p[-1]["wait_minutes"] for p in places] == [20, 30, 10]
        assert {"type": "queue", "count": 3} in desk_events
        for socket in [*sockets, counsellor_desk]:
            await socket.disconnect()

    async_to_sync(run)()


@pytestmark_db
def test_it_stops_telling_a_taken_chat_about_the_queue(desk):
    chat_site, counsellor, _ = desk
    first, first_token = actions.start_chat(site=chat_site)
    _second, second_token = actions.start_chat(site=chat_site)

    async def run():
        taken, waiting = youth_socket(), youth_socket()
        await hello(taken, first_token)
        await hello(waiting, second_token)
        await drain(taken)
        assert [e["position"] for e in await drain(waiting) if e["type"] == "queue"][-1] == 2
        await database_sync_to_async(actions.take_next)(site=chat_site, user=counsellor)
        events = await drain(taken)
        assert {"type": "status", "chat": first.pk, "status": "active"} in events
        assert [e["position"] for e in await drain(waiting) if e["type"] == "queue"][-1] == 1
        await database_sync_to_async(actions.start_chat)(site=chat_site)
        assert [e for e in await drain(taken) if e["type"] == "queue"] == []
        assert [e["position"] for e in await drain(waiting) if e["type"] == "queue"] == [1]
        for socket in (taken, waiting):
            await socket.disconnect()

    async_to_sync(run)()


def test_it_coalesces_a_burst_of_queue_changes():
    sent = []

    async def broadcast(site_id):
        sent.append((site_id, asyncio.get_running_loop().time()))

    async def run():
        notify.serving_sockets()
        loop = asyncio.get_running_loop()
        begun = loop.time()
        for _ in range(3):
            await notify.anotify_queue(7)
        await notify.anotify_queue(8)
        await asyncio.sleep(0.02)
        # The first change goes out at once (reading the queue when it goes, so the changes
        # before it are in it); one site's burst does not hold back another's.
        assert [site for site, _at in sent] == [7, 8]
        for _ in range(10):
            await notify.anotify_queue(7)
            await asyncio.sleep(0.005)
        assert [site for site, _at in sent] == [7, 8]
        await asyncio.sleep(notify.QUEUE_WINDOW + 0.05)
        # The rest of the burst: one more broadcast, a window after the first.
        assert [site for site, _at in sent] == [7, 8, 7]
        assert sent[2][1] - begun >= notify.QUEUE_WINDOW - 0.01
        await asyncio.sleep(notify.QUEUE_WINDOW)
        await notify.anotify_queue(7)
        await asyncio.sleep(0.05)
        assert [site for site, _at in sent] == [7, 8, 7, 7]

    with mock.patch.object(notify, "_broadcast_queue", broadcast):
        async_to_sync(run)()
