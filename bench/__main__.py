"""Run with ``make bench`` (test settings, a throwaway PostgreSQL database).

``python -m bench states committees`` runs only the named suites."""

from __future__ import annotations

import os
import sys
import time


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from . import committees, states
    from .harness import throwaway_database

    suites = {"states": states.run, "committees": committees.run}
    chosen = argv or list(suites)
    unknown = [name for name in chosen if name not in suites]
    if unknown:
        print(f"unknown suite(s): {', '.join(unknown)}; choose from {', '.join(suites)}")
        return 2
    with throwaway_database():
        for name in chosen:
            started = time.perf_counter()
            print(f"## {name}", flush=True)
            for line in suites[name]():
                print(line, flush=True)
            print(f"({name}: {time.perf_counter() - started:.0f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
