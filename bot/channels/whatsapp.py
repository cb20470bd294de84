"""WhatsApp through Twilio: the webhook, status callbacks, sending and voice-note download.

Inbound, `POST /twilio/whatsapp` checks Twilio's signature against the public URL, stores the
message in the inbox and answers empty TwiML at once; the workers reply later through the REST
API, so a slow transcription never meets Twilio's timeout and a retried webhook is stored once
(by MessageSid). Outbound, `send` is the courier's driver: text as a body, documents as a
signed link to our own server, and business-initiated messages outside WhatsApp's 24-hour
window through an approved template, or not at all.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import aiohttp
from aiohttp import web
from yarl import URL

from consent.crypto import Cipher
from ledger import Database
from ledger.types import utcnow

from ..settings import Settings
from ..transport.courier import known_provider_ids
from ..transport.intake import Intake, Update
from ..transport.outbox import BUSINESS_INITIATED, OutgoingMessage, RetryLater, Undeliverable
from ..transport.routing import within_service_window
from .base import MediaTooLarge, MediaUnavailable
from .links import DocumentLinks, secret_from_settings
from .whatsapp_api import (
    TWILIO_API,
    SentRecord,
    basic_auth,
    close_client,
    create_message,
    make_client,
    recent_messages,
    valid_signature,
)
from .whatsapp_status import record_status

log = logging.getLogger(__name__)

BODY_LIMIT = 1600  # Twilio's limit for one WhatsApp body
MEDIA_LIMIT = 16 * 1024 * 1024  # WhatsApp's limit for audio
MAX_REDIRECTS = 3
CLOCK_SLACK = timedelta(seconds=2)


async def read_capped(response: aiohttp.ClientResponse, limit: int) -> bytes:
    """The whole body of a response, or MediaTooLarge as soon as it passes `limit` bytes."""
    if (response.content_length or 0) > limit:
        raise MediaTooLarge(f"the voice note is {response.content_length} bytes, over {limit}")
    body = bytearray()
    async for chunk in response.content.iter_chunked(64 * 1024):
        body += chunk
        if len(body) > limit:
            raise MediaTooLarge(f"the voice note is over {limit} bytes")
    return bytes(body)


EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'
# What Twilio sends: `whatsapp:` and an E.164 number; a MessageSid of letters and digits.
_FROM = re.compile(r"whatsapp:(\+[1-9][0-9]{7,14})")
_SID = re.compile(r"[A-Za-z0-9]{2,64}")
_COUNT = re.compile(r"[0-9]{1,3}")


@dataclass(frozen=True, slots=True)
class TwilioConfig:
    """What the WhatsApp channel needs from the settings."""

    account_sid: str
    auth_token: str
    whatsapp_from: str  # whatsapp:+14155238886
    public_base_url: str  # https://shop.example.com, as Twilio reaches us
    api_base_url: str = ""  # another host for api.twilio.com (the tests' fake)
    timeout_seconds: float = 20.0  # for one REST call; a later answer is looked up, not resent
    content_sids: dict[str, str] = field(default_factory=dict)  # purpose -> approved template

    @classmethod
    def from_settings(cls, settings: Settings) -> TwilioConfig:
        """The channel's settings; raises ValueError when WhatsApp is not configured."""
        token = settings.twilio_auth_token.get_secret_value() if settings.twilio_auth_token else ""
        missing = [
            name
            for name, value in (
                ("TWILIO_ACCOUNT_SID", settings.twilio_account_sid),
                ("TWILIO_AUTH_TOKEN", token),
                ("TWILIO_WHATSAPP_FROM", settings.twilio_whatsapp_from),
                ("PUBLIC_BASE_URL", settings.public_base_url),
            )
            if not value
        ]
        if missing:
            raise ValueError(f"WhatsApp needs {', '.join(missing)}")
        sids = {
            "invoice": settings.twilio_content_sid_invoice,
            "reminder": settings.twilio_content_sid_reminder,
            "summary": settings.twilio_content_sid_summary,
            "alert": settings.twilio_content_sid_alert,
        }
        return cls(
            account_sid=settings.twilio_account_sid,
            auth_token=token,
            whatsapp_from=_whatsapp_address(settings.twilio_whatsapp_from),
            public_base_url=settings.public_base_url.rstrip("/"),
            api_base_url=settings.twilio_api_base_url.rstrip("/"),
            content_sids={k: v for k, v in sids.items() if v},
        )


def _whatsapp_address(phone: str) -> str:
    return phone if phone.startswith("whatsapp:") else f"whatsapp:{phone}"


def template_text(text: str) -> str:
    """Text fit for a template variable: WhatsApp refuses newlines, tabs and long space runs."""
    return re.sub(r"\s+", " ", text).strip()[:1000] or "-"


def split_body(text: str, limit: int = BODY_LIMIT) -> list[str]:
    """A long text as parts Twilio accepts, cut at line ends where possible."""
    parts: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = rest.rfind("\n", 0, limit)
        if cut <= 0:
            cut = limit
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip("\n")
    parts.append(rest)
    return [p for p in parts if p] or [""]


