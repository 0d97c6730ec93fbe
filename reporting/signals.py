"""What other apps may react to. Sent by ``services`` inside the write's transaction."""

from django.dispatch import Signal

#: Sent with ``states`` (a list of StateParty) whose Article 7 reports were recorded, changed
#: or deleted: reminders about those reports follow.
reports_changed = Signal()
