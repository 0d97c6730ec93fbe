"""What other apps may react to. Announced by ``services`` after the write, inside its
transaction (``common.changes.announce``: once per import, not once per row), so that what
depends on a State's dates and contacts (expected reports, planned reminders) stays in step."""

from django.dispatch import Signal

#: Sent with ``states`` (a list of StateParty) whose Convention dates may have changed.
state_dates_changed = Signal()
#: Sent with ``states`` (a list of StateParty) whose contacts were added or changed: who
#: receives their reminders may have changed.
contacts_changed = Signal()