class WhatsAppAdapter:
    """The WhatsApp channel: Twilio's webhooks in, the REST API out (a `ChannelAdapter`)."""

    channel = "whatsapp"

    def __init__(
        self,
        config: TwilioConfig,
        db: Database,
        cipher: Cipher,
        intake: Intake,
        links: DocumentLinks,
        *,
        channels: frozenset[str] = frozenset({"whatsapp"}),
        on_queued: Callable[[], None] | None = None,
    ) -> None:
        self.config = config
        self.db = db
        self.cipher = cipher
        self.intake = intake
        self.links = links
        self.channels = channels  # the channels this process runs: where owners are told
        self.on_queued = on_queued  # wakes the courier when a status callback queues a message
        self._client: Any = None
        self._http: aiohttp.ClientSession | None = None

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        db: Database,
        cipher: Cipher,
        intake: Intake,
        *,
        channels: frozenset[str] = frozenset({"whatsapp"}),
        on_queued: Callable[[], None] | None = None,
    ) -> WhatsAppAdapter:
        """The channel as the settings describe it; ValueError when Twilio is not configured."""
        config = TwilioConfig.from_settings(settings)
        links = DocumentLinks(
            db,
            cipher,
            secret_from_settings(settings),
            config.public_base_url,
            hours=settings.document_link_hours,
        )
        return cls(config, db, cipher, intake, links, channels=channels, on_queued=on_queued)

    # The server drives these.

    def install(self, app: web.Application) -> None:
        """Add the webhook, the status callback and the document links to the application."""
        app.router.add_post("/twilio/whatsapp", self.webhook)
        app.router.add_post("/twilio/status", self.status)
        self.links.install(app)

    async def start(self) -> None:
        """Nothing to register: the webhook URL is set in Twilio's console."""
        self._ensure_client()

    async def stop(self) -> None:
        """Nothing to do: updates stop when the web server stops listening."""

    async def close(self) -> None:
        """Close the HTTP sessions; after the courier has stopped sending."""
        if self._client is not None:
            await close_client(self._client)
            self._client = None
        if self._http is not None:
            await self._http.close()
            self._http = None

    # Inbound.

    async def _signed_form(self, request: web.Request) -> dict[str, str]:
        """The webhook's form if Twilio signed it for our public URL; 403 otherwise (400 for a
        body that is no form at all)."""
        try:
            form = await request.post()
        except ValueError as exc:  # undecodable bytes (UnicodeDecodeError), a broken multipart
            log.warning(
                "rejected a request to %s: unreadable form (%s)", request.path, type(exc).__name__
            )
            raise web.HTTPBadRequest(text="unreadable form") from None
        params = {k: v for k, v in form.items() if isinstance(v, str)}
        url = self.config.public_base_url + request.path_qs
        signature = request.headers.get("X-Twilio-Signature", "")
        if not valid_signature(self.config.auth_token, url, params, signature):
            log.warning("rejected a Twilio request to %s: bad signature", request.path)
            raise web.HTTPForbidden(text="bad signature")
        return params

    async def webhook(self, request: web.Request) -> web.Response:
        """POST /twilio/whatsapp: store the message, then answer empty TwiML."""
        form = await self._signed_form(request)
        update = self.parse(form)
        if update is not None:
            await self.intake.accept(update)
        return web.Response(text=EMPTY_TWIML, content_type="text/xml")

    def parse(self, form: dict[str, str]) -> Update | None:
        """The inbox update a webhook form describes (None when it is not a message).

        Only a MessageSid and an E.164 sender are taken: anything else is not Twilio's doing,
        is dropped with a note that does not repeat it, and is still answered 200 (a retry
        would not mend it).
        """
        sid, sender = form.get("MessageSid", ""), form.get("From", "")
        if not sid and not sender:
            return None
        phone = _FROM.fullmatch(sender)
        if phone is None or not _SID.fullmatch(sid):
            log.warning(
                "dropped a WhatsApp webhook: %s (%d characters) is not what Twilio sends",
                "From" if phone is None else "MessageSid",
                len(sender if phone is None else sid),
            )
            return None
        media = mime = ""
        count = form.get("NumMedia", "0")
        for n in range(min(10, int(count)) if _COUNT.fullmatch(count) else 0):
            kind = form.get(f"MediaContentType{n}", "")
            if kind.startswith("audio/"):  # a voice note; photos and files are not read
                media, mime = form.get(f"MediaUrl{n}", ""), kind
                break
        return Update(
            channel="whatsapp",
            message_id=sid,
            sender=phone.group(1),
            received_at=utcnow(),
            text=form.get("Body", ""),
            media=media,
            media_mime=mime,
        )

    async def status(self, request: web.Request) -> web.Response:
        """POST /twilio/status: record delivered / read / failed; tell the owner of a failure."""
        form = await self._signed_form(request)
        sid, state = form.get("MessageSid", ""), form.get("MessageStatus", "")
        if _SID.fullmatch(sid) and state:
            queued = await record_status(
                self.db, self.cipher, sid, state, form.get("ErrorCode", ""), self.channels
            )
            if queued and self.on_queued is not None:
                self.on_queued()
        return web.Response(text=EMPTY_TWIML, content_type="text/xml")

    async def fetch_media(self, ref: str) -> bytes:
        """A voice note's bytes from its MediaUrl: whole, up to MEDIA_LIMIT.

        Only a URL on Twilio's API host (`TWILIO_API_BASE_URL` where set, the tests' fake) is
        fetched, and only that request carries the account's credentials: Twilio answers it
        with a redirect to its media store, which is followed over https without them.
        """
        api = self.config.api_base_url or TWILIO_API
        url = ref
        if url.startswith(TWILIO_API + "/"):
            url = api + url[len(TWILIO_API) :]
        if not url.startswith(api + "/"):
            raise MediaUnavailable("media URL is not on Twilio's API host")
        if self._http is None:
            self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60))
        headers = {"Authorization": basic_auth(self.config.account_sid, self.config.auth_token)}
        try:
            for _ in range(MAX_REDIRECTS + 1):
                async with self._http.get(url, headers=headers, allow_redirects=False) as response:
                    if response.status in (301, 302, 303, 307, 308):
                        url = str(response.url.join(URL(response.headers.get("Location", ""))))
                        if not url.startswith("https://") and not url.startswith(api + "/"):
                            raise MediaUnavailable("media redirected off https")
                        headers = {}  # the credentials are for Twilio's API host only
                        continue
                    if response.status >= 400:
                        raise MediaUnavailable(f"Twilio answered {response.status} for the media")
                    return await read_capped(response, MEDIA_LIMIT)
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise MediaUnavailable(f"media not fetched ({type(exc).__name__})") from exc
        raise MediaUnavailable("too many redirects for the media")

    # Outbound.

    def _ensure_client(self) -> Any:
        if self._client is None:
            cfg = self.config
            self._client = make_client(
                cfg.account_sid, cfg.auth_token, cfg.api_base_url, cfg.timeout_seconds
            )
        return self._client

    async def _in_window(self, recipient: str) -> bool:
        return await within_service_window(self.db, recipient, utcnow(), self.channel)

    async def send(self, message: OutgoingMessage) -> str:
        """Send one queued message; its MessageSid. Raises RetryLater or Undeliverable.

        After a try whose outcome is unknown (`message.unsure_since`), Twilio's list of what
        was sent to the recipient is read first, and a copy found there is not sent again.
        """
        client = self._ensure_client()
        to = _whatsapp_address(message.recipient)
        common: dict[str, Any] = {
            "to": to,
            "from_": self.config.whatsapp_from,
            "status_callback": self.config.public_base_url + "/twilio/status",
        }
        earlier = await self._unseen_copies(client, to, message)
        link = ""
        if message.document is not None:
            link = self.links.url_for(
                message.id, message.document.filename, purpose=message.purpose
            )
        if message.purpose in BUSINESS_INITIATED and not await self._in_window(message.recipient):
            template = self.config.content_sids.get(message.purpose, "")
            if not template:
                raise Undeliverable(
                    f"the customer has not written in 24 hours, so this {message.purpose} is "
                    "outside WhatsApp's 24-hour window and no approved template is configured "
                    f"(TWILIO_CONTENT_SID_{message.purpose.upper()})"
                )
            if earlier:  # Twilio shows a template's text, not ours: any unseen copy is this one
                return earlier[-1].sid
            variables = {"1": template_text(message.text)}
            if link:
                variables["2"] = link.removeprefix(self.config.public_base_url + "/")
            return await create_message(
                client, content_sid=template, content_variables=json.dumps(variables), **common
            )
        if link:
            body = message.text[:BODY_LIMIT]
            return _copy_of(earlier, body) or await create_message(
                client, body=body, media_url=[link], **common
            )
        sid = ""
        for part in split_body(message.text):
            try:
                sid = _copy_of(earlier, part) or await create_message(client, body=part, **common)
            except RetryLater as exc:
                if sid:  # earlier parts are out: the next try must look before it resends
                    raise RetryLater(exc.reason, exc.after_seconds, maybe_sent=True) from exc
                raise
        return sid

    async def _unseen_copies(
        self, client: Any, to: str, message: OutgoingMessage
    ) -> list[SentRecord]:
        """Messages Twilio made to `to` since an unsure try that no outbox row knows, oldest
        first (none when no earlier try is in doubt)."""
        if message.unsure_since is None:
            return []
        # Twilio's dates are whole seconds; a little earlier covers its clock against ours.
        since = message.unsure_since.replace(microsecond=0) - CLOCK_SLACK
        found = [
            r
            for r in await recent_messages(client, to, self.config.whatsapp_from)
            if r.created >= since
        ]
        if not found:
            return []
        known = await known_provider_ids(self.db, [r.sid for r in found])
        unseen = [r for r in reversed(found) if r.sid not in known]
        log.info(
            "outbox row %s: %d unseen copies on Twilio after an unsure try", message.id, len(unseen)
        )
        return unseen


def _copy_of(earlier: list[SentRecord], body: str) -> str:
    """The sid of an unseen copy with this body, taken out of `earlier` ('' if none)."""
    for record in earlier:
        if record.body == body:
            earlier.remove(record)
            return record.sid
    return ""
