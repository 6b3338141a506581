"""The chat benchmark's bookkeeping (the run itself takes servers and Redis, about 30 s even
tiny, so it is not part of the suite: `python -m benchmarks.chat --youth 6 --counsellors 2
--seconds 4 --servers 2`)."""

import pytest

from benchmarks.chat import main
from benchmarks.chat_clients import Client, Run, percentile


def test_it_counts_lost_and_duplicated_messages():
    bench = Run()
    youth = Client(bench, ["ws://x/ws/chat/"], 0, side="y", hello=list, headers={})
    desk = Client(bench, ["ws://x/ws/chat/desk/s/"], 0, side="c", hello=list, headers={})
    for number in range(3):
        key = f"c1-{number}"
        desk.outbox[key] = (1, "hi")
        bench.sent_at[key] = (0.0, bench.phase)
        desk._receive({"type": "ack", "key": key, "seq": number + 1})
    delivered = {"type": "message", "chat": 1, "author": "counsellor", "text": "hi"}
    youth._receive({**delivered, "seq": 1, "key": "c1-0"})
    youth._receive({**delivered, "seq": 1, "key": "c1-0"})  # sent twice: a duplicate
    youth._receive({**delivered, "seq": 2, "key": "c1-1"})
    # The desk's own message coming back to it is not a delivery.
    desk._receive({**delivered, "seq": 2, "key": "c1-1"})
    figures = bench.phases[0].figures()
    assert (figures["sent"], figures["received"]) == (3, 2)
    assert (figures["lost"], figures["duplicated"]) == (1, 1)
    assert youth.last == {0: 2} and desk.last == {1: 2}
    assert not desk.outbox


def test_it_takes_percentiles_and_refuses_a_single_server():
    assert percentile([1, 2, 3, 4], 0.5) == 3
    assert percentile([], 0.5) != percentile([], 0.5)  # nan: no figure, not zero
    with pytest.raises(SystemExit):
        main(["--servers", "1"])


def test_it_splits_the_untouched_chats_deliveries_by_the_second_they_were_sent_in():
    bench = Run()
    after = bench.phases[1]  # while reconnecting
    for key, sent, latency in (
        ("y1-1", 100.2, 0.9),
        ("c1-2", 100.7, 0.5),
        ("y2-3", 100.5, 3.0),  # chat 2 reconnected: not counted
        ("c1-4", 102.1, 0.02),
    ):
        bench.sent_at[key] = (sent, after)
        after.latency_of[key] = latency
    seconds = bench.by_second(after, 100.0, {2})
    assert [(s["second"], s["count"]) for s in seconds] == [(0, 2), (2, 1)]
    assert seconds[0]["p99_ms"] == pytest.approx(900)
    assert seconds[1]["p50_ms"] == pytest.approx(20)


def test_it_keeps_the_reconnection_apart_from_what_comes_after_it():
    bench = Run()
    assert [phase.name for phase in bench.phases] == [
        "before the kill",
        "while reconnecting",
        "after reconnecting",
    ]
    youth = Client(bench, ["ws://x/ws/chat/"], 0, side="y", hello=list, headers={})
    delivered = {"type": "message", "chat": 1, "author": "counsellor", "text": "hi"}
    # One message sent while the young person's socket was gone, one after its return.
    for number, phase in enumerate(bench.phases[1:]):
        bench.phase = phase
        key = f"c1-{number}"
        bench.sent_at[key] = (0.0, phase)
        phase.sent.add(key)
        youth._receive({**delivered, "seq": number + 1, "key": key})
    reconnecting, after = (phase.figures() for phase in bench.phases[1:])
    assert (reconnecting["sent"], reconnecting["received"]) == (1, 1)
    assert (after["sent"], after["received"], after["lost"]) == (1, 1, 0)
    assert bench.phases[0].figures()["sent"] == 0


@pytest.mark.parametrize(
    ("reconnect", "shares"), [("balanced", {"a": 3, "b": 3}), ("next", {"a": 6})]
)
def test_it_sends_the_killed_servers_clients_where_a_load_balancer_would(reconnect, shares):
    bench = Run(reconnect=reconnect)
    urls = ["ws://a/ws/chat/", "ws://b/ws/chat/", "ws://dead/ws/chat/"]
    victims = [
        Client(bench, urls, index, side="y", hello=list, headers={})
        for index in (2, 5, 8, 11, 14, 17)
    ]
    landed: dict[str, int] = {}
    for client in victims:
        client.next_server()
        while "dead" in client.url:  # refused at once: the next attempt
            client.next_server()
        host = client.url.split("/")[2]
        landed[host] = landed.get(host, 0) + 1
    assert landed == shares
