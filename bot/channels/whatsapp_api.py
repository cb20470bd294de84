"""The twilio library, wrapped: an async REST client that can talk to another host, and
Twilio's answers turned into the outbox's RetryLater / Undeliverable.

This is the one module that touches twilio's untyped classes, so its `type: ignore`s live here.
"""

from __future__ import annotations

import base64
import contextlib
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiohttp
from twilio.base.exceptions import TwilioRestException
from twilio.http import AsyncHttpClient
from twilio.http.response import Response
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from ..transport.outbox import RetryLater, Undeliverable

TWILIO_API = "https://api.twilio.com"
TIMEOUT_SECONDS = 20.0

# Twilio error codes an owner may meet, in words (https://www.twilio.com/docs/api/errors).
REASONS = {
    21211: "the phone number is not valid",
    21408: "this Twilio account may not send to that country",
    21610: "the customer has blocked messages from this number (STOP)",
    21614: "the number cannot receive messages",
    63003: "the number is not on WhatsApp",
    63016: "it is outside WhatsApp's 24-hour window and no approved template was used",
    63018: "WhatsApp's rate limit for this number was reached",
    63024: "the number is not on WhatsApp",
    63032: "the customer has opted out of messages from this business",
    30003: "the phone is switched off or unreachable",
    30005: "the number does not exist",
    30006: "the number is a landline",
    30007: "the message was filtered as spam",
    30008: "WhatsApp did not say why",
}


def reason_for(code: int | str | None, fallback: str = "") -> str:
    """An owner's words for a Twilio error code."""
    try:
        number = int(code) if code not in (None, "") else None
    except (TypeError, ValueError):
        number = None
    if number is not None and number in REASONS:
        return REASONS[number]
    if number is not None:
        return f"WhatsApp refused it (Twilio error {number})"
    return fallback or "WhatsApp refused it"


def _retry_after(headers: Any) -> float | None:
    value = headers.get("Retry-After") if headers is not None else None
    with contextlib.suppress(TypeError, ValueError):
        return max(1.0, float(str(value)))
    return None


def basic_auth(login: str, password: str) -> str:
    """An Authorization header value for HTTP basic auth."""
    return "Basic " + base64.b64encode(f"{login}:{password}".encode()).decode("ascii")


class RoutedHttpClient(AsyncHttpClient):  # type: ignore[misc]  # twilio has no types
    """An aiohttp client for twilio that sends api.twilio.com requests to `base_url`.

    It turns what can be retried into `RetryLater` before twilio sees the response: a network
    error or timeout, 429 (with Retry-After when given) and 5xx. (twilio's own aiohttp client
    uses `aiohttp.BasicAuth`, which aiohttp now deprecates.)
    """

    def __init__(self, base_url: str = "", timeout: float = TIMEOUT_SECONDS) -> None:
        super().__init__(logging.getLogger("twilio.http_client"), True, timeout)
        self.base_url = base_url.rstrip("/")
        self.session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout))

    async def request(
        self,
        method: str,
        uri: str,
        params: dict[str, object] | None = None,
        data: dict[str, object] | None = None,
        headers: dict[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        timeout: float | None = None,  # noqa: ASYNC109  (twilio's signature; the session's timeout applies)
        allow_redirects: bool = False,
    ) -> Any:
        """Make the request (on the configured host); RetryLater for what may pass later."""
        if self.base_url and uri.startswith(TWILIO_API):
            uri = self.base_url + uri[len(TWILIO_API) :]
        sent = dict(headers or {})
        if auth is not None:
            sent["Authorization"] = basic_auth(auth[0], auth[1])
        try:
            async with self.session.request(
                method.upper(),
                uri,
                params=params,  # type: ignore[arg-type]  # twilio passes str values
                data=data,
                headers=sent,
                allow_redirects=allow_redirects,
            ) as response:
                text = await response.text()
        except aiohttp.ClientConnectorError as exc:  # no connection: nothing was sent
            raise RetryLater(f"Twilio could not be reached ({type(exc).__name__})") from exc
        except (aiohttp.ClientError, TimeoutError) as exc:
            # Sent, perhaps, and the answer lost: a create may exist that we never heard of.
            raise RetryLater(
                f"Twilio's answer was lost ({type(exc).__name__})",
                maybe_sent=method.upper() == "POST",
            ) from exc
        if response.status == 429:
            raise RetryLater("Twilio rate limit", _retry_after(response.headers) or 1.0)
        if response.status >= 500:
            raise RetryLater(f"Twilio answered {response.status}", _retry_after(response.headers))
        return Response(response.status, text, response.headers)

    async def close(self) -> None:
        """Close the aiohttp session."""
        await self.session.close()


def make_client(
    account_sid: str, auth_token: str, base_url: str = "", timeout: float = TIMEOUT_SECONDS
) -> Any:
    """A twilio REST client that makes its calls with aiohttp (call it inside the event loop)."""
    return Client(account_sid, auth_token, http_client=RoutedHttpClient(base_url, timeout))


async def close_client(client: Any) -> None:
    """Close the client's aiohttp session."""
    await client.http_client.close()


async def create_message(client: Any, **params: Any) -> str:
    """Create one message through the REST API; its MessageSid. Raises Undeliverable on 4xx."""
    try:
        message = await client.messages.create_async(**params)
    except TwilioRestException as exc:
        if exc.status == 429 or exc.status >= 500:  # when a proxy's answer slips through
            raise RetryLater(f"Twilio answered {exc.status}") from exc
        raise Undeliverable(reason_for(exc.code, str(exc.msg))) from exc
    return str(message.sid)


@dataclass(frozen=True, slots=True)
class SentRecord:
    """A message Twilio holds as sent by us, as its list shows it."""

    sid: str
    body: str
    created: datetime


async def recent_messages(client: Any, to: str, from_: str, limit: int = 50) -> list[SentRecord]:
    """The latest messages from `from_` to `to`, newest first (Twilio's list, one page)."""
    try:
        found = await client.messages.list_async(to=to, from_=from_, limit=limit)
    except TwilioRestException as exc:
        raise RetryLater(f"Twilio's message list answered {exc.status}") from exc
    return [
        SentRecord(str(m.sid), str(m.body or ""), m.date_created)
        for m in found
        if isinstance(m.date_created, datetime)
    ]


def valid_signature(auth_token: str, url: str, params: dict[str, str], signature: str) -> bool:
    """Whether a webhook was signed by Twilio with our auth token."""
    if not signature:
        return False
    return bool(RequestValidator(auth_token).validate(url, params, signature))


def signature_for(auth_token: str, url: str, params: dict[str, str]) -> str:
    """The X-Twilio-Signature Twilio would send (tests and the fake Twilio sign with it)."""
    return str(RequestValidator(auth_token).compute_signature(url, params))
