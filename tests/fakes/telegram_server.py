"""A fake Telegram Bot API server (aiohttp, 127.0.0.1) that the real aiogram Bot talks to.

It serves getMe, getUpdates (long polling over a queue the test pushes updates into, with
offsets confirmed as Telegram does), setWebhook, deleteWebhook, sendMessage, sendDocument, sendPhoto
(multipart; the file bytes are kept), getFile and the file download URL. It records every
call, and can be told to fail the next call of a method (429 with retry_after, 500, 403, 400).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

TOKEN = "123456:TEST-token_for_the_fake"
BOT_ID = 123456
USERNAME = "hisaab_test_bot"


@dataclass
class Call:
    """One request to the fake: the method and its fields (files as bytes)."""

    method: str
    fields: dict[str, Any]


@dataclass
class Sent:
    """A message the bot sent: text, or a document with its bytes."""

    chat_id: int
    text: str = ""
    document: bytes | None = None
    filename: str = ""
    reply_markup: dict[str, Any] | None = None
    photo: bool = False  # sent with sendPhoto (shown as a picture), not sendDocument


@dataclass
class Failure:
    """A scripted error answer."""

    status: int
    description: str
    retry_after: int | None = None


@dataclass
class FakeTelegram:
    """The fake Bot API; `base_url` goes into TELEGRAM_API_BASE_URL."""

    token: str = TOKEN
    calls: list[Call] = field(default_factory=list)
    sent: list[Sent] = field(default_factory=list)
    webhook: dict[str, Any] = field(default_factory=dict)
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # file_id -> (path, bytes)
    failures: dict[str, list[Failure]] = field(default_factory=dict)
    delivered: list[int] = field(default_factory=list)  # update ids, each time returned
    expired: set[str] = field(default_factory=set)  # file paths whose download answers 404
    port: int = 0
    _queue: list[dict[str, Any]] = field(default_factory=list)
    _replay: list[dict[str, Any]] = field(default_factory=list)
    _redeliver: list[dict[str, Any]] = field(default_factory=list)
    _arrived: asyncio.Event = field(default_factory=asyncio.Event)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _runner: web.AppRunner | None = None

    @property
    def base_url(self) -> str:
        """The Bot API server's base URL (aiogram adds /bot<token>/<method>)."""
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        """Listen on a free port of 127.0.0.1."""
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_post("/bot{token}/{method}", self._api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._file)
        self._runner = web.AppRunner(app, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]

    async def stop(self) -> None:
        """Stop listening."""
        self._arrived.set()  # end a long poll in progress
        if self._runner is not None:
            await self._runner.cleanup()

    # What a test does.

    def push(self, update: dict[str, Any]) -> None:
        """Queue an update for getUpdates."""
        self._queue.append(update)
        self._arrived.set()

    def replay_next(self) -> None:
        """Answer the next getUpdates with the last batch again, whatever its offset says
        (Telegram sends an update again when its offset was never confirmed)."""
        self._redeliver = list(self._replay)
        self._arrived.set()

    def fail_next(
        self, method: str, status: int = 429, description: str = "", retry_after: int | None = None
    ) -> None:
        """Make the next call of `method` fail with this status."""
        if status == 429 and retry_after is None:
            retry_after = 5
        text = description or (
            f"Too Many Requests: retry after {retry_after}" if status == 429 else "Internal Error"
        )
        self.failures.setdefault(method, []).append(Failure(status, text, retry_after))

    def add_file(self, data: bytes, path: str = "") -> str:
        """Make a file downloadable; its file_id."""
        file_id = f"FILE{next(self._ids)}"
        self.files[file_id] = (path or f"voice/file_{len(self.files)}.oga", data)
        return file_id

    def expire(self, file_id: str) -> None:
        """getFile still finds the file, but its download link no longer works."""
        self.expired.add(self.files[file_id][0])

    def texts_to(self, chat_id: int) -> list[str]:
        """The texts (and document captions) the bot sent to a chat, in order."""
        return [s.text for s in self.sent if s.chat_id == chat_id]

    def documents_to(self, chat_id: int) -> list[bytes]:
        """The documents the bot sent to a chat, in order."""
        return [s.document for s in self.sent if s.chat_id == chat_id and s.document]

    def called(self, method: str) -> list[Call]:
        """The calls of one method, in order."""
        return [c for c in self.calls if c.method == method]

    async def wait_for(self, method: str, count: int = 1, seconds: float = 5.0) -> list[Call]:
        """Wait until `method` has been called `count` times."""
        deadline = time.monotonic() + seconds
        while len(self.called(method)) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{method} called {len(self.called(method))} times")
            await asyncio.sleep(0.02)
        return self.called(method)

    # The Bot API.

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        form = await request.post()
        fields: dict[str, Any] = {}
        for key, value in form.items():
            fields[key] = value.file.read() if isinstance(value, web.FileField) else value
            if isinstance(value, web.FileField):
                fields[f"{key}.filename"] = value.filename
        self.calls.append(Call(method, fields))
        scripted = self.failures.get(method)
        if scripted:
            failure = scripted.pop(0)
            return _error(failure.status, failure.description, failure.retry_after)
        handler = getattr(self, f"_{method.lower()}", None)
        if handler is None:
            return _error(404, f"Not Found: method {method} is not faked")
        result: web.Response = await handler(fields)
        return result

    async def _getme(self, fields: dict[str, Any]) -> web.Response:
        me = {"id": BOT_ID, "is_bot": True, "first_name": "Hisaab", "username": USERNAME}
        return _ok(me)

    async def _getupdates(self, fields: dict[str, Any]) -> web.Response:
        offset = int(fields.get("offset", 0) or 0)
        timeout = float(fields.get("timeout", 0) or 0)
        limit = int(fields.get("limit", 100) or 100)
        self._confirm(offset)
        if not self._queue and not self._redeliver and timeout > 0:
            self._arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._arrived.wait(), timeout)
            self._confirm(offset)
        if self._redeliver:
            batch, self._redeliver = self._redeliver, []
        else:
            batch = self._queue[:limit]
            self._replay = list(batch) or self._replay
        self.delivered.extend(u["update_id"] for u in batch)
        return _ok(batch)

    def _confirm(self, offset: int) -> None:
        if offset:
            self._queue = [u for u in self._queue if u["update_id"] >= offset]

    async def _setwebhook(self, fields: dict[str, Any]) -> web.Response:
        self.webhook = dict(fields)
        return _ok(True)

    async def _deletewebhook(self, fields: dict[str, Any]) -> web.Response:
        self.webhook = {}
        return _ok(True)

    async def _sendmessage(self, fields: dict[str, Any]) -> web.Response:
        chat_id = int(fields["chat_id"])
        markup = json.loads(fields["reply_markup"]) if "reply_markup" in fields else None
        self.sent.append(Sent(chat_id, text=str(fields["text"]), reply_markup=markup))
        return _ok(self._message(chat_id, text=str(fields["text"])))

    async def _senddocument(self, fields: dict[str, Any]) -> web.Response:
        chat_id = int(fields["chat_id"])
        ref = str(fields["document"])
        if not ref.startswith("attach://"):
            return _error(400, "Bad Request: only uploads are faked")
        key = ref.removeprefix("attach://")
        data: bytes = fields[key]
        name = str(fields.get(f"{key}.filename", ""))
        caption = str(fields.get("caption", ""))
        self.sent.append(Sent(chat_id, text=caption, document=data, filename=name))
        document = {
            "file_id": f"DOC{next(self._ids)}",
            "file_unique_id": f"U{len(self.sent)}",
            "file_name": name,
            "file_size": len(data),
        }
        return _ok(self._message(chat_id, document=document, caption=caption or None))

    async def _sendphoto(self, fields: dict[str, Any]) -> web.Response:
        chat_id = int(fields["chat_id"])
        ref = str(fields["photo"])
        if not ref.startswith("attach://"):
            return _error(400, "Bad Request: only uploads are faked")
        key = ref.removeprefix("attach://")
        data: bytes = fields[key]
        if not data.startswith(b"\x89PNG") and not data.startswith(b"\xff\xd8"):
            return _error(400, "Bad Request: IMAGE_PROCESS_FAILED")
        caption = str(fields.get("caption", ""))
        name = str(fields.get(f"{key}.filename", ""))
        self.sent.append(Sent(chat_id, text=caption, document=data, filename=name, photo=True))
        photo = [{"file_id": f"PH{next(self._ids)}", "file_unique_id": f"U{len(self.sent)}",
                  "width": 1000, "height": 700, "file_size": len(data)}]  # fmt: skip
        return _ok(self._message(chat_id, photo=photo, caption=caption or None))

    async def _getfile(self, fields: dict[str, Any]) -> web.Response:
        file_id = str(fields["file_id"])
        if file_id not in self.files:
            return _error(400, "Bad Request: invalid file_id")
        path, data = self.files[file_id]
        found = {
            "file_id": file_id,
            "file_unique_id": f"U{file_id}",
            "file_size": len(data),
            "file_path": path,
        }
        return _ok(found)

    async def _file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        self.calls.append(Call("download", {"path": request.match_info["path"]}))
        for path, data in self.files.values():
            if path == request.match_info["path"] and path not in self.expired:
                return web.Response(body=data, content_type="application/octet-stream")
        return web.Response(status=404, text="not found")

    def _message(self, chat_id: int, **content: Any) -> dict[str, Any]:
        return {
            "message_id": next(self._ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Hisaab"},
            **{k: v for k, v in content.items() if v is not None},
        }


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _error(status: int, description: str, retry_after: int | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return web.json_response(body, status=status)


# Updates as Telegram sends them.

_update_ids = itertools.count(1000)
_message_ids = itertools.count(1)


def user(chat_id: int, first_name: str = "Ahmed") -> dict[str, Any]:
    """The `from` of a private chat's message (in a private chat, user id = chat id)."""
    return {"id": chat_id, "is_bot": False, "first_name": first_name}


def message_update(chat_id: int, *, date: int | None = None, **content: Any) -> dict[str, Any]:
    """An update with one private message: pass text=..., voice=..., contact=... and so on."""
    return {
        "update_id": next(_update_ids),
        "message": {
            "message_id": next(_message_ids),
            "date": date if date is not None else int(time.time()),
            "chat": {"id": chat_id, "type": "private", "first_name": "Ahmed"},
            "from": user(chat_id),
            **content,
        },
    }


def text_update(chat_id: int, text: str, **extra: Any) -> dict[str, Any]:
    """A text message; `/start` commands get their bot_command entity as Telegram sends it."""
    if text.startswith("/"):
        command = text.split()[0]
        extra.setdefault("entities", [{"type": "bot_command", "offset": 0, "length": len(command)}])
    return message_update(chat_id, text=text, **extra)


def voice_update(chat_id: int, file_id: str, size: int = 1000) -> dict[str, Any]:
    """A voice note (OGG/Opus) by file_id."""
    voice = {
        "file_id": file_id,
        "file_unique_id": f"U{file_id}",
        "duration": 3,
        "mime_type": "audio/ogg",
        "file_size": size,
    }
    return message_update(chat_id, voice=voice)


def contact_update(chat_id: int, phone: str, user_id: int | None = None) -> dict[str, Any]:
    """A shared contact; by default the writer's own (user_id = the chat's user)."""
    contact = {
        "phone_number": phone,
        "first_name": "Ahmed",
        "user_id": chat_id if user_id is None else user_id,
    }
    return message_update(chat_id, contact=contact)
