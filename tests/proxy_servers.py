"""nginx, configured as ``docs/deployment.md`` says, in front of gunicorn with the production
settings: started by a test, on loopback ports of its own, stopped afterwards.

Clients on one machine still reach nginx from different addresses: the whole of 127.0.0.0/8 is
loopback, so a client that binds its socket to 127.0.0.2 is seen by nginx as 127.0.0.2.
"""

from __future__ import annotations

import getpass
import http.client
import os
import re
import signal
import socket
import ssl
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings

from tests.celery_worker import database_url
from tests.smtp_server import free_port

HOST = "secretariat.example.org"
PASSWORD = "correct horse battery staple"
ORIGIN = f"https://{HOST}"
NGINX = "/usr/sbin/nginx"
DEPLOYMENT_GUIDE = Path(settings.BASE_DIR) / "docs" / "deployment.md"


def wait_for_port(port: int, process: subprocess.Popen, log: Path, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"exited with {process.returncode}:\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port}:\n{log.read_text()}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def production_env(**overrides: str) -> dict[str, str]:
    """The environment of the deployment guide, pointing at the test database and Redis."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "EMAIL_", "CELERY_"))
    }
    return {
        **clean,
        "DJANGO_SETTINGS_MODULE": "tests.production_behind_proxy",
        "DJANGO_SECRET_KEY": "a-long-random-test-secret-" + "k3Vz" * 12,
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_CSRF_TRUSTED_ORIGINS": ORIGIN,
        "DJANGO_TRUSTED_PROXY_COUNT": "1",
        "DJANGO_MEDIA_ROOT": overrides.pop("DJANGO_MEDIA_ROOT", "/nonexistent"),
        "DATABASE_URL": database_url(),
        "REDIS_URL": os.environ.get("TEST_REDIS_SERVER", "redis://127.0.0.1:6379") + "/15",
        "CELERY_QUEUE": f"test-{uuid.uuid4().hex[:10]}",
        "EMAIL_URL": "smtp://127.0.0.1:9",
        **overrides,
    }


@contextmanager
def gunicorn(tmp_path: Path, **env: str) -> Iterator[tuple[int, Path]]:
    """The web service of the deployment guide (bound to loopback; nginx is the only client)."""
    port = free_port()
    log_path = tmp_path / "gunicorn.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--timeout",
                "60",
                "--forwarded-allow-ips",
                "127.0.0.1",
            ],
            cwd=settings.BASE_DIR,
            env=production_env(**env),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for_port(port, process, log_path)
        yield port, log_path
    finally:
        stop(process)


def documented_site() -> str:
    """The directives of the HTTPS server block in the deployment guide, without the ones that
    name the real host and certificate (the test supplies its own)."""
    guide = DEPLOYMENT_GUIDE.read_text()
    block = re.search(r"```nginx\n(.*?)```", guide, re.DOTALL)
    assert block, "docs/deployment.md has no nginx configuration"
    servers = re.split(r"^server \{$", block.group(1), flags=re.MULTILINE)
    (https,) = [server for server in servers if "proxy_pass" in server]
    kept = [
        line
        for line in https.rstrip().removesuffix("}").splitlines()
        if not line.strip().startswith(("listen", "server_name", "ssl_certificate", "#"))
    ]
    return "\n".join(kept)


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    certificate, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "1",
            "-subj",
            f"/CN={HOST}",
            "-keyout",
            str(key),
            "-out",
            str(certificate),
        ],
        check=True,
        capture_output=True,
    )
    return certificate, key


@contextmanager
def nginx(tmp_path: Path, upstream_port: int) -> Iterator[tuple[int, str]]:
    """nginx in the foreground with its own configuration, pid, logs and temporary files."""
    root = tmp_path / "nginx"
    root.mkdir()
    certificate, key = self_signed_certificate(root)
    port = free_port()
    site = documented_site().replace("http://127.0.0.1:8000", f"http://127.0.0.1:{upstream_port}")
    assert f"127.0.0.1:{upstream_port}" in site
    temporary = "\n".join(
        f"    {kind}_temp_path {root / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    config = root / "nginx.conf"
    config.write_text(
        f"""daemon off;
user {getpass.getuser()};
worker_processes 1;
pid {root / "nginx.pid"};
error_log {root / "error.log"} warn;
events {{ worker_connections 64; }}
http {{
    access_log {root / "access.log"};
{temporary}
    server {{
        listen 127.0.0.1:{port} ssl;
        server_name {HOST};
        ssl_certificate     {certificate};
        ssl_certificate_key {key};
{site}
    }}
}}
"""
    )
    log_path = root / "stderr.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [NGINX, "-p", str(root), "-c", str(config), "-e", str(root / "error.log")],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for_port(port, process, log_path)
        yield port, config.read_text()
    finally:
        stop(process)


def production_user(username: str, **fields):
    """A user whose password the production settings check (they hash with PBKDF2; the test
    settings' MD5 is unknown to them): ``PASSWORD``."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    from tests.factories import UserFactory

    user = UserFactory(username=username, **fields)
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt())
    user.save(update_fields=["password"])
    return user


@dataclass
class Browser:
    """Just enough of a browser, connecting from ``address``: cookies, the CSRF token, the
    Origin and Referer of the site, no redirects followed."""

    port: int
    address: str
    cookies: dict[str, str] = field(default_factory=dict)
    token: str = ""
    #: Every Set-Cookie header received, as sent (attributes included).
    set_cookies: list[str] = field(default_factory=list)

    def request(
        self, method: str, path: str, form: dict | None = None, headers: dict | None = None
    ) -> tuple[int, str, dict[str, str]]:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        connection = http.client.HTTPSConnection(
            "127.0.0.1", self.port, timeout=60, source_address=(self.address, 0), context=context
        )
        sent = {
            "Host": HOST,
            "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items()),
            **(headers or {}),
        }
        body = None
        if form is not None:
            body = urlencode({"csrfmiddlewaretoken": self.token, **form})
            sent.update(
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": ORIGIN,
                    "Referer": f"{ORIGIN}{path}",
                }
            )
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        content = response.read().decode(errors="replace")
        received = {}
        for header, value in response.getheaders():
            received[header.lower()] = value
            if header.lower() == "set-cookie":
                self.set_cookies.append(value)
                name, _sep, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        if token:
            self.token = token.group(1)
        connection.close()
        return response.status, content, received

    def log_in(self, username: str, password: str, headers: dict | None = None) -> int:
        """The status of the login form's answer (302 signed in, 200 refused, 429 locked)."""
        self.request("GET", "/accounts/login/")
        status, _content, _headers = self.request(
            "POST",
            "/accounts/login/",
            {"username": username, "password": password},
            headers=headers,
        )
        return status
