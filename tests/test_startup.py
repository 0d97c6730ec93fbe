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


@pytest.mark.parametrize(
    "settings_module",
    ["config.settings.local", "config.settings.test", "config.settings.production"],
)
def test_starting_the_apps_imports_no_heavy_library(settings_module):
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "EMAIL_"))
    }
    production = {
        "DJANGO_SECRET_KEY": "startup-test-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "secretariat.example.org",
        "DATABASE_URL": "postgres://secretariat@db.invalid/secretariat",
        "REDIS_URL": "redis://cache.invalid:6379/0",
        "EMAIL_URL": "smtp://mail.invalid:25",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, sys, django; django.setup(); "
            f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))",
        ],
        cwd=settings.BASE_DIR,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": settings_module,
            **(production if settings_module.endswith("production") else {}),
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == []
