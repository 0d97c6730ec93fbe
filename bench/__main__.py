"""Run with ``make bench`` (test settings, a throwaway PostgreSQL database).

``python -m bench states committees`` runs only the named suites; ``python -m bench
states:200`` runs one suite at the sizes given (comma-separated); ``--list`` names them all.

A suite is a module of this package with ``SIZES``, the sizes its issue names, and
``run(size)``, which fills the database for that size and yields one result line per page
(see ``harness.time_page``). Adding one means writing the module and one line in ``SUITES``.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator
from typing import Protocol, cast

#: Every suite, by the name given on the command line, in the order ``make bench`` runs them.
SUITES: dict[str, str] = {
    "states": "bench.states",
    "committees": "bench.committees",
    "reporting": "bench.reporting",
    "dashboard": "bench.dashboard",
    "extensions": "bench.extensions",
    "documents": "bench.documents",
    "status-document": "bench.status_document",
    "reminders": "bench.reminders",
    "history": "bench.history",
    "api": "bench.api",
    "imports": "bench.imports",
    "portal": "bench.portal",
    "article7": "bench.article7",
    "server": "bench.server",
    "public-site": "bench.public_site",
}


class Suite(Protocol):
    """What a suite module provides."""

    SIZES: tuple[int, ...]
    run: Callable[[int], Iterator[str]]


def parse_selection(names: list[str]) -> list[tuple[str, tuple[int, ...] | None]]:
    """``["states:200,2000", "committees"]`` to ``[("states", (200, 2000)), ("committees",
    None)]``; ``None`` means the suite's own sizes."""
    chosen: list[tuple[str, tuple[int, ...] | None]] = []
    for item in names or list(SUITES):
        name, _colon, sizes = item.partition(":")
        if name not in SUITES:
            raise ValueError(f"unknown suite {name!r}; choose from {', '.join(SUITES)}")
        try:
            parsed = tuple(int(size) for size in sizes.split(",")) if sizes else None
        except ValueError:
            raise ValueError(f"sizes must be whole numbers: {item!r}") from None
        if parsed is not None and min(parsed) < 1:
            raise ValueError(f"sizes must be positive: {item!r}")
        chosen.append((name, parsed))
    return chosen


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description="Server times and query counts of the main pages."
    )
    parser.add_argument(
        "suites",
        nargs="*",
        metavar="SUITE[:SIZE,...]",
        help=f"suites to run (default: all: {', '.join(SUITES)})",
    )
    parser.add_argument("--list", action="store_true", help="name the suites and their sizes")
    args = parser.parse_args(argv)
    try:
        chosen = parse_selection(args.suites)
    except ValueError as error:
        parser.error(str(error))

    # Settings must be configured before anything imports models (the suites do so lazily).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    suites = {name: cast(Suite, importlib.import_module(SUITES[name])) for name, _ in chosen}
    if args.list:
        for name, suite in suites.items():
            print(f"{name}: {', '.join(f'{size:,}' for size in suite.SIZES)}")
        return 0

    from .harness import keep_mail_in_memory, throwaway_database

    keep_mail_in_memory()
    # The figures are the output; sign-in and audit INFO lines would bury them.
    logging.disable(logging.INFO)
    with throwaway_database():
        for name, sizes in chosen:
            suite = suites[name]
            started = time.perf_counter()
            print(f"## {name}", flush=True)
            for size in sizes or suite.SIZES:
                for line in suite.run(size):
                    print(line, flush=True)
            print(f"({name}: {time.perf_counter() - started:.0f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
