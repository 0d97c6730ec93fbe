"""SMTP with a checkpoint before the end of DATA, and one reused connection per process.

An SMTP server takes responsibility for a message when it reads the line holding a single
"." that ends DATA; a transaction cut before that line is discarded. ``CheckpointSMTP`` sends
the message text, then calls ``checkpoint`` (``delivery`` records in the database that the
message is being handed over), and only then writes the final "."; if the checkpoint raises,
the connection is dropped mid-DATA so that the server discards the message.
"""

from __future__ import annotations

import smtplib
import socket
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.core.mail.backends.smtp import EmailBackend

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


class _CheckpointMixin:
    checkpoint: Callable[[], None] | None = None

    def _get_socket(self, host, port, timeout):
        sock = super()._get_socket(host, port, timeout)
        # The text and the final "." are two writes before a read: without this, Nagle's
        # algorithm holds the "." until the server's delayed ACK (tens of milliseconds).
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    def data(self, msg):  # smtplib.SMTP.data, with the checkpoint before the final "."
        self.putcmd("data")
        code, reply = self.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        if isinstance(msg, str):
            msg = smtplib._fix_eols(msg).encode("ascii")
        text = smtplib._quote_periods(msg)
        if text[-2:] != smtplib.bCRLF:
            text += smtplib.bCRLF
        self.send(text)
        if self.checkpoint is not None:
            try:
                self.checkpoint()
            except BaseException:
                # No QUIT: in DATA it would be read as text. The server discards the message.
                self.close()
                raise
        self.send(b"." + smtplib.bCRLF)
        return self.getreply()


class CheckpointSMTP(_CheckpointMixin, smtplib.SMTP):
    pass


class CheckpointSMTP_SSL(_CheckpointMixin, smtplib.SMTP_SSL):
    pass


class CheckpointBackend(EmailBackend):
    """Django's SMTP backend on ``CheckpointSMTP``."""

    @property
    def connection_class(self):
        return CheckpointSMTP_SSL if self.use_ssl else CheckpointSMTP

    def drop(self) -> None:
        """Forget a connection that failed, without a QUIT that could be read as text."""
        if self.connection is not None:
            try:
                self.connection.close()
            finally:
                self.connection = None


_cached: tuple[str, object] | None = None


def _backend():
    """The default mailer: a reused ``CheckpointBackend`` when it is SMTP (one per process;
    a Celery pool process keeps its connection open between messages)."""
    global _cached
    config = settings.MAILERS["default"]
    key = repr(sorted(config.items(), key=str))
    if _cached is not None and _cached[0] == key:
        return _cached[1]
    if _cached is not None and isinstance(_cached[1], CheckpointBackend):
        _cached[1].drop()
    if config.get("BACKEND", SMTP_BACKEND) == SMTP_BACKEND:
        backend = CheckpointBackend(alias="default", **config.get("OPTIONS", {}))
    else:
        backend = mailers.default
    _cached = (key, backend)
    return backend


def transmit(email: EmailMessage, checkpoint: Callable[[], None]) -> None:
    """Send one message, calling ``checkpoint`` right before it is handed over for good.

    A reused connection the server has meanwhile closed fails before anything is handed
    over; the message then goes once more on a new connection."""
    backend = _backend()
    if not isinstance(backend, CheckpointBackend):
        # In-memory or console mailers (tests, development): nothing is in flight.
        checkpoint()
        backend.send_messages([email])
        return
    passed = False

    def guarded() -> None:
        nonlocal passed
        checkpoint()
        passed = True

    for attempt in (1, 2):
        fresh = backend.open()
        backend.connection.checkpoint = guarded
        try:
            backend.send_messages([email])
            return
        except (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused):
            # The server answered (and smtplib reset the transaction): the connection is fine.
            raise
        except (smtplib.SMTPServerDisconnected, OSError):
            backend.drop()
            if fresh or passed or attempt == 2:
                raise
        except BaseException:
            backend.drop()
            raise
