"""``common.changes``: announcements sent at once, once per batch, or not at all."""

from dataclasses import dataclass

import pytest
from django.dispatch import Signal

from common import changes


@dataclass(frozen=True)
class Row:
    pk: int
    label: str = ""


@pytest.fixture
def signal():
    """A signal of this test and a receiver recording what it gets (a real receiver)."""
    sent = Signal()
    calls: list[tuple[object, list[Row]]] = []

    def receiver(sender, states, **kwargs):
        calls.append((sender, states))

    sent.connect(receiver, weak=False)
    return sent, calls


def test_outside_a_batch_each_announcement_is_sent_at_once(signal):
    sent, calls = signal
    changes.announce(sent, "a", states=[Row(1)])
    changes.announce(sent, "a", states=[Row(2)])
    assert calls == [("a", [Row(1)]), ("a", [Row(2)])]


def test_a_batch_sends_each_signal_once_at_its_end(signal):
    sent, calls = signal
    other = Signal()
    other_calls = []
    other.connect(lambda sender, states, **kw: other_calls.append((sender, states)), weak=False)
    with changes.batched():
        changes.announce(sent, "a", states=[Row(1)])
        changes.announce(sent, "a", states=[Row(2), Row(1, "again")])
        with changes.batched():  # nested: joins the outer batch
            changes.announce(sent, "a", states=[Row(3)])
            changes.announce(other, "b", states=[Row(1)])
        assert calls == [] and other_calls == []
    assert calls == [("a", [Row(1, "again"), Row(2), Row(3)])]
    assert other_calls == [("b", [Row(1)])]


def test_a_batch_that_fails_sends_nothing(signal):
    sent, calls = signal
    with pytest.raises(RuntimeError), changes.batched():
        changes.announce(sent, "a", states=[Row(1)])
        raise RuntimeError
    assert calls == []
    changes.announce(sent, "a", states=[Row(2)])
    assert calls == [("a", [Row(2)])]


def test_quiet_announces_nothing(signal):
    sent, calls = signal
    with changes.quiet():
        changes.announce(sent, "a", states=[Row(1)])
    assert calls == []
    changes.announce(sent, "a", states=[Row(2)])
    assert calls == [("a", [Row(2)])]
