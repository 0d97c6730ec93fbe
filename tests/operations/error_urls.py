"""The application's URLs plus a view that fails, for the error-page tests."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from config.urls import handler500  # noqa: F401
from config.urls import urlpatterns as application_urls


@login_not_required
def fail(request):
    raise RuntimeError("the test's failure")


urlpatterns = [path("test-failure/", fail), *application_urls]
