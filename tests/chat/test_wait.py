"""The expected wait is a pure function of the desk's state."""

from frirum.chat.wait import DEFAULT_CHAT_MINUTES, expected_wait_minutes, typical_chat_minutes


def wait(**kwargs):
    state = {"position": 1, "counsellors": 1, "capacity": 1, "busy": 1, "recent_minutes": [20]}
    return expected_wait_minutes(**{**state, **kwargs})


def test_it_is_unknown_when_no_one_is_online():
    assert wait(counsellors=0) is None


def test_it_is_unknown_outside_the_queue():
    assert wait(position=0) is None


def test_it_is_zero_while_a_slot_is_free():
    assert wait(counsellors=2, busy=1) == 0
    assert wait(counsellors=2, busy=0, position=2) == 0


def test_it_grows_with_the_position_and_shrinks_with_the_slots():
    assert wait(position=1) == 20
    assert wait(position=3) == 60
    assert wait(position=3, counsellors=2, busy=2) == 30
    assert wait(position=3, counsellors=2, capacity=2, busy=4) == 15


def test_it_uses_the_median_of_recent_chats():
    assert typical_chat_minutes([10, 12, 300]) == 12
    assert typical_chat_minutes([]) == DEFAULT_CHAT_MINUTES
    assert wait(recent_minutes=[10, 12, 300]) == 12


def test_it_rounds_up_to_whole_minutes():
    assert wait(recent_minutes=[10.2]) == 11


def test_it_handles_a_large_queue():
    assert wait(position=500, counsellors=100, capacity=2, busy=200, recent_minutes=[30]) == 75
