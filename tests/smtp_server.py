"""A real SMTP server on loopback (aiosmtpd), recording what it accepts.

Replies can be scripted per recipient: ``server.script("a@x.example", [451, 250])`` answers
the end of DATA for that address with 451 the first time and accepts the second.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
from dataclasses import dataclass
from email import message_from_bytes
from email.message import Message

from aiosmtpd.controller import Controller

# aiosmtpd logs every command at INFO.
logging.getLogger("mail.log").setLevel(logging.WARNING)

REPLIES = {
    250: "250 OK",
    451: "451 4.3.0 Temporary failure, try again later",
    550: "550 5.1.1 Mailbox unavailable",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class Received:
    recipients: tuple[str, ...]
    message: Message

    @property
    def message_id(self) -> str:
        return self.message["Message-ID"]

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def body(self) -> str:
        """The text part (the whole message when it has no attachment)."""
        part = next(
            (p for p in self.message.walk() if p.get_content_type() == "text/plain"), self.message
        )
        payload = part.get_payload(decode=True)
        text = payload.decode(part.get_content_charset() or "utf-8")
        return text.replace("\r\n", "\n")

    @property
    def attachments(self) -> list[tuple[str, str, bytes]]:
        """``(file name, content type, content)`` of each attached file."""
        return [
            (part.get_filename(), part.get_content_type(), part.get_payload(decode=True))
            for part in self.message.walk()
            if part.get_filename()
        ]


class RecordingHandler:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.received: list[Received] = []
        self.scripts: dict[str, list[int]] = {}
        self.replies: list[tuple[str, int]] = []
        #: Called with the recipient while the SMTP transaction is under way (before DATA).
        self.on_rcpt = None
        #: Accept the message, then drop the connection without replying.
        self.hang_up_after_data = False
        #: When this many messages were accepted, hold the reply to the last one, and every
        #: later RCPT, for ``stall_seconds`` (a slow server: clients wait mid-transaction).
        self.stall_after: int | None = None
        self.stall_seconds = 0.0

    def _stalled(self) -> bool:
        with self.lock:
            return self.stall_after is not None and len(self.received) >= self.stall_after

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.on_rcpt is not None:
            self.on_rcpt(address)
        if self._stalled():
            await asyncio.sleep(self.stall_seconds)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        address = envelope.rcpt_tos[0]
        with self.lock:
            script = self.scripts.get(address)
            code = script.pop(0) if script else 250
            self.replies.append((address, code))
            if code == 250:
                self.received.append(
                    Received(tuple(envelope.rcpt_tos), message_from_bytes(envelope.content))
                )
            stall = code == 250 and len(self.received) == self.stall_after
        if self.hang_up_after_data:
            server.transport.close()
        if stall:
            await asyncio.sleep(self.stall_seconds)
        return REPLIES[code]


class SmtpServer:
    def __init__(self) -> None:
        self.handler = RecordingHandler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    @property
    def received(self) -> list[Received]:
        with self.handler.lock:
            return list(self.handler.received)

    def count(self) -> int:
        with self.handler.lock:
            return len(self.handler.received)

    def script(self, address: str, codes: list[int]) -> None:
        with self.handler.lock:
            self.handler.scripts[address] = list(codes)

    def replies_to(self, address: str) -> list[int]:
        with self.handler.lock:
            return [code for to, code in self.handler.replies if to == address]

    def wait_for(self, count: int, timeout: float = 60.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.count() >= count:
                return True
            time.sleep(0.02)
        return self.count() >= count

    def start(self) -> SmtpServer:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    def restart(self) -> None:
        """Stop and listen again on the same port: open connections are gone."""
        self.stop()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.start()
