"""Issue 15: what users feel. gunicorn with the production settings (3 workers, as the
deployment guide runs it) on a loopback port, driven by ``wrk`` (Debian package ``wrk``) for a
few seconds per page and number of concurrent clients, each client an ISU staff member signed
in with a verified second factor (the API with a token, as programs call it).

One line per page and concurrency: ``server dashboard CCC, c=4: 152.3 req/s, p50 24.1 ms, p95
41.0 ms, 0 errors`` (an error is a connection error, a timeout or any answer but 200), then the
dashboard's request / own SQL ratio: its median time under gunicorn at one client over the time
its own SQL takes (measured in-process on the same data), and the dashboard built afresh on
every request (in-process, without a cache), its median and 95th percentile and the same
ratio. Data: the ``reporting`` suite's builder, 2,000 States x 27 years of reports.
"""

from __future__ import annotations

import dataclasses
import http.client
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .harness import staff_client, time_page

SIZES = (2000,)
#: Concurrent clients (wrk connections) per page.
CONCURRENCY = (1, 4, 16)
#: Seconds of load per page and concurrency, after a warm-up per page that reaches every worker.
SECONDS = 3
WARMUP_SECONDS = 2
WORKERS = 3
HOST = "secretariat.example.org"
SESSION_COOKIE = "__Host-sessionid"
SECRET_KEY = "a-long-random-bench-secret-" + "q8Rw" * 12
#: wrk reports its latency histogram in microseconds; this prints what the line needs, with
#: every answer but 200 (a redirect to the login page would be fast, and wrong) as an error.
REPORT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) not_ok = 0 end
function response(status, headers, body) if status ~= 200 then not_ok = not_ok + 1 end end
done = function(summary, latency, requests)
  local errors = summary.errors
  local not_ok = 0
  for _, thread in ipairs(threads) do not_ok = not_ok + thread:get("not_ok") end
  io.write(string.format("RESULT %d %d %d %d %d %d %d %.3f %.3f\\n",
    summary.requests, summary.duration, errors.connect, errors.read, errors.write,
    not_ok, errors.timeout, latency:percentile(50) / 1000, latency:percentile(95) / 1000))
end
"""


@dataclass(frozen=True)
class Load:
    requests: int
    seconds: float
    errors: int
    p50_ms: float
    p95_ms: float
    #: CPU time wrk itself used (user and system): what the load generator took from the
    #: machine it measures.
    generator_cpu_seconds: float = 0.0

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def generator_share(self) -> float:
        """wrk's CPU time over the run's duration (1.0: one core busy all along)."""
        return self.generator_cpu_seconds / self.seconds if self.seconds else 0.0


def parse(output: str) -> Load:
    """The ``RESULT`` line the ``done`` hook of ``REPORT`` writes."""
    for line in output.splitlines():
        if line.startswith("RESULT "):
            fields = line.split()[1:]
            requests, duration, *errors = (int(value) for value in fields[:7])
            return Load(
                requests=requests,
                seconds=duration / 1_000_000,
                errors=sum(errors),
                p50_ms=float(fields[7]),
                p95_ms=float(fields[8]),
            )
    raise RuntimeError(f"wrk printed no result:\n{output}")


def wrk(
    port: int,
    path: str,
    headers: dict[str, str],
    clients: int,
    seconds: float,
    script: Path,
    *,
    warmup: bool = False,
    threads: int = 2,
) -> Load:
    command = [
        shutil.which("wrk") or "wrk",
        "--threads",
        str(min(clients, threads)),
        "--connections",
        str(clients),
        "--duration",
        f"{seconds}s",
        "--timeout",
        "10s",
        "--script",
        str(script),
    ]
    for name, value in headers.items():
        command += ["--header", f"{name}: {value}"]
    command.append(f"http://127.0.0.1:{port}{path}")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    # Our own command line: wrk, a loopback URL and the bench's headers.
    result = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, timeout=seconds + 60
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(f"wrk failed: {result.stderr}")
    load = dataclasses.replace(
        parse(result.stdout),
        generator_cpu_seconds=(after.ru_utime - before.ru_utime)
        + (after.ru_stime - before.ru_stime),
    )
    if load.requests == 0 and not warmup:
        raise RuntimeError(f"{path}: no request answered\n{result.stdout}\n{result.stderr}")
    return load


def process_tree_cpu_seconds(pid: int) -> float:
    """CPU time (user and system) of a process and its descendants still running, from /proc:
    gunicorn's master and workers."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            # The command name (field 2) may hold spaces; the fields after it are fixed.
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue  # ended meanwhile
    return total


