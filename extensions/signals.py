"""What other apps may react to."""

from django.dispatch import Signal

#: Sent with ``states`` whose decisions' requests (tracked deadlines) were added or changed.
requirements_changed = Signal()
