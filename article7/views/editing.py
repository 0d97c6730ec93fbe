"""The pages that write a report, one set for the ISU's pages (``article7.views.staff``) and a
reporter's (``portal.views.reports``): the report with its forms and checks, one form (saved
explicitly: a report saved by someone else meanwhile is a conflict, 409, never a silent
overwrite), a form confirmed unchanged, the changes since the previous report, the submission
and a correction.

What differs between the two is a ``ReportPages``: the namespace of the URLs, the templates,
and how a report is looked up for the user (the permission check, which answers 403 or 404).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.views import apply_service

from .. import rules, services
from ..access import may_write
from ..comparison import changes_since_previous
from ..data import report_data
from ..forms import AnnexForm, SubmitForm, section_forms
from ..models import SECTION_CODES, Annex, Report
from ..models.reports import SECTION_TITLES


@dataclass(frozen=True)
class UrlNames:
    """The names of a set of pages' URLs, for ``reverse`` and for ``{% url %}`` in the shared
    templates (``{% url pages.urls.section report.pk code %}``)."""

    report: str
    section: str
    section_unchanged: str
    review: str
    submit: str
    correction: str
    annexes: str
    annex_remove: str

    @classmethod
    def in_namespace(cls, namespace: str) -> UrlNames:
        return cls(**{name: f"{namespace}:{name}" for name in cls.__dataclass_fields__})


@dataclass(frozen=True)
class ReportPages:
    """One set of pages about reports: its URLs, its templates, and ``find(request, pk)``,
    the report the user reads (raising ``Http404`` or ``PermissionDenied`` otherwise)."""

    urls: UrlNames
    report_template: str
    section_template: str
    review_template: str
    submit_template: str
    find: Callable[[HttpRequest, int], Report]

    def url(self, name: str, *args: object) -> str:
        return reverse(getattr(self.urls, name), args=args)


def writable(request: HttpRequest, pk: int, pages: ReportPages) -> Report:
    """The report, when the user may change it (a draft of theirs: article7 freezes the rest)."""
    report = pages.find(request, pk)
    if not may_write(request.user, report):
        raise PermissionDenied
    return report


def section_code(code: str) -> str:
    code = code.upper()
    if len(code) != 1 or code not in SECTION_CODES:
        raise Http404
    return code


def _revision(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("revision", ""))
    except ValueError:
        return None


def report_page(
    request: HttpRequest, pk: int, *, pages: ReportPages, status: int = 200, **extra: object
) -> HttpResponse:
    """The report: its forms and their status, its annexes, the checks of a draft, the
    submission form for whoever may write it; ``extra`` goes to the template as it is."""
    report = pages.find(request, pk)
    data = report_data(report)
    found = rules.findings(data) if report.is_draft else []
    writer = may_write(request.user, report)
    can_write = report.is_draft and writer
    sections = [
        {
            "code": code,
            "title": SECTION_TITLES[code],
            "status": data["sections"][code]["status"],
            "no_change_since": data["sections"][code]["no_change_since"],
            "rows": len(data["sections"][code]["rows"]),
        }
        for code in SECTION_CODES
    ]
    context = {
        "pages": pages,
        "report": report,
        "sections": sections,
        "errors": rules.errors(found),
        "warnings": rules.warnings(found),
        "can_write": can_write,
        "can_correct": report.is_sent and writer,
        "submit_form": SubmitForm() if can_write else None,
        **annex_context(request, report),
        **extra,
    }
    return render(request, pages.report_template, context, status=status)


def section_page(request: HttpRequest, pk: int, code: str, *, pages: ReportPages) -> HttpResponse:
    """One form, saved explicitly; a report saved by someone else meanwhile is a conflict
    (409, and their changes are kept)."""
    report = writable(request, pk, pages)
    code = section_code(code)
    if request.method == "POST" and not report.is_draft:
        messages.error(request, _("This report was submitted and can no longer be changed."))
        return redirect(pages.url("report", report.pk))
    bound = section_forms(report, code, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if bound.is_valid():
            try:
                bound.save(by=request.user)
            except services.EditConflict as conflict:
                messages.error(request, str(conflict))
                status = 409
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Form %(form)s was saved.") % {"form": code})
                return redirect(pages.url("section", report.pk, code))
    context = {
        "pages": pages,
        "report": report,
        "section_forms": bound,
        "action_url": pages.url("section", report.pk, code),
        "unchanged_url": pages.url("section_unchanged", report.pk, code),
        "codes": SECTION_CODES,
    }
    return render(request, pages.section_template, context, status=status)


@require_POST
def confirm_unchanged(
    request: HttpRequest, pk: int, code: str, *, pages: ReportPages
) -> HttpResponse:
    report = writable(request, pk, pages)
    code = section_code(code)
    revision = _revision(request)
    if revision is None:  # a confirmation names the revision it was made from, always
        messages.error(request, _("This page is out of date; reload it and confirm again."))
        return redirect(pages.url("section", report.pk, code))
    try:
        services.confirm_unchanged(
            report=report, code=code, expected_revision=revision, by=request.user
        )
    except services.EditConflict as conflict:
        messages.error(request, str(conflict))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Form %(form)s is confirmed unchanged.") % {"form": code})
    return redirect(pages.url("section", report.pk, code))


def review_page(request: HttpRequest, pk: int, *, pages: ReportPages) -> HttpResponse:
    """What each form says differently from the report this one was pre-filled from."""
    report = pages.find(request, pk)
    changes = changes_since_previous(report)
    context = {
        "pages": pages,
        "report": report,
        "changes": [(code, SECTION_TITLES[code], changes[code]) for code in SECTION_CODES],
        **annex_context(request, report),
    }
    return render(request, pages.review_template, context)


def _submitted_message(request: HttpRequest, report: Report) -> str:
    if request.user.email:  # ``services.submit`` mails the receipt to whoever submits
        return _(
            "The report was submitted: receipt %(number)s. The receipt is on its way to %(email)s."
        ) % {"number": report.receipt_number, "email": request.user.email}
    return _("The report was submitted: receipt %(number)s.") % {"number": report.receipt_number}


@require_POST
def submit(request: HttpRequest, pk: int, *, pages: ReportPages) -> HttpResponse:
    report = writable(request, pk, pages)
    form = SubmitForm(request.POST)
    found: list[rules.Finding] = []
    if form.is_valid():
        try:
            report = services.submit(
                report=report,
                official_name=form.cleaned_data["official_name"],
                official_function=form.cleaned_data["official_function"],
                confirm_warnings=form.cleaned_data["confirm_warnings"],
                by=request.user,
            )
        except (services.ReportHasErrors, services.WarningsNeedConfirmation) as refusal:
            found = refusal.findings
            form.add_error(None, str(refusal))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _submitted_message(request, report))
            return redirect(pages.url("report", report.pk))
    context = {"pages": pages, "report": report, "form": form, "findings": found}
    return render(request, pages.submit_template, context, status=400)


@require_POST
def correction(request: HttpRequest, pk: int, *, pages: ReportPages) -> HttpResponse:
    """A correction of a sent report: its next version, a draft."""
    report = writable(request, pk, pages)
    try:
        created = services.start_correction(report=report, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(pages.url("report", report.pk))
    messages.success(request, _("Version %(version)s was started.") % {"version": created.version})
    return redirect(pages.url("report", created.pk))


# --- annexes ------------------------------------------------------------------------------------


def annex_context(request: HttpRequest, report: Report, form: AnnexForm | None = None) -> dict:
    """What ``article7/partials/annexes.html`` shows: the annexes, and for whoever may write
    the draft, the upload form and the remove buttons."""
    can_edit = report.is_draft and may_write(request.user, report)
    return {
        "annexes": list(Annex.objects.filter(report=report).order_by("pk")),
        "can_edit_annexes": can_edit,
        "annex_form": (form or AnnexForm()) if can_edit else None,
    }


def _annexes_answer(
    request: HttpRequest,
    report: Report,
    pages: ReportPages,
    *,
    form: AnnexForm | None = None,
    refusal: str = "",
) -> HttpResponse:
    """htmx: the annexes partial again (400 with what was refused); otherwise the report's
    page: after a change, redirected to; with a form's errors, rendered again (400)."""
    refused = bool(refusal) or (form is not None and bool(form.errors))
    status = 400 if refused else 200
    if request.htmx:
        context = {
            "pages": pages,
            "report": report,
            "annex_refusal": refusal,
            **annex_context(request, report, form),
        }
        return render(request, "article7/partials/annexes.html", context, status=status)
    if refusal:
        messages.error(request, refusal)
    if form is not None and form.errors:
        return report_page(request, report.pk, pages=pages, status=400, annex_form=form)
    return redirect(pages.url("report", report.pk))


