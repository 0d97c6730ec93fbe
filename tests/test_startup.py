"""Start-up imports only what every process needs: the PDF engine, the spreadsheet library,
the PDF reader and the OpenAPI schema generator are imported where they are used (a worker
rendering a PDF, an export, the schema page), not by ``django.setup()``."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

HEAVY = ("weasyprint", "openpyxl", "pypdf", "drf_spectacular.plumbing", "puremagic")
PRODUCTION = {
    "DJANGO_SECRET_KEY": "startup-test-" + "x" * 50,
    "DJANGO_ALLOWED_HOSTS": "secretariat.example.org",
    "DATABASE_URL": "postgres://secretariat@db.invalid/secretariat",
    "REDIS_URL": "redis://cache.invalid:6379/0",
    "EMAIL_URL": "smtp://mail.invalid:25",
}


def _imported_after(code: str, settings_module: str) -> list[str]:
    """Which of ``HEAVY`` a fresh process has imported after ``django.setup()`` and ``code``."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "EMAIL_"))
    }
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import json, sys, django; django.setup(); {code}; "
            f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))",
        ],
        cwd=settings.BASE_DIR,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": settings_module,
            **(PRODUCTION if settings_module.endswith("production") else {}),
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


@pytest.mark.parametrize(
    "settings_module",
    ["config.settings.local", "config.settings.test", "config.settings.production"],
)
def test_starting_the_apps_imports_no_heavy_library(settings_module):
    assert _imported_after("pass", settings_module) == []


def test_a_web_process_never_imports_the_pdf_engine_or_spreadsheets():
    """Loading every URL pattern imports every view: still no PDF engine, spreadsheet library,
    PDF reader or file sniffer (the API's schema generator is imported, for its URLs)."""
    imported = _imported_after(
        "from django.urls import get_resolver; get_resolver().url_patterns",
        "config.settings.production",
    )
    assert imported == ["drf_spectacular.plumbing"]


def test_weasyprint_is_loaded_when_a_pdf_is_laid_out_and_ctypes_is_left_as_it_was():
    imported = _imported_after(
        "import ctypes.util; from documents.pdf import load_weasyprint; load_weasyprint(); "
        "assert ctypes.util.find_library.__module__ == 'ctypes.util'",
        "config.settings.test",
    )
    assert imported == ["weasyprint"]
