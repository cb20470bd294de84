"""A fake Twilio (aiohttp, 127.0.0.1): the Messages REST API, media downloads, and a sender
of signed webhooks and status callbacks, so the real twilio client and our webhook meet it.

    fake = FakeTwilio()
    await fake.start()                       # settings: TWILIO_API_BASE_URL=fake.base_url
    fake.fail_next(429, retry_after=7)       # the next create answers 429 once
    fake.slow_next(5.0)                      # the next create is made, then answered 5 s late
    url = fake.add_media(b"OggS...", "audio/ogg")  # a MediaUrl0 that needs basic auth
    await fake.inbound(webhook_url, "+971501234567", "sold 2 rice")  # a signed webhook
    await fake.report_status(sid, "failed", error_code="63016")     # a signed callback
"""

from __future__ import annotations

import asyncio
import hmac
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

import aiohttp
from aiohttp import web

from bot.channels.whatsapp_api import basic_auth, signature_for

ACCOUNT_SID = "AC" + "0" * 32
AUTH_TOKEN = "fake-twilio-auth-token"
SANDBOX_FROM = "whatsapp:+14155238886"


@dataclass
class SentMessage:
    """One message the fake was asked to create, with its media as fetched (if asked to)."""

    sid: str
    form: dict[str, str]
    media_urls: list[str]
    media: list[tuple[int, str, bytes]] = field(default_factory=list)  # status, type, body
    created: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def to(self) -> str:
        """The recipient's phone, without the whatsapp: prefix."""
        return self.form.get("To", "").removeprefix("whatsapp:")


