"""What other apps may react to. Sent by ``services`` after the write, inside its transaction,
so that what depends on a State's dates (expected reports, planned reminders) stays in step."""

from django.dispatch import Signal

#: Sent with ``states`` (a list of StateParty) whose Convention dates may have changed.
state_dates_changed = Signal()
