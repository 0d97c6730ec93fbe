"""The page shown when the server fails (``handler500``)."""

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import TemplateDoesNotExist, loader
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