@dataclass
class FakeTwilio:
    """Serves /2010-04-01/Accounts/{sid}/Messages.json and registered media; records calls."""

    account_sid: str = ACCOUNT_SID
    auth_token: str = AUTH_TOKEN
    fetch_media_urls: bool = True  # download each MediaUrl as Twilio would, to prove it works
    sent: list[SentMessage] = field(default_factory=list)
    media_requests: list[str] = field(default_factory=list)
    file_authorizations: list[str] = field(default_factory=list)  # on the redirect's target
    unauthorized: int = 0
    port: int = 0
    lookups: int = 0  # list requests (GET Messages.json)
    _failures: list[tuple[int, int | None, float | None]] = field(default_factory=list)
    _pass_first: int = 0
    _delays: list[float] = field(default_factory=list)
    _media: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    _redirects: set[str] = field(default_factory=set)
    _runner: web.AppRunner | None = None
    _http: aiohttp.ClientSession | None = None

    @property
    def base_url(self) -> str:
        """What TWILIO_API_BASE_URL should be."""
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        """Listen on a free port of 127.0.0.1."""
        app = web.Application()
        app.router.add_post("/2010-04-01/Accounts/{sid}/Messages.json", self._create)
        app.router.add_get("/2010-04-01/Accounts/{sid}/Messages.json", self._list)
        app.router.add_get("/media/{name}", self._serve_media)
        app.router.add_get("/files/{name}", self._serve_file)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = int(self._runner.addresses[0][1])
        self._http = aiohttp.ClientSession()

    async def stop(self) -> None:
        """Stop listening."""
        if self._http is not None:
            await self._http.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # Scripting.

    def fail_next(
        self,
        status: int,
        *,
        code: int | None = None,
        retry_after: float | None = None,
        after: int = 0,
    ) -> None:
        """Answer the next create (or the one after `after` that succeed) with an error: 429,
        500, or a 400 with a Twilio code."""
        self._failures.append((status, code, retry_after))
        self._pass_first = after

    def slow_next(self, seconds: float) -> None:
        """Create the next message, then hold the answer back (a client that gives up first
        does not know the message exists)."""
        self._delays.append(seconds)

    def add_media(self, data: bytes, content_type: str, *, redirect: bool = False) -> str:
        """Serve bytes behind basic auth; the URL to put in MediaUrl0.

        With `redirect`, the URL answers 307 to a presigned-style file URL (as Twilio's media
        URLs redirect to storage) that needs no credentials.
        """
        name = f"ME{len(self._media) + 1:032d}"
        self._media[name] = (content_type, data)
        if redirect:
            self._redirects.add(name)
        return f"{self.base_url}/media/{name}"

    # Twilio's side of our webhooks.

    def sign(self, url: str, params: dict[str, str]) -> str:
        """The X-Twilio-Signature for a POST of `params` to `url`."""
        return signature_for(self.auth_token, url, params)

    async def post_signed(
        self, url: str, params: dict[str, str], *, signature: str | None = None
    ) -> tuple[int, str, str]:
        """POST a form as Twilio does; (status, content type, body)."""
        assert self._http is not None
        headers = {"X-Twilio-Signature": self.sign(url, params) if signature is None else signature}
        async with self._http.post(url, data=params, headers=headers) as response:
            return response.status, response.content_type, await response.text()

    async def inbound(
        self,
        url: str,
        sender: str,
        body: str = "",
        *,
        sid: str | None = None,
        media: tuple[str, str] | None = None,  # (MediaUrl, content type)
    ) -> tuple[int, str, str]:
        """A customer's WhatsApp message arriving at our webhook `url`."""
        params = {
            "MessageSid": sid or _sid(),
            "AccountSid": self.account_sid,
            "From": f"whatsapp:{sender}",
            "To": SANDBOX_FROM,
            "Body": body,
            "NumMedia": "1" if media else "0",
        }
        if media:
            params["MediaUrl0"], params["MediaContentType0"] = media
        return await self.post_signed(url, params)

    async def report_status(
        self, sid: str, status: str, *, error_code: str = "", url: str | None = None
    ) -> tuple[int, str, str]:
        """Send the status callback of a message we created to its StatusCallback URL."""
        message = next(m for m in self.sent if m.sid == sid)
        params = {"MessageSid": sid, "MessageStatus": status, "AccountSid": self.account_sid}
        if error_code:
            params["ErrorCode"] = error_code
        return await self.post_signed(url or message.form["StatusCallback"], params)

    # The REST API.

    def _authorized(self, request: web.Request) -> bool:
        expected = basic_auth(self.account_sid, self.auth_token)
        return hmac.compare_digest(request.headers.get("Authorization", ""), expected)

    async def _create(self, request: web.Request) -> web.Response:
        if not self._authorized(request) or request.match_info["sid"] != self.account_sid:
            self.unauthorized += 1
            return _error(401, 20003, "Authenticate")
        form = await request.post()
        if self._failures and self._pass_first:
            self._pass_first -= 1
        elif self._failures:
            status, code, retry_after = self._failures.pop(0)
            headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
            return _error(status, code or status, "scripted failure", headers)
        fields = {k: str(v) for k, v in form.items() if k != "MediaUrl"}
        media_urls = [str(v) for v in form.getall("MediaUrl", [])]
        sid = _sid()
        message = SentMessage(sid, fields, media_urls)
        if self.fetch_media_urls:
            message.media = [await self._download(u) for u in media_urls]
        self.sent.append(message)
        if self._delays:
            await asyncio.sleep(self._delays.pop(0))
        return web.json_response(
            _resource(sid, self.account_sid, fields, media_urls, message.created), status=201
        )

    async def _list(self, request: web.Request) -> web.Response:
        """Messages, newest first, filtered by To and From as Twilio's list does."""
        if not self._authorized(request) or request.match_info["sid"] != self.account_sid:
            self.unauthorized += 1
            return _error(401, 20003, "Authenticate")
        self.lookups += 1
        to, sender = request.query.get("To"), request.query.get("From")
        size = int(request.query.get("PageSize", "50"))
        found = [
            _resource(m.sid, self.account_sid, m.form, m.media_urls, m.created)
            for m in reversed(self.sent)
            if (to is None or m.form.get("To") == to)
            and (sender is None or m.form.get("From") == sender)
        ][:size]
        path = f"/2010-04-01/Accounts/{self.account_sid}/Messages.json"
        return web.json_response(
            {
                "messages": found,
                "page": 0,
                "page_size": size,
                "first_page_uri": path,
                "next_page_uri": None,
                "previous_page_uri": None,
                "uri": path,
                "end": max(0, len(found) - 1),
                "start": 0,
            }
        )

    async def _download(self, url: str) -> tuple[int, str, bytes]:
        assert self._http is not None
        async with self._http.get(url) as response:
            return response.status, response.content_type, await response.read()

    async def _serve_media(self, request: web.Request) -> web.StreamResponse:
        self.media_requests.append(request.match_info["name"])
        if not self._authorized(request):
            self.unauthorized += 1
            return _error(401, 20003, "Authenticate")
        name = request.match_info["name"]
        if name in self._redirects:
            raise web.HTTPTemporaryRedirect(f"/files/{name}?signature=presigned")
        return self._file(name)

    async def _serve_file(self, request: web.Request) -> web.StreamResponse:
        self.file_authorizations.append(request.headers.get("Authorization", ""))
        if request.query.get("signature") != "presigned":
            return _error(403, 20403, "Forbidden")
        return self._file(request.match_info["name"])

    def _file(self, name: str) -> web.StreamResponse:
        found = self._media.get(name)
        if found is None:
            return _error(404, 20404, "The requested resource was not found")
        return web.Response(body=found[1], content_type=found[0])


def _sid() -> str:
    """A MessageSid no other test (or earlier run on a shared database) has seen."""
    return f"SM{uuid.uuid4().hex}"


def _error(
    status: int, code: int, message: str, headers: dict[str, str] | None = None
) -> web.Response:
    body = {"code": code, "message": message, "more_info": "", "status": status}
    return web.json_response(body, status=status, headers=headers)


def _resource(
    sid: str, account: str, form: dict[str, str], media: list[str], created: datetime
) -> dict[str, Any]:
    stamp = format_datetime(created, usegmt=True)  # Twilio's RFC 2822 dates
    return {
        "sid": sid,
        "account_sid": account,
        "to": form.get("To"),
        "from": form.get("From"),
        "body": form.get("Body", ""),
        "status": "queued",
        "num_media": str(len(media)),
        "num_segments": "1",
        "direction": "outbound-api",
        "api_version": "2010-04-01",
        "date_created": stamp,
        "date_updated": stamp,
        "date_sent": None,
        "error_code": None,
        "error_message": None,
        "price": None,
        "price_unit": "USD",
        "messaging_service_sid": None,
        "uri": f"/2010-04-01/Accounts/{account}/Messages/{sid}.json",
        "subresource_uris": {},
    }