def check(port: int, path: str, headers: dict[str, str], log: Path) -> None:
    """One request first: a page that does not answer 200 is not benchmarked."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    if response.status != 200:
        raise RuntimeError(
            f"{path} answered {response.status} {response.getheader('Location') or ''}\n"
            f"{log.read_text()[-3000:]}"
        )


@dataclass(frozen=True)
class Server:
    port: int
    pid: int

    def cpu_seconds(self) -> float:
        """What gunicorn (master and workers) used of the CPU so far."""
        return process_tree_cpu_seconds(self.pid)


@contextmanager
def production_server(
    log_dir: Path, *, gunicorn_options: tuple[str, ...] = (), **overrides: str
) -> Iterator[Server]:
    """gunicorn with the production settings on the bench's database and Redis (and
    ``overrides`` of its environment; ``gunicorn_options`` after the bench's own, which they
    override)."""
    from django.conf import settings

    from tests.proxy_servers import production_env, stop, wait_for_port
    from tests.smtp_server import free_port

    port = free_port()
    log_path = log_dir / "gunicorn.log"
    env = production_env(
        DJANGO_SECRET_KEY=SECRET_KEY,
        REDIS_URL=settings.CELERY_BROKER_URL,
        # The figures are the output: one JSON line per request at INFO would cost more than
        # some pages.
        DJANGO_LOG_LEVEL="WARNING",
        **overrides,
    )
    with log_path.open("wb") as log:
        process = subprocess.Popen(  # noqa: S603 (this interpreter, fixed arguments)
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(WORKERS),
                "--timeout",
                "60",
                "--forwarded-allow-ips",
                "127.0.0.1",
                *gunicorn_options,
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for_port(port, process, log_path)
        yield Server(port, process.pid)
    finally:
        stop(process)


def signed_in_headers() -> tuple[dict[str, str], dict[str, str]]:
    """Headers of a staff member's browser (session with a verified second factor) and of a
    program with a staff API token, as gunicorn sees them behind the proxy. The session is
    written here, signed with the server's secret key."""
    from django.test import Client, override_settings

    from api import services
    from tests.factories import UserFactory
    from tests.utils import log_in_client

    proxy = {"Host": HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"}
    with override_settings(SECRET_KEY=SECRET_KEY):
        user = UserFactory(username="bench-server", role="isu_staff")
        client = log_in_client(Client(), user)
        session_key = client.session.session_key
        _token, secret = services.create_token(user, name="bench", expiry=None, created_by=None)
    browser = {**proxy, "Cookie": f"{SESSION_COOKIE}={session_key}"}
    program = {**proxy, "Authorization": f"Token {secret}"}
    return browser, program


def run(size: int) -> Iterator[str]:
    from . import reporting

    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is missing: apt-get install -y wrk")
    started = time.perf_counter()
    reporting.populate(size)
    from states_parties.models import StateParty

    sample = StateParty.objects.order_by("name").first()
    built = time.perf_counter() - started
    yield f"(data: {size:,} States x {reporting.YEARS} years, built in {built:.0f} s)"
    browser, program = signed_in_headers()
    pages = [
        ("dashboard CCC", "/committees/CCC/dashboard/", browser),
        ("States list", "/states/", browser),
        ("State page", sample.get_absolute_url(), browser),
        ("overdue list", "/reporting/overdue/", browser),
        ("API States", "/api/states/", program),
        ("search", "/search/?q=State", browser),
        ("health live", "/health/live/", {"Host": HOST, "X-Forwarded-For": "127.0.0.1"}),
    ]
    with tempfile.TemporaryDirectory(prefix="bench-server-") as folder:
        directory = Path(folder)
        script = directory / "report.lua"
        script.write_text(REPORT)
        with production_server(directory) as server:
            port = server.port
            dashboard_p50 = None
            for label, path, headers in pages:
                check(port, path, headers, directory / "gunicorn.log")
                # Warm-up: imports, templates and caches of every gunicorn worker.
                wrk(port, path, headers, 2 * WORKERS, WARMUP_SECONDS, script, warmup=True)
                for clients in CONCURRENCY:
                    load = wrk(port, path, headers, clients, SECONDS, script)
                    if label.startswith("dashboard") and clients == 1:
                        dashboard_p50 = load.p50_ms
                    yield (
                        f"server {label}, c={clients}: {load.per_second:.1f} req/s, "
                        f"p50 {load.p50_ms:.1f} ms, p95 {load.p95_ms:.1f} ms, "
                        f"{load.errors} errors"
                    )
    # The dashboard's own SQL, timed in-process on the same data.
    timing = time_page(staff_client(), "/committees/CCC/dashboard/", "dashboard CCC")
    if dashboard_p50 is not None and timing.sql_ms:
        yield (
            f"server dashboard CCC, request / own SQL: {dashboard_p50:.1f} ms / "
            f"{timing.sql_ms:.1f} ms = {dashboard_p50 / timing.sql_ms:.1f} "
            f"({timing.queries} queries)"
        )
    # The test settings have no cache: every request builds the dashboard, as the first one
    # of the day (or after a write) does under gunicorn.
    yield (
        f"dashboard CCC uncached (in-process, built every time): median "
        f"{timing.median_ms:.1f} ms, p95 {timing.p95_ms:.1f} ms; request / own SQL "
        f"{timing.median_ms / timing.sql_ms:.1f}"
    )
