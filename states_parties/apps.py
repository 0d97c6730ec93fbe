from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatesPartiesConfig(AppConfig):
    name = "states_parties"
    verbose_name = _("States Parties")
