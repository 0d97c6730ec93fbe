from .planning import replan_states


def replan_for_states(sender, states, **kwargs) -> None:
    """A State's dates, reports or contacts changed: its reminders may have moved, been met
    or changed hands."""
    replan_states([state.pk for state in states])
