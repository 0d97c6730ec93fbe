import math
import os
import time
from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext

#: Whether property tests run in full (``HYPOTHESIS_PROFILE=ci``, set by .ci/run) rather than
#: with the developer's profile (the profiles: tests/conftest.py).
FULL_PROPERTIES = os.environ.get("HYPOTHESIS_PROFILE") == "ci"


def examples(count: int) -> int:
    """How many examples a Hypothesis property tries: ``count`` in CI, a quarter of it on a
    developer's machine."""
    return count if FULL_PROPERTIES else math.ceil(count / 4)


def queries_for(client, url: str) -> list[str]:
    """The SQL a page runs, without the savepoints of the test's own transaction and without
    the session's refresh (written at most once a minute: it depends on the clock, not on the
    page; ``accounts.middleware.SessionRefreshMiddleware``)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, (url, response.status_code)
    return [
        query["sql"]
        for query in captured.captured_queries
        if not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
        and not query["sql"].startswith('UPDATE "django_session"')
    ]


def truncate(*models) -> None:
    """Empty tables and what refers to them, without a signal (or history row) per row."""
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)
    with connection.cursor() as cursor:
        # Inside the test's transaction, deferred foreign-key checks must run first.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"TRUNCATE {tables} CASCADE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def totp_device(user, *, name: str = "test"):
    """A confirmed TOTP device for ``user`` (created once)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name=name, confirmed=True)


def totp_token(device) -> str:
    """A code the device accepts now: the current one, or the next unused one, since a device
    refuses a code it has already accepted."""
    import time

    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        totp.time += device.step * (device.last_t + 1 - totp.t())
    return f"{totp.token():0{device.digits}d}"


def log_in_client(client, user):
    """Sign ``client`` in as ``user``, second factor included when the user needs one (as the
    login page and the code page would)."""
    from django_otp import DEVICE_ID_SESSION_KEY

    from accounts.permissions import requires_second_factor

    client.force_login(user)
    if requires_second_factor(user):
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = totp_device(user).persistent_id
        session.save()
    return client


def history_row_count() -> int:
    """Rows in every table of the audit trail, in one statement: a write leaves a trace here."""
    from common.audit import history_tables

    total = " + ".join(
        f"(SELECT COUNT(*) FROM {connection.ops.quote_name(table)})"  # noqa: S608
        for table in history_tables()
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {total}")  # table names from the models
        return cursor.fetchone()[0]


class RenderingQueries:
    """The SQL that runs while a template renders (``Template._render`` of Django's engine, for
    the page and every template it includes; context processors run before it), as
    ``(template name, sql)``. A view resolves everything a page shows before rendering it, so
    that nothing lazy (a queryset, a related manager, a count) reaches the database from the
    template."""

    def __init__(self) -> None:
        self.queries: list[tuple[str, str]] = []
        self._templates: list[str] = []

    def __enter__(self) -> "RenderingQueries":
        from django.template import base

        self._original = original = base.Template._render
        watcher = self

        def _render(template, context):
            watcher._templates.append(template.name or "<string>")
            try:
                return original(template, context)
            finally:
                watcher._templates.pop()

        base.Template._render = _render
        self._wrapper = connection.execute_wrapper(self._execute)
        self._wrapper.__enter__()
        return self

    def _execute(self, execute, sql, params, many, context):
        if self._templates:
            self.queries.append((" > ".join(self._templates), sql))
        return execute(sql, params, many, context)

    def __exit__(self, *exc_info) -> None:
        from django.template import base

        self._wrapper.__exit__(*exc_info)
        base.Template._render = self._original


def wait_until(condition: Callable[[], object], timeout: float, interval: float = 0.05) -> bool:
    """Poll ``condition`` until it holds or ``timeout`` seconds pass (instead of a fixed sleep);
    whether it held."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return bool(condition())
