"""A missing kept part is rendered by one worker; the others wait for it
(frirum/audit/fragments.py)."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.test import override_settings

from frirum.audit import fragments

KEY = "frirum:site:test-part"
GUARD = f"{KEY}:rendering"

pytestmark = pytest.mark.usefixtures("clean_cache")


@pytest.fixture
def clean_cache():
    cache.clear()
    yield
    cache.clear()


def _never():
    raise AssertionError("rendered although another worker was rendering it")


@override_settings(FRIRUM_SITE_CACHE_SECONDS=300)
def test_it_renders_a_missing_part_once_and_lets_go_of_the_guard():
    assert fragments._cached(KEY, lambda: "<p>course</p>") == "<p>course</p>"
    assert cache.get(GUARD) is None
    assert fragments._cached(KEY, _never) == "<p>course</p>"


@override_settings(FRIRUM_SITE_CACHE_SECONDS=300)
def test_it_waits_for_the_worker_that_renders_it():
    cache.add(GUARD, 1, 60)  # another worker is rendering the part

    def other_worker_done(_seconds):
        cache.set(KEY, "<p>theirs</p>", 300)

    with mock.patch.object(fragments.time, "sleep", side_effect=other_worker_done) as slept:
        assert fragments._cached(KEY, _never) == "<p>theirs</p>"
    assert slept.call_count == 1


@override_settings(FRIRUM_SITE_CACHE_SECONDS=300)
def test_it_renders_itself_when_the_other_worker_never_finishes():
    cache.add(GUARD, 1, 60)  # held by a worker that died
    clock = iter(range(0, 1000, 1))  # each reading a second later
    with (
        mock.patch.object(fragments.time, "monotonic", side_effect=lambda: next(clock)),
        mock.patch.object(fragments.time, "sleep") as slept,
    ):
        assert fragments._cached(KEY, lambda: "<p>mine</p>") == "<p>mine</p>"
    assert slept.call_count >= 1  # it waited before rendering
    assert cache.get(KEY) == "<p>mine</p>"


@override_settings(FRIRUM_SITE_CACHE_SECONDS=300)
def test_it_lets_go_of_the_guard_when_rendering_fails():
    def broken():
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        fragments._cached(KEY, broken)
    assert cache.get(GUARD) is None
    assert fragments._cached(KEY, lambda: "<p>again</p>") == "<p>again</p>"
