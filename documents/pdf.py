"""The one PDF pipeline: a Django template rendered to HTML, laid out by WeasyPrint.

Every PDF the application makes (committee documents, status tables, letters) comes from here,
rendered by a Celery worker, never during a request. The HTML preview a page shows is the same
template rendered by ``render_html``, so the preview and the PDF cannot drift apart.

The API, for any app that makes PDFs::

    from documents.pdf import PdfSource, render_html, render_pdf
    from documents.services import request_pdf

    class Letter(models.Model):
        # 1. Say how to render yourself, and who may read the result (the "Renderable"
        #    protocol below); the template extends "documents/pdf/base.html".
        def pdf_source(self) -> PdfSource:
            return PdfSource("correspondence/pdf/letter.html", {...}, self.language,
                             f"letter-{self.pk}.pdf")

        def pdf_readable_by(self, user) -> bool: ...

    # 2. In a view: queue a rendering job (after commit) and show its progress.
    job = request_pdf(letter, requested_by=request.user)
    # {% include "documents/includes/render_job.html" with job=job %} polls the job with htmx
    # and offers the file when it is ready; ``job.output`` holds the stored PDF.

    # 3. Or render synchronously where no request waits (commands, the worker itself):
    pdf_bytes = render_pdf("correspondence/pdf/letter.html", context, language="fr")

Templates extend ``documents/pdf/base.html``: A4, the embedded Document Serif font shipped in
``static/fonts``, a running header with the document's symbol and date and a footer "Page x
of y" in the document's language. They may load only the application's own static files
(``{% static %}``): ``StaticFilesFetcher`` refuses every other address, so a document can never
make WeasyPrint reach the network or the file system.
"""

from __future__ import annotations

import atexit
import gc
import logging
import mimetypes
import os
import posixpath
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, runtime_checkable
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)

#: The address documents are laid out at. It exists nowhere: relative and ``{% static %}``
#: URLs resolve against it, and the fetcher answers for its static files only.
BASE_URL = "https://secretariat.invalid/"


@dataclass(frozen=True)
class PdfSource:
    """Everything needed to render one PDF: a template, its context, a language, a name."""

    template_name: str
    context: Mapping[str, Any]
    language: str
    filename: str


@runtime_checkable
class Renderable(Protocol):
    """What a rendering job's target provides (a document, a version, a letter)."""

    def pdf_source(self) -> PdfSource: ...

    def pdf_readable_by(self, user: Any) -> bool: ...


@dataclass
class RenderedPdf:
    content: bytes
    page_count: int
    #: Seconds spent laying out the pages and writing the file.
    timings: dict[str, float] = field(default_factory=dict)


def render_html(template_name: str, context: Mapping[str, Any], language: str) -> str:
    """The document as HTML, in ``language``: what the preview shows and WeasyPrint reads."""
    with translation.override(language):
        return render_to_string(template_name, {**context, "language": language})


