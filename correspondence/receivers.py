from .planning import replan_states


def replan_for_states(sender, states, **kwargs) -> None:
    """A State's dates or reports changed: its reminders may have moved or been met."""
    replan_states([state.pk for state in states])
