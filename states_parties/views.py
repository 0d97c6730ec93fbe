from django.conf import settings
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
from common.exports import table_response
from common.rendering import Paginator
from common.services import RecordInUse
from common.views import import_csv
from reporting.models import ExpectedReport

from . import services
from .filters import StatePartyFilter
from .forms import Article5ExtensionForm, ContactForm, RetainedMinesForm, StatePartyForm
from .imports import (
    EXPORT_COLUMNS,
    StatePartyImporter,
    export_queryset,
    export_rows,
)
from .models import Article5Extension, Contact, RetainedMines, StateParty


def _filtered(request: HttpRequest, queryset) -> StatePartyFilter:
    return StatePartyFilter(request.GET or None, queryset=queryset)


def state_list(request: HttpRequest) -> HttpResponse:
    states = _filtered(
        request, StateParty.objects.with_status().with_latest_retained_mines().in_name_order()
    )
    page = Paginator(states.qs, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"filter": states, "page": page, "can_edit": can_edit_records(request.user)}
    if request.htmx and request.htmx.target == "state-results":
        return render(request, "states_parties/state_list.html#results", context)
    return render(request, "states_parties/state_list.html", context)


def state_export(request: HttpRequest) -> HttpResponse:
    states = _filtered(request, export_queryset()).qs
    return table_response(request, "states-parties", EXPORT_COLUMNS, export_rows(states.iterator()))


def state_detail(request: HttpRequest, iso3: str) -> HttpResponse:
    queryset = StateParty.objects.with_status().prefetch_related(
        Prefetch(
            "clearance_extensions", queryset=Article5Extension.objects.order_by("submitted_on")
        ),
        Prefetch("retained_mines", queryset=RetainedMines.objects.order_by("-year")),
    )
    state = get_object_or_404(queryset, iso3=iso3.upper())
    show_contacts = can_see_contacts(request.user)
    reports = list(ExpectedReport.objects.filter(state=state).order_by("-due_date"))
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
    return render(
        request, "states_parties/state_form.html", {"form": form, "title": _("New State")}
    )


@staff_required
def state_edit(request: HttpRequest, iso3: str) -> HttpResponse:
    state = get_object_or_404(StateParty, iso3=iso3.upper())
    form = StatePartyForm(request.POST or None, instance=state)
    if request.method == "POST" and form.is_valid():
        services.save_state_party(form.instance)
        messages.success(request, _("%(state)s was saved.") % {"state": state})
        return redirect(state)
    context = {"form": form, "state": state, "title": _("Edit %(state)s") % {"state": state}}
    return render(request, "states_parties/state_form.html", context)


@staff_required
@require_POST
def state_delete(request: HttpRequest, iso3: str) -> HttpResponse:
    state = get_object_or_404(StateParty, iso3=iso3.upper())
    try:
        services.delete_state_party(state)
    except RecordInUse as refusal:
        messages.error(request, str(refusal))
        return redirect(state)
    messages.success(request, _("%(state)s was deleted.") % {"state": state})
    return redirect("states_parties:list")


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
    return render(
        request,
        "states_parties/related_form.html",
        {"form": form, "state": state, "title": title},
    )


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
