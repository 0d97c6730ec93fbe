from common.changes import announce
from states_parties.models import StateParty

from .services import sync_expected_reports
from .signals import reports_changed


def follow_state_dates(sender, states, **kwargs) -> None:
    """A State's dates changed: the reports it owes may have too; then reporting announces its
    own change, which the apps above it follow."""
    sync_expected_reports(states)
    announce(reports_changed, StateParty, states=states)
