"""Panels that apps above reporting add to a committee's dashboard.

Reporting sits below activities in the layers, so it cannot import their panels; an app
registers a builder from its ``AppConfig.ready()`` instead (activities adds its latest
activities and open compliance matters), and the dashboard shows them after its own."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from committees.models import Committee

    from .dashboards import Panel

#: ``builder(committee, today, user)`` -> the panels that user sees on that committee's page.
PanelBuilder = Callable[["Committee", date, Any], list["Panel"]]

_builders: dict[str, PanelBuilder] = {}


def register(name: str, builder: PanelBuilder) -> None:
    """Add ``builder``'s panels to every dashboard (registering a name again replaces it)."""
    _builders[name] = builder


def registered_panels(committee: Committee, today: date, user: Any) -> list[Panel]:
    """The registered panels, in the order the apps registered them."""
    return [panel for build in _builders.values() for panel in build(committee, today, user)]
