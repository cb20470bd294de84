"""The console channel: a chat with the bot in the terminal, or scripted through stdin."""

from __future__ import annotations

import asyncio
import sys
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol, TextIO

from ledger import InvalidInput, normalize_phone
from voice import mime_type_for

from ..messages import InboundMessage, OutboundReply

PROMPT = "you> "


class Answers(Protocol):
    """What the console talks to: the conversation, answering one message at a time."""

    async def handle(self, msg: InboundMessage) -> list[OutboundReply]: ...


class Console:
    """Turns typed lines into InboundMessages and prints the replies."""

    def __init__(
        self, conversation: Answers, sender: str, outbox: Path, out: TextIO | None = None
    ) -> None:
        self.conversation = conversation
        self.sender = sender
        self.outbox = outbox
        self.out = out or sys.stdout  # looked up now, not at import, so redirection works

    def _print(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    async def send_line(self, line: str) -> None:
        """Handle one typed line: a message, or a /command of the console."""
        line = line.strip()
        if not line:
            return
        if line.startswith("/as "):
            try:
                self.sender = normalize_phone(line[4:])
            except InvalidInput as exc:
                self._print(f"[console] {exc}")
                return
            self._print(f"[console] now writing as {self.sender}")
            return
        if line.startswith("/voice "):
            path = line[7:].strip()
            try:
                audio = await asyncio.to_thread(_read, path)
            except OSError as exc:
                self._print(f"[console] cannot read {path}: {exc.strerror}")
                return
            await self._send(
                InboundMessage(
                    "console",
                    self.sender,
                    uuid.uuid4().hex,
                    datetime.now(UTC),
                    audio=audio,
                    audio_mime=mime_type_for(path),
                )
            )
            return
        if line in ("/quit", "/exit"):
            raise EOFError
        await self._send(
            InboundMessage("console", self.sender, uuid.uuid4().hex, datetime.now(UTC), text=line)
        )

    async def _send(self, msg: InboundMessage) -> None:
        for reply in await self.conversation.handle(msg):
            self._show(reply)

    def _show(self, reply: OutboundReply) -> None:
        prefix = f"bot → {reply.to}> " if reply.to and reply.to != self.sender else "bot> "
        if reply.text:
            self._print(prefix + reply.text.replace("\n", "\n" + " " * len(prefix)))
        if reply.document is not None:
            # A few KB written once per document: not worth a thread hop.
            self.outbox.mkdir(parents=True, exist_ok=True)
            path = self.outbox / reply.document.filename
            path.write_bytes(reply.document.data)
            self._print(f"{prefix}[document saved: {path}]")

    async def run(self, stdin: TextIO, interactive: bool) -> None:
        """Read lines until end of input; a prompt only when a person is typing."""
        read: Callable[[], str] = stdin.readline
        while True:
            if interactive:
                self.out.write(PROMPT)
                self.out.flush()
            line = await asyncio.to_thread(read)
            if not line:
                break
            try:
                await self.send_line(line)
            except EOFError:
                break


def _read(path: str) -> bytes:
    """The bytes of a file named on the console, with ~ expanded."""
    return Path(path).expanduser().read_bytes()
