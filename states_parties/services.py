"""Every write to a State's record goes through here, so that what depends on its dates
(expected reports, planned reminders) can follow."""

from django.db import transaction

from common.changes import announce
from common.services import delete_unreferenced

from .models import Article5Extension, Contact, RetainedMines, StateParty
from .signals import contacts_changed, state_dates_changed


@transaction.atomic
def save_state_party(state: StateParty) -> StateParty:
    """Save a validated State; derived dates are recomputed by ``StateParty.save`` and every
    app that follows a State's dates is told."""
    state.save()
    announce(state_dates_changed, StateParty, states=[state])
    return state


def delete_state_party(state: StateParty) -> None:
    """Only a State nothing refers to may be deleted; a withdrawn State keeps its history."""
    delete_unreferenced(state)


@transaction.atomic
def save_extension(extension: Article5Extension) -> Article5Extension:
    """A granted extension moves the State's current Article 5 deadline."""
    extension.save()
    save_state_party(extension.state)
    return extension


@transaction.atomic
def save_retained_mines(record: RetainedMines) -> RetainedMines:
    record.save()
    return record


@transaction.atomic
def save_contact(contact: Contact) -> Contact:
    """Save a validated contact; the State's reminders follow (a new or reactivated contact
    gets them, an inactive one no longer does)."""
    contact.save()
    announce(contacts_changed, Contact, states=[contact.state])
    return contact


def delete_contact(contact: Contact) -> None:
    delete_unreferenced(contact)
