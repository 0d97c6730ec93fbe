"""What other apps may react to. Announced by ``services`` and ``receivers`` inside the write's
transaction (``common.changes.announce``: once per import, not once per row)."""

from django.dispatch import Signal

#: Sent with ``states`` (a list of StateParty) whose Article 7 reports were recorded, changed
#: or deleted, or whose dates changed (after their expected reports followed them): what is
#: owed and when (reminders) follows. Apps above reporting follow this signal, not
#: ``state_dates_changed``, so that they never see dates ahead of the reports.
reports_changed = Signal()
