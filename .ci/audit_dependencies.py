"""Run pip-audit on the locked requirements with the best vulnerability data this network gives.

1. PyPI's per-release JSON API (pip-audit's default service), when it answers;
2. else OSV (api.osv.dev), when it answers;
3. else PyPI's per-project JSON API, which this CI network does let through: it lists the
   known vulnerabilities of a project's *latest* release. A local adapter serves that to
   pip-audit in OSV's format. A pin older than the latest release cannot be checked that way;
   such pins are listed, never passed over in silence.

pip-audit runs with ``--strict`` in every case and its exit status is this script's.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PYPI = "https://pypi.org/pypi"
OSV = "https://api.osv.dev/v1/query"
TIMEOUT = 15


def _get_json(url: str, data: bytes | None = None) -> dict | None:
    request = urllib.request.Request(url, data=data, headers={"Accept": "application/json"})  # noqa: S310
    try:
        # Only the https addresses above: no file: or other scheme can reach here.
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310  # nosec B310
            return json.load(response)
    except (urllib.error.URLError, TimeoutError, ValueError):
        return None


def _reachable_service() -> str | None:
    if _get_json(f"{PYPI}/pip/24.0/json") is not None:
        return "pypi"
    query = json.dumps({"package": {"name": "pip", "ecosystem": "PyPI"}, "version": "24.0"})
    if _get_json(OSV, query.encode()) is not None:
        return "osv"
    return None


class LatestReleaseAdapter(BaseHTTPRequestHandler):
    """Answers OSV queries from PyPI's per-project JSON (latest release only)."""

    unverifiable: list[str] = []

    def do_POST(self) -> None:
        query = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        name, version = query["package"]["name"], query["version"]
        project = _get_json(f"{PYPI}/{name}/json")
        if project is None:
            self.send_error(502, f"PyPI does not answer for {name}")
            return
        latest = project["info"]["version"]
        vulns = []
        if latest == version:
            for entry in project.get("vulnerabilities") or []:
                vulns.append(
                    {
                        "id": entry["id"],
                        "aliases": entry.get("aliases") or [],
                        "details": entry.get("details") or entry.get("summary") or "",
                        "withdrawn": entry.get("withdrawn"),
                        "affected": [
                            {
                                "package": {"name": name, "ecosystem": "PyPI"},
                                "ranges": [
                                    {
                                        "type": "ECOSYSTEM",
                                        "events": [{"introduced": "0"}]
                                        + [{"fixed": fix} for fix in entry.get("fixed_in") or []],
                                    }
                                ],
                            }
                        ],
                    }
                )
        else:
            self.unverifiable.append(f"{name} {version} (latest release: {latest})")
        body = json.dumps({"vulns": vulns}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def main(requirements: Path) -> int:
    command = [
        sys.executable,
        "-m",
        "pip_audit",
        "--requirement",
        str(requirements),
        "--no-deps",
        "--disable-pip",
        "--strict",
        "--progress-spinner",
        "off",
    ]
    service = _reachable_service()
    if service == "pypi":
        print("pip-audit: PyPI's vulnerability data")
        return subprocess.call([*command, "--vulnerability-service", "pypi"])  # noqa: S603
    if service == "osv":
        print("pip-audit: OSV's vulnerability data")
        return subprocess.call([*command, "--vulnerability-service", "osv"])  # noqa: S603
    print("pip-audit: neither PyPI's release API nor OSV answers here; using PyPI's project API")
    server = ThreadingHTTPServer(("127.0.0.1", 0), LatestReleaseAdapter)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    cache = tempfile.TemporaryDirectory()  # the answers change: never reuse a cache
    with cache:
        try:
            status = subprocess.call(  # noqa: S603
                [
                    *command,
                    "--vulnerability-service",
                    "osv",
                    "--osv-url",
                    f"http://127.0.0.1:{server.server_port}/v1/query",
                    "--cache-dir",
                    cache.name,
                ]
            )
        finally:
            server.shutdown()
    if LatestReleaseAdapter.unverifiable:
        print("Not checked here (older than their latest release; checked where OSV answers):")
        for pin in sorted(set(LatestReleaseAdapter.unverifiable)):
            print(f"  {pin}")
    return status


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
