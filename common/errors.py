"""Answers outside the application's pages: the page shown when the server fails
(``handler500``) and the icon browsers ask for by themselves."""

from django.contrib.auth.decorators import login_not_required
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
)
from django.template import TemplateDoesNotExist, loader
from django.templatetags.static import static
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page in the site's layout, rendered without the request or any context
    processor: the failure may be the database's, so nothing here may touch it (no user, no
    demo banner, no navigation counts)."""
    try:
        template = loader.get_template("500.html")
    except TemplateDoesNotExist:  # pragma: no cover - the template is part of the project
        return HttpResponseServerError(b"<h1>Server Error (500)</h1>", content_type="text/html")
    return HttpResponseServerError(template.render())


@login_not_required
def favicon(request: HttpRequest) -> HttpResponse:
    """``/favicon.ico``, which browsers request without being told (bookmarks, PDFs opened in
    the browser): the icon every page names, for anyone, signed in or not."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))
