from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import (
    can_edit_records,
    can_see_contacts,
    staff_required,
)
from common.views import delete_record, form_page, import_csv, list_page

from . import services
from .filters import StatePartyFilter
from .forms import Article5ExtensionForm, ContactForm, RetainedMinesForm, StatePartyForm
from .imports import StatePartyImporter
from .models import Article5Extension, Contact, RetainedMines, StateParty
from .tables import STATES, export_queryset


def _filtered(request: HttpRequest, queryset) -> StatePartyFilter:
    return StatePartyFilter(request.GET or None, queryset=queryset)


def state_list(request: HttpRequest) -> HttpResponse:
    states = _filtered(
        request, StateParty.objects.with_status().with_latest_retained_mines().in_name_order()
    )
    return list_page(
        request,
        "states_parties/state_list.html",
        states,
        target="state-results",
        context={"can_edit": can_edit_records(request.user)},
    )


def state_export(request: HttpRequest) -> HttpResponse:
    states = _filtered(request, export_queryset()).qs
    return STATES.response(request, states.iterator())


def state_detail(request: HttpRequest, iso3: str) -> HttpResponse:
    queryset = StateParty.objects.with_status().prefetch_related(
        Prefetch(
            "clearance_extensions", queryset=Article5Extension.objects.order_by("submitted_on")
        ),
        Prefetch("retained_mines", queryset=RetainedMines.objects.order_by("-year")),
    )
    state = get_object_or_404(queryset, iso3=iso3.upper())
    show_contacts = can_see_contacts(request.user)
    reports = list(state.expected_reports.order_by("-due_date"))
    initial = next((report for report in reports if report.kind == "initial"), None)
    today = timezone.localdate()
    context = {
        "state": state,
        "deadlines": state.deadlines(initial.received_on if initial else False),
        "reports": [(report, report.status_on(today), report.days_on(today)) for report in reports],
        "article9_records": state.article9_records.order_by("-as_of"),
        "submissions": state.submissions.order_by("-year"),
        "can_edit": can_edit_records(request.user),
        "show_contacts": show_contacts,
        "contacts": state.contacts.order_by("-active", "kind", "name") if show_contacts else None,
    }
    return render(request, "states_parties/state_detail.html", context)


@staff_required
def state_create(request: HttpRequest) -> HttpResponse:
    form = StatePartyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        state = services.save_state_party(form.instance)
        messages.success(request, _("%(state)s was added.") % {"state": state})
        return redirect(state)
    return form_page(
        request,
        form,
        _("New State"),
        reverse("states_parties:list"),
        template="states_parties/state_form.html",
    )


@staff_required
def state_edit(request: HttpRequest, iso3: str) -> HttpResponse:
    state = get_object_or_404(StateParty, iso3=iso3.upper())
    form = StatePartyForm(request.POST or None, instance=state)
    if request.method == "POST" and form.is_valid():
        services.save_state_party(form.instance)
        messages.success(request, _("%(state)s was saved.") % {"state": state})
        return redirect(state)
    return form_page(
        request,
        form,
        _("Edit %(state)s") % {"state": state},
        state.get_absolute_url(),
        template="states_parties/state_form.html",
    )


@staff_required
@require_POST
def state_delete(request: HttpRequest, iso3: str) -> HttpResponse:
    state = get_object_or_404(StateParty, iso3=iso3.upper())
    return delete_record(request, state, services.delete_state_party, done="states_parties:list")


def _edit_related(request, iso3, form_class, model, pk, save, title_new, title_edit):
    """Add or edit a record that belongs to one State (extension, figure, contact)."""
    state = get_object_or_404(StateParty, iso3=iso3.upper())
    instance = get_object_or_404(model, pk=pk, state=state) if pk else None
    form = form_class(request.POST or None, instance=instance, parent=state)
    if request.method == "POST" and form.is_valid():
        save(form.instance)
        messages.success(request, _("Saved."))
        return redirect(state)
    title = (title_edit if instance else title_new) % {"state": state}
    return form_page(request, form, title, state.get_absolute_url())


@staff_required
def extension_edit(request: HttpRequest, iso3: str, pk: int | None = None) -> HttpResponse:
    return _edit_related(
        request,
        iso3,
        Article5ExtensionForm,
        Article5Extension,
        pk,
        services.save_extension,
        _("New Article 5 extension request: %(state)s"),
        _("Article 5 extension request: %(state)s"),
    )


@staff_required
def retained_mines_edit(request: HttpRequest, iso3: str, pk: int | None = None) -> HttpResponse:
    return _edit_related(
        request,
        iso3,
        RetainedMinesForm,
        RetainedMines,
        pk,
        services.save_retained_mines,
        _("Mines retained under Article 3: %(state)s"),
        _("Mines retained under Article 3: %(state)s"),
    )


@staff_required
def contact_edit(request: HttpRequest, iso3: str, pk: int | None = None) -> HttpResponse:
    return _edit_related(
        request,
        iso3,
        ContactForm,
        Contact,
        pk,
        services.save_contact,
        _("New contact: %(state)s"),
        _("Contact: %(state)s"),
    )


@staff_required
def state_import(request: HttpRequest) -> HttpResponse:
    return import_csv(
        request,
        StatePartyImporter(),
        title=_("Import States Parties"),
        columns_help=_(
            "Dates as YYYY-MM-DD, blank where unknown; instrument is ratification, accession or "
            "succession; withdrawal_suspended is true or false; the optional name_fr and name_es "
            "columns hold the names in French and Spanish (blank: the United Nations' short "
            "name). Rows are matched on iso3."
        ),
        done_url=reverse("states_parties:list"),
    )
