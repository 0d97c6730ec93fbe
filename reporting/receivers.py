from .services import sync_expected_reports


def follow_state_dates(sender, states, **kwargs) -> None:
    """A State's dates changed: the reports it owes may have too."""
    sync_expected_reports(states)
