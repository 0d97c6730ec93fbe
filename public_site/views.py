"""The public website: pages anyone may read, under a language prefix (``/en/``, ``/fr/``,
``/es/``), kept rendered in the cache per language and page until what they show changes, and
sent with ``Cache-Control: public`` and an ETag (a revalidation answers 304).

ISU staff edit the committees' texts in the application (``text_list``, ``text_edit``)."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accounts.permissions import staff_required
from committees.models import Committee
from common.files import attachment
from common.views import form_page

from . import kept_pages, pages, services, syndication
from .forms import CommitteeTextForm
from .models import CommitteeText


def public_page[V: Callable[..., HttpResponse]](view: V) -> V:
    """A page of the public website: anyone may read it (GET and HEAD). It only reads, so it
    runs outside the request's transaction: two round trips to PostgreSQL fewer."""
    return login_not_required(require_safe(transaction.non_atomic_requests(view)))


def _alternates(request: HttpRequest, name: str, kwargs: dict) -> list[dict]:
    """The page in each language: for the language links, ``hreflang`` and the sitemap."""
    result = []
    for code, label in settings.LANGUAGES:
        with translation.override(code):
            path = reverse(f"site:{name}", kwargs=kwargs)
        result.append(
            {"code": code, "label": label, "url": request.build_absolute_uri(path), "path": path}
        )
    return result


def _cached(
    request: HttpRequest,
    render: Callable[[], str],
    content_type: str = "text/html; charset=utf-8",
) -> HttpResponse:
    """The content, kept or rendered afresh (without the request: nothing in it depends on who
    asks), with ``Cache-Control: public`` and its ETag; 304 when the browser has it."""
    return kept_pages.response(request, kept_pages.kept_or_built(request, render, content_type))


def _page(
    request: HttpRequest,
    name: str,
    template: str,
    build: Callable[[], dict],
    **kwargs: str,
) -> HttpResponse:
    """A page of the site, with its alternates in the other languages and canonical URL."""
    language = translation.get_language() or settings.LANGUAGE_CODE

    def render_page() -> str:
        context = build()
        alternates = _alternates(request, name, kwargs)
        context.update(
            page_name=name,
            page_title=context.get("page_title") or pages.title(name),
            alternates=alternates,
            canonical=next(item["url"] for item in alternates if item["code"] == language),
            feed_url=request.build_absolute_uri(reverse("site:documents_feed")),
        )
        return render_to_string(template, context)

    return _cached(request, render_page)


@public_page
def home(request: HttpRequest) -> HttpResponse:
    return _page(request, "home", "public_site/home.html", pages.home_context)


@public_page
def committee(request: HttpRequest, code: str) -> HttpResponse:
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,10}", code):
        raise Http404

    def build() -> dict:
        context = pages.committee_context(code)
        context["page_title"] = context["page"].committee.display_name
        return context

    return _page(request, "committee", "public_site/committee.html", build, code=code.upper())


@public_page
def states(request: HttpRequest) -> HttpResponse:
    return _page(request, "states", "public_site/states.html", pages.states_context)


@public_page
def meetings(request: HttpRequest) -> HttpResponse:
    return _page(request, "meetings", "public_site/meetings.html", pages.meetings_context)


@public_page
def documents(request: HttpRequest) -> HttpResponse:
    return _page(request, "documents", "public_site/documents.html", pages.documents_context)


@public_page
def article7(request: HttpRequest) -> HttpResponse:
    return _page(request, "article7", "public_site/article7.html", pages.article7_context)


@public_page
def article7_report(request: HttpRequest, iso3: str, period: str) -> HttpResponse:
    """A published Article 7 report, by State and year covered ("initial" for the initial
    report): its latest published version."""
    if not (re.fullmatch(r"[A-Za-z]{3}", iso3) and re.fullmatch(r"\d{4}|initial", period)):
        raise Http404
    return _page(
        request,
        "article7_report",
        "public_site/article7_report.html",
        lambda: pages.article7_report_context(iso3, period),
        iso3=iso3.upper(),
        period=period,
    )


@public_page
def documents_feed(request: HttpRequest) -> HttpResponse:
    """The published documents as an Atom feed, newest first."""

    def render_feed() -> str:
        return syndication.documents_feed(request.build_absolute_uri)

    return _cached(request, render_feed, "application/atom+xml; charset=utf-8")


@public_page
def sitemap(request: HttpRequest) -> HttpResponse:
    """Every page of the site in each language, each naming its alternates."""

    def render_sitemap() -> str:
        entries = [
            _alternates(request, name, kwargs) for name, kwargs in syndication.sitemap_pages()
        ]
        return render_to_string("public_site/sitemap.xml", {"entries": entries})

    return _cached(request, render_sitemap, "application/xml; charset=utf-8")


@login_not_required
@require_safe
def robots(request: HttpRequest) -> HttpResponse:
    """Crawlers may read the public website (every language) and nothing else."""
    lines = ["User-agent: *"]
    for code, _label in settings.LANGUAGES:
        lines.append(f"Allow: /{code}/")
    lines += [
        # The published Article 7 reports' PDF and data, which their pages link to.
        f"Allow: {reverse('article7:published')}",
        "Disallow: /",
        f"Sitemap: {request.build_absolute_uri(reverse('public_site:sitemap'))}",
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    patch_cache_control(response, public=True, max_age=settings.PUBLIC_SITE_MAX_AGE)
    return response


@login_not_required
@require_safe
def document_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    job = pages.published_pdf(pk, number)
    return attachment(job.output, job.filename or None)


# --- the committees' texts, edited by ISU staff -----------------------------------------------


@staff_required
def text_list(request: HttpRequest) -> HttpResponse:
    committees = list(Committee.objects.all())
    texts = {(text.committee_id, text.language): text for text in CommitteeText.objects.all()}
    rows = [
        {
            "committee": committee,
            "languages": [
                {"code": code, "label": label, "text": texts.get((committee.pk, code))}
                for code, label in settings.LANGUAGES
            ],
        }
        for committee in committees
    ]
    return render(request, "public_site/text_list.html", {"rows": rows})


@staff_required
def text_edit(request: HttpRequest, code: str, language: str) -> HttpResponse:
    committee = get_object_or_404(Committee, code=code.upper())
    if language not in dict(settings.LANGUAGES):
        raise Http404
    text = CommitteeText.objects.filter(committee=committee, language=language).first()
    text = text or CommitteeText(committee=committee, language=language)
    form = CommitteeTextForm(request.POST or None, instance=text)
    if request.method == "POST" and form.is_valid():
        services.save_committee_text(form.instance)
        messages.success(request, _("The text of the public page was saved."))
        return redirect("public_site:texts")
    title = _("Public page of %(committee)s (%(language)s)") % {
        "committee": committee.display_name,
        "language": dict(settings.LANGUAGES)[language],
    }
    return form_page(
        request,
        form,
        title,
        reverse("public_site:texts"),
        history_record=text if text.pk else None,
    )
