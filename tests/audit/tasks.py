"""A task that changes a record, for the test that a worker's changes name who enqueued them."""

from celery import shared_task

from states_parties.models import StateParty
from states_parties.services import save_state_party


@shared_task(name="tests.rename_state")
def rename_state(state_id: int, name: str) -> None:
    state = StateParty.objects.get(pk=state_id)
    state.name = name
    save_state_party(state)
