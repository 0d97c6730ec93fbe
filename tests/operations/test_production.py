"""Production settings: Django's deployment checks pass; headers, cookies and logs as promised."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

ROOT = settings.BASE_DIR
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "x7Qp" * 10,
    "DJANGO_ALLOWED_HOSTS": "secretariat.example.org",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://secretariat.example.org",
    "DATABASE_URL": "postgres://app@db.example.org/secretariat",
    "REDIS_URL": "redis://cache.example.org:6379/0",
    "EMAIL_URL": "smtp+tls://user:pw@smtp.example.org:587",
}


def _run(*args: str) -> subprocess.CompletedProcess:
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "EMAIL_"))
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**clean, **PRODUCTION_ENV},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_deployment_checks_pass_with_production_settings():
    result = _run("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_security_settings():
    script = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({"
        "'hsts': s.SECURE_HSTS_SECONDS, 'subdomains': s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "'ssl': s.SECURE_SSL_REDIRECT, 'session_secure': s.SESSION_COOKIE_SECURE, "
        "'csrf_secure': s.CSRF_COOKIE_SECURE, 'session_name': s.SESSION_COOKIE_NAME, "
        "'httponly': s.SESSION_COOKIE_HTTPONLY, 'debug': s.DEBUG, "
        "'demo_codes': s.SHOW_DEMO_TOTP_CODES, 'proxies': s.TRUSTED_PROXY_COUNT, "
        "'exempt': s.SECURE_REDIRECT_EXEMPT, "
        "'csp': {k: [str(v) for v in vs] for k, vs in s.SECURE_CSP.items()}}))"
    )
    result = _run("-c", script)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["hsts"] == 31_536_000
    assert values["subdomains"] and values["ssl"]
    assert values["session_secure"] and values["csrf_secure"] and values["httponly"]
    assert values["session_name"] == "__Host-sessionid"
    assert values["debug"] is False and values["demo_codes"] is False
    assert values["proxies"] == 1
    assert values["exempt"] == [
        "^health/((live|ready)/)?$"
    ]  # monitoring on the host, over plain HTTP
    every_source = [source for sources in values["csp"].values() for source in sources]
    assert "'unsafe-inline'" not in every_source and "'unsafe-eval'" not in every_source
    assert values["csp"]["script-src"] == ["'self'"]
    assert values["csp"]["style-src"] == ["'self'"]


@pytest.mark.django_db
def test_every_response_carries_the_content_security_policy(client):
    response = client.get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_production_logs_are_one_json_object_per_line():
    script = (
        "import django, logging; django.setup(); "
        "logging.getLogger('secretariat.auth').warning('login failed %s', 'irene', "
        "extra={'username': 'irene', 'ip': '192.0.2.1'})"
    )
    result = _run("-c", script)
    assert result.returncode == 0, result.stderr
    (line,) = [line for line in result.stderr.splitlines() if line.strip()]
    record = json.loads(line)
    assert record["message"] == "login failed irene"
    assert record["level"] == "WARNING"
    assert record["logger"] == "secretariat.auth"
    assert record["username"] == "irene" and record["ip"] == "192.0.2.1"
    assert record["service"] == "secretariat"
    assert "time" in record


@pytest.mark.django_db
def test_the_demo_codes_are_refused_outside_debug(settings):
    from accounts.checks import demo_codes_only_in_debug

    settings.DEBUG = False
    settings.SHOW_DEMO_TOTP_CODES = True
    assert [error.id for error in demo_codes_only_in_debug(None)] == ["accounts.E001"]
    settings.DEBUG = True
    assert demo_codes_only_in_debug(None) == []