@require_POST
def annex_upload(request: HttpRequest, pk: int, *, pages: ReportPages) -> HttpResponse:
    """Attach a file to a draft, through the content-checked upload path."""
    report = writable(request, pk, pages)
    form = AnnexForm(request.POST, request.FILES)

    def write() -> None:
        services.add_annex(
            report=report,
            title=form.cleaned_data["title"],
            section=form.cleaned_data["section"],
            file=form.cleaned_data["file"],
            by=request.user,
        )

    if form.is_valid() and apply_service(form, write):
        if not request.htmx:
            messages.success(
                request,
                _("The annex “%(title)s” was added.") % {"title": form.cleaned_data["title"]},
            )
        return _annexes_answer(request, report, pages)
    # A refusal of the report as a whole (submitted meanwhile) is said above the annexes, where
    # a frozen report has no form to show it in.
    refusal = " ".join(form.non_field_errors())
    return _annexes_answer(request, report, pages, form=form, refusal=refusal)


@require_POST
def annex_remove(request: HttpRequest, pk: int, *, pages: ReportPages) -> HttpResponse:
    """Take the annex named in the form (``annex``) off a draft."""
    report = writable(request, pk, pages)
    try:
        annex_pk = int(request.POST.get("annex", ""))
    except ValueError:
        raise Http404 from None
    annex = Annex.objects.filter(report=report, pk=annex_pk).select_related("report").first()
    if annex is None:
        raise Http404
    try:
        services.remove_annex(annex=annex, by=request.user)
    except ValidationError as error:
        return _annexes_answer(request, report, pages, refusal=" ".join(error.messages))
    if not request.htmx:
        messages.success(request, _("The annex “%(title)s” was removed.") % {"title": annex})
    return _annexes_answer(request, report, pages)
