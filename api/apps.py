from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("API")
    # The OpenAPI extension of our token class (api.schema) is registered by api.urls, which
    # every schema generation loads first: drf-spectacular and what it imports (DRF's test
    # client, requests, PyYAML) cost start-up about a third of a second otherwise.