def html_to_pdf(html: str, *, progress: Callable[[str], None] | None = None) -> RenderedPdf:
    """Lay out HTML made by ``render_html`` and write it as PDF (A4 and fonts come from the
    stylesheet). ``progress`` is told "layout" and then "writing"."""
    timings = {}
    started = time.perf_counter()
    # Imported here: only workers and commands lay out PDFs, and WeasyPrint takes about half a
    # second to import, which no web process or other command should pay.
    load_weasyprint()

    if progress:
        progress("layout")
    with _cycle_collector_paused():
        document = _document_html(html).render(font_config=_font_configuration())
        laid_out = time.perf_counter()
        timings["layout"] = laid_out - started
        if progress:
            progress("writing")
        content = document.write_pdf()
    timings["write"] = time.perf_counter() - laid_out
    return RenderedPdf(content=content, page_count=len(document.pages), timings=timings)


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Layout allocates hundreds of thousands of boxes that all live until the PDF is written:
    the cycle collector would walk them again and again (a fifth of a long table's layout time)
    and free nothing. They are freed at once afterwards, by reference counting."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def render_pdf(template_name: str, context: Mapping[str, Any], language: str) -> bytes:
    """Template -> HTML -> PDF bytes, synchronously (workers and commands only)."""
    return html_to_pdf(render_html(template_name, context, language)).content


def render_source(
    source: PdfSource, *, progress: Callable[[str], None] | None = None
) -> RenderedPdf:
    started = time.perf_counter()
    html = render_html(source.template_name, source.context, source.language)
    template_time = time.perf_counter() - started
    rendered = html_to_pdf(html, progress=progress)
    rendered.timings = {"template": template_time, **rendered.timings}
    return rendered


# --- importing WeasyPrint --------------------------------------------------------------------


@lru_cache(maxsize=1)
def load_weasyprint() -> None:
    """Import WeasyPrint, finding its system libraries (Pango, HarfBuzz...) from one reading of
    the linker's cache. WeasyPrint tries several spellings of each library's name (Linux,
    macOS, Windows); for each spelling this system does not have, ``ctypes.util.find_library``
    runs ``ldconfig``, ``gcc`` and ``ld`` in turn: twenty-odd lookups, a third of a second of
    every command that renders a PDF. The answer is the one ``find_library`` gives from
    ``ldconfig -p``, its first and usual source; without ``ldconfig``, nothing changes."""
    import ctypes.util
    import re
    import struct
    import subprocess  # nosec B404 - a fixed command, no input

    try:
        listing = subprocess.run(  # nosec B603 - a fixed command, no input
            ["/sbin/ldconfig", "-p"],
            capture_output=True,
            env={"LC_ALL": "C", "LANG": "C"},
            check=True,
            timeout=10,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        import weasyprint

        return
    machine = os.uname().machine + ("-32" if struct.calcsize("l") == 4 else "-64")
    abi = {
        "x86_64-64": "libc6,x86-64",
        "ppc64-64": "libc6,64bit",
        "sparc64-64": "libc6,64bit",
        "s390x-64": "libc6,64bit",
        "ia64-64": "libc6,IA-64",
    }.get(machine, "libc6")

    def find_library(name: str) -> str | None:
        pattern = os.fsencode(rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\({abi}")
        found = re.search(pattern, listing)
        return os.fsdecode(found[1]) if found else None

    original = ctypes.util.find_library
    ctypes.util.find_library = find_library
    try:
        import weasyprint  # noqa: F401
    finally:
        ctypes.util.find_library = original


# --- the user agent's stylesheet -------------------------------------------------------------

#: Rules of WeasyPrint's user-agent stylesheet that match *every* element with a pseudo-element:
#: each gives every element of the document a computed style of its own for that
#: pseudo-element, laid out or not. For the Article 7 status (10,000 rows and cells) that is
#: 60,000 styles, a fifth of its time. Our documents have neither footnotes nor notes
#: (``float: footnote``, ``::note-*``): their rules go; markers exist for list items and
#: summaries only, and their rule is kept for those.
UNIVERSAL_PSEUDO_RULES = (
    "::footnote-call",
    "::footnote-marker",
    "::note-call",
    "::note-marker",
    "::note-callback",
)
MARKER_RULE = "::marker {"
SCOPED_MARKER_RULE = ":is(li, summary)::marker {"


def trimmed_user_agent_css(css: str) -> str:
    """WeasyPrint's user-agent stylesheet without ``UNIVERSAL_PSEUDO_RULES`` (one rule a line)
    and with its ``::marker`` rule for list items and summaries only. A stylesheet that lacks
    one of them (another WeasyPrint) is refused rather than silently kept slow."""
    lines = css.splitlines()
    kept = [line for line in lines if not line.startswith(UNIVERSAL_PSEUDO_RULES)]
    markers = [index for index, line in enumerate(kept) if line.startswith(MARKER_RULE)]
    if len(lines) - len(kept) != len(UNIVERSAL_PSEUDO_RULES) or len(markers) != 1:
        raise RuntimeError("WeasyPrint's user-agent stylesheet changed: see trimmed_user_agent_css")
    kept[markers[0]] = SCOPED_MARKER_RULE + kept[markers[0]].removeprefix(MARKER_RULE)
    return "\n".join(kept) + "\n"


@lru_cache(maxsize=1)
def _user_agent_stylesheets() -> tuple[Any, Any]:
    """The trimmed user-agent stylesheet (parsed once) and WeasyPrint's one for forms."""
    from weasyprint import CSS
    from weasyprint.css.counters import CounterStyle
    from weasyprint.html import UA, UA_FORM_STYLESHEET

    # Its @counter-style rules are those WeasyPrint has already read into the counter styles
    # every document starts from (``HTML._ua_counter_style``): read them into a throwaway.
    return CSS(string=trimmed_user_agent_css(UA), counter_style=CounterStyle()), UA_FORM_STYLESHEET


def _document_html(html: str) -> Any:
    """WeasyPrint's ``HTML`` of ``html``, laid out with the trimmed user-agent stylesheet."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher())
    user_agent, forms_sheet = _user_agent_stylesheets()
    document._ua_stylesheets = lambda forms=False: (
        [user_agent, forms_sheet] if forms else [user_agent]
    )
    return document


# --- fonts ---------------------------------------------------------------------------------


_local = threading.local()


@atexit.register
def _forget_font_configuration() -> None:
    """Drop this thread's font configuration while the interpreter is whole: WeasyPrint removes
    its folder of loaded fonts when it goes, which it cannot do once modules are torn down."""
    _local.__dict__.pop("font_config", None)


def _fetcher() -> Any:
    """One fetcher per thread: building one sets up an HTTPS handler and loads the system's
    certificates (tens of milliseconds), which a fetcher that never leaves the static files
    does not need once per document."""
    fetcher = getattr(_local, "fetcher", None)
    if fetcher is None:
        fetcher = _local.fetcher = static_files_fetcher()()
    return fetcher


def _font_configuration() -> Any:
    """One font configuration per thread: the @font-face fonts are loaded once and reused by
    every later document (WeasyPrint objects are not shared between threads)."""
    config = getattr(_local, "font_config", None)
    if config is None:
        load_weasyprint()
        from weasyprint.text.fonts import FontConfiguration

        config = _local.font_config = FontConfiguration()
    return config


# --- the only files WeasyPrint may read ------------------------------------------------------


class RefusedURL(ValueError):
    """A document asked for something that is not one of the application's static files."""


def static_name(url: str) -> str | None:
    """``https://secretariat.invalid/static/css/document.css`` -> ``css/document.css``;
    ``None`` for any address that is not one of our static files."""
    prefix = urljoin(BASE_URL, settings.STATIC_URL)
    if not url.startswith(prefix):
        return None
    path = unquote(urlsplit(url).path)
    name = path[len(urlsplit(prefix).path) :]
    normalised = posixpath.normpath(name)
    if not name or normalised.startswith(("..", "/")) or normalised != name.rstrip("/"):
        return None
    return normalised


@lru_cache(maxsize=256)
def _static_file(name: str) -> tuple[bytes, str] | None:
    """The bytes and type of a static file, found as ``collectstatic`` would serve it (the
    stored copy in production, the source folders in development)."""
    path: str | None = None
    try:
        candidate = staticfiles_storage.path(name)
        if Path(candidate).is_file():
            path = candidate
    except (NotImplementedError, ValueError):
        path = None
    if path is None:
        found = finders.find(name)
        path = found if isinstance(found, str) else None
    if path is None:
        return None
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return Path(path).read_bytes(), content_type


@lru_cache(maxsize=1)
def static_files_fetcher() -> type:
    """The class of WeasyPrint's URL fetcher allowed to read the application's own static
    files and ``data:`` addresses, and nothing else: no network, no file system (made when
    first needed, WeasyPrint being imported only then)."""
    load_weasyprint()
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            name = static_name(url)
            found = _static_file(name) if name else None
            if found is None:
                logger.warning("PDF rendering refused to fetch %s", url)
                raise RefusedURL(f"not one of the application's static files: {url}")
            content, content_type = found
            return URLFetcherResponse(url, content, {"Content-Type": content_type})

    return StaticFilesFetcher
