"""Both webhooks of `hisaab serve`, fuzzed with Hypothesis: whatever arrives with a valid
signature or secret, the answer is never a 500 and nothing is logged with a traceback, neither
by the webhook nor by the workers that handle what it stored."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import col, func, select

from bot.tables import InboxRow
from bot.transport.telegram_links import link_phone
from ledger.types import utcnow
from tests.fakes.telegram_server import message_update

from .live import SECRET, SECRET_HEADER, Live, live_server

FUZZ = settings(
    max_examples=100,
    deadline=None,
    database=None,  # nothing written to the working tree
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# Phones of a range no other test draws from (tests.factories.new_phone), so the fuzz's
# half-finished onboardings on the shared PostgreSQL database meet no other test.
PHONES = st.from_regex(r"\+882[0-9]{5,11}", fullmatch=True)
SIDS = st.from_regex(r"SM[0-9a-f]{32}", fullmatch=True)

odd_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="\x00\r\n\t ²³¹٣०+:whatsapp0123456789", max_size=30),
    st.builds(lambda c, n: c * n, st.characters(codec="utf-8"), st.integers(4000, 120_000)),
)
nasty = st.sampled_from(
    ["", "\x00", "²", "١٢", "-1", " 1", "1e3", "9" * 5000, "whatsapp:", "whatsapp:+1", "abc"]
)
# What Twilio sends in a text message's form, and what else each field could hold.
USUAL = {
    "MessageSid": SIDS,
    "AccountSid": st.just("AC" + "0" * 32),
    "From": PHONES.map(lambda p: f"whatsapp:{p}"),
    "To": st.just("whatsapp:+14155238886"),
    "Body": st.text(max_size=60),
    "NumMedia": st.just("0"),
}
ODD = {
    "MessageSid": st.just("SM\x00nul"),
    "From": st.just("whatsapp:+97150000\x000001"),
    "NumMedia": st.sampled_from(["1", "2", "10", "²", "١", "٣", "99999999999999999999"]),
    "MediaUrl0": st.just("https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM/Media/ME"),
    "MediaContentType0": st.sampled_from(["audio/ogg", "image/jpeg", "audio/", "audio/\x00"]),
    "MediaUrl1": odd_text,
    "MediaContentType1": st.sampled_from(["audio/ogg", "video/mp4"]),
    "MessageStatus": st.sampled_from(["sent", "delivered", "read", "failed", "undelivered"]),
    "ErrorCode": st.sampled_from(["63016", "30008", "²", "١٢"]),
}


@st.composite
def twilio_forms(draw: st.DrawFn) -> dict[str, str]:
    """A form as Twilio posts it, each field kept, changed to something odd, or left out."""
    form: dict[str, str] = {}
    for name in dict.fromkeys([*USUAL, *ODD]):
        choice = draw(st.integers(0, 9))
        if choice < 6 and name in USUAL:
            form[name] = draw(USUAL[name])
        elif 6 <= choice < 9:
            form[name] = draw(ODD.get(name, nasty) | odd_text | nasty)
    form.update(draw(st.dictionaries(st.text(min_size=1, max_size=8), odd_text, max_size=2)))
    return form


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=25,
)
LINKED_CHATS = (8_820_001, 8_820_002, 8_820_003)  # linked to phones before the fuzz
MESSAGE_KEYS = ("text", "chat", "date", "from", "entities", "contact", "voice", "caption")


@st.composite
def telegram_updates(draw: st.DrawFn) -> Any:
    """Any JSON, or a private message update with some of its parts changed."""
    if draw(st.integers(0, 4)) == 0:
        return draw(json_values)
    chat = draw(st.sampled_from(LINKED_CHATS) | st.integers(1, 2**40) | st.integers())
    text = draw(st.text(max_size=50) | st.sampled_from(["/start ", "/start \x00", "/start a"]))
    text += draw(st.text(max_size=20) | odd_text)
    if draw(st.integers(0, 4)) == 0:  # a shared contact, its number anything
        phone = draw(PHONES | odd_text | nasty)
        update = message_update(chat, contact={"phone_number": phone, "first_name": "A"})
        update["message"]["contact"]["user_id"] = chat
    else:
        update = message_update(chat, text=text)
    message = update["message"]
    changed = (
        draw(st.sets(st.sampled_from(MESSAGE_KEYS), max_size=2)) if draw(st.booleans()) else ()
    )
    for key in changed:
        message[key] = draw(json_values | st.text(max_size=30))
    if draw(st.integers(0, 4)) == 0:
        update["update_id"] = draw(json_values)
    return update


@pytest.fixture
def live(database_url: str, tmp_path: Path) -> Iterator[tuple[asyncio.Runner, Live]]:
    """The server in a loop of its own: Hypothesis drives it one example at a time."""
    with asyncio.Runner() as runner:
        stack = AsyncExitStack()
        started = runner.run(stack.enter_async_context(live_server(database_url, tmp_path)))
        try:
            yield runner, started
        finally:
            runner.run(stack.aclose())


def no_tracebacks(caplog: pytest.LogCaptureFixture) -> None:
    """Nothing was logged with a traceback."""
    assert not [r.getMessage()[:300] for r in caplog.records if r.exc_info], caplog.text[:5000]
    assert "Traceback" not in caplog.text


async def handled(live: Live, seconds: float = 60) -> None:
    """Wait until the workers have handled everything stored."""
    deadline = time.monotonic() + seconds
    while True:
        async with live.db.read() as session:
            waiting = await session.execute(
                select(func.count()).select_from(InboxRow).where(col(InboxRow.handled_at).is_(None))
            )
            if waiting.scalar_one() == 0:
                return
        assert time.monotonic() < deadline, "the workers did not finish"
        await asyncio.sleep(0.05)


def test_the_whatsapp_webhook_never_answers_500(
    live: tuple[asyncio.Runner, Live], caplog: pytest.LogCaptureFixture
) -> None:
    runner, server = live
    statuses: list[int] = []

    @FUZZ
    @given(twilio_forms(), st.booleans())
    def post(form: dict[str, str], status_callback: bool) -> None:
        path = "/twilio/status" if status_callback else "/twilio/whatsapp"
        status = runner.run(server.post_form(form, path=path))[0]
        statuses.append(status)
        assert status < 500, {k[:20]: v[:80] for k, v in form.items()}

    post()
    runner.run(handled(server))
    assert 200 in statuses
    no_tracebacks(caplog)


def test_unsigned_bytes_to_the_whatsapp_webhook_never_get_a_500(
    live: tuple[asyncio.Runner, Live], caplog: pytest.LogCaptureFixture
) -> None:
    runner, server = live
    kinds = st.sampled_from(
        ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"]
    )

    @FUZZ
    @given(st.binary(max_size=200), kinds)
    def post(body: bytes, kind: str) -> None:
        status = runner.run(server.post_bytes("/twilio/whatsapp", body, {"Content-Type": kind}))
        assert 400 <= status < 500, body[:80]

    post()
    no_tracebacks(caplog)


async def link_chats(live: Live) -> None:
    """Tie the fuzz's chats to phones, so that their texts reach the conversation."""
    async with live.db.session() as session:
        for n, chat in enumerate(LINKED_CHATS):
            await link_phone(session, str(chat), f"+88299{chat}{n}", utcnow())


def test_the_telegram_webhook_never_answers_500(
    live: tuple[asyncio.Runner, Live], caplog: pytest.LogCaptureFixture
) -> None:
    runner, server = live
    runner.run(link_chats(server))
    statuses: list[int] = []

    @FUZZ
    @given(telegram_updates())
    def post(update: Any) -> None:
        body = json.dumps(update).encode()
        headers = {SECRET_HEADER: SECRET, "Content-Type": "application/json"}
        status = runner.run(server.post_bytes("/telegram/webhook", body, headers))
        statuses.append(status)
        assert status < 500, body[:300]

    post()
    runner.run(handled(server))
    assert 200 in statuses
    no_tracebacks(caplog)
