"""The WhatsApp webhook: only Twilio's signed requests reach the inbox, each message once."""

from __future__ import annotations

from aiohttp import ClientResponse, web
from aiohttp.test_utils import TestClient, TestServer

from bot.messages import TEXT_LIMIT
from bot.tables import ContactRow
from bot.transport.intake import Update
from ledger import Database
from tests.channels.whatsapp_rig import Rig, whatsapp_rig
from tests.factories import new_phone


def message(sender: str, body: str, sid: str) -> dict[str, str]:
    """A webhook form as Twilio posts it for a text message."""
    return {
        "MessageSid": sid,
        "AccountSid": "AC" + "0" * 32,
        "From": f"whatsapp:{sender}",
        "To": "whatsapp:+14155238886",
        "Body": body,
        "NumMedia": "0",
    }


async def post(rig: Rig, params: dict[str, str], signature: str | None) -> ClientResponse:
    """POST the form to our webhook, with the given X-Twilio-Signature (or none)."""
    headers = {} if signature is None else {"X-Twilio-Signature": signature}
    return await rig.client.post("/twilio/whatsapp", data=params, headers=headers)


async def test_a_forged_signature_is_refused_and_nothing_is_stored(db: Database) -> None:
    async with whatsapp_rig(db) as rig:
        phone = new_phone()
        forged = "bm90IGEgcmVhbCBzaWduYXR1cmUgYXQgYWxs"
        response = await post(rig, message(phone, "sold 2 rice", "SMforged1"), forged)
        assert response.status == 403
        assert await rig.inbox(phone) == []


async def test_a_missing_signature_is_refused_and_nothing_is_stored(db: Database) -> None:
    async with whatsapp_rig(db) as rig:
        phone = new_phone()
        response = await post(rig, message(phone, "sold 2 rice", "SMmissing1"), None)
        assert response.status == 403
        assert await rig.inbox(phone) == []


async def test_a_replayed_signature_with_a_changed_body_is_refused(db: Database) -> None:
    async with whatsapp_rig(db) as rig:
        phone = new_phone()
        original = message(phone, "sold 2 rice", "SMreplay1")
        signature = rig.twilio.sign(rig.webhook_url, original)
        assert (await post(rig, original, signature)).status == 200
        changed = message(phone, "sold 200 rice", "SMreplay2")
        response = await post(rig, changed, signature)
        assert response.status == 403
        stored = await rig.inbox(phone)
        assert [row.message_id for row in stored] == ["SMreplay1"]


async def test_a_signed_message_is_stored_and_answered_with_empty_twiml(db: Database) -> None:
    async with whatsapp_rig(db) as rig:
        phone = new_phone()
        status, content_type, body = await rig.twilio.inbound(
            rig.webhook_url, phone, "sold 2 rice to Ahmed", sid="SMsigned1"
        )
        assert status == 200
        assert content_type == "text/xml"
        assert body.endswith("<Response/>")
        [row] = await rig.inbox(phone)
        update = Update.open(row, rig.cipher)
        assert (update.message_id, update.sender, update.text) == (
            "SMsigned1",
            phone,
            "sold 2 rice to Ahmed",
        )
        assert update.media == "" and row.handled_at is None
        async with db.session() as session:
            contact = await session.get(ContactRow, ("whatsapp", phone))
        assert contact is not None and contact.last_inbound_at == row.received_at


async def test_the_same_message_sid_posted_three_times_is_stored_once(db: Database) -> None:
    async with whatsapp_rig(db) as rig:
        phone = new_phone()
        for _ in range(3):
            status, _, _ = await rig.twilio.inbound(rig.webhook_url, phone, "milk 3", sid="SMdup1")
            assert status == 200
        rows = await rig.inbox(phone)
        assert [row.message_id for row in rows] == ["SMdup1"]


async def test_a_voice_note_is_stored_as_a_media_reference(db: Database) -> None:
    async with whatsapp_rig(db) as rig:
        phone = new_phone()
        url = rig.twilio.add_media(b"OggS voice", "audio/ogg")
        status, _, _ = await rig.twilio.inbound(
            rig.webhook_url, phone, sid="SMvoice1", media=(url, "audio/ogg")
        )
        assert status == 200
        [row] = await rig.inbox(phone)
        update = Update.open(row, rig.cipher)
        assert (update.media, update.media_mime, update.text) == (url, "audio/ogg", "")
        assert rig.twilio.media_requests == []  # fetched later by a worker, not in the webhook


async def test_a_photo_keeps_its_caption_and_is_not_treated_as_a_voice_note(
    db: Database,
) -> None:
    async with whatsapp_rig(db) as rig:
        phone = new_phone()
        url = rig.twilio.add_media(b"\xff\xd8 jpeg", "image/jpeg")
        status, _, _ = await rig.twilio.inbound(
            rig.webhook_url, phone, "my receipt", sid="SMphoto1", media=(url, "image/jpeg")
        )
        assert status == 200
        [row] = await rig.inbox(phone)
        update = Update.open(row, rig.cipher)
        assert (update.text, update.media, update.media_mime) == ("my receipt", "", "")


async def test_a_malformed_media_count_is_stored_as_text(db: Database) -> None:
    async with whatsapp_rig(db) as rig:
        phone = new_phone()
        params = message(phone, "hello", "SModd1") | {"NumMedia": "lots"}
        response = await post(rig, params, rig.twilio.sign(rig.webhook_url, params))
        assert response.status == 200
        [row] = await rig.inbox(phone)
        assert Update.open(row, rig.cipher).text == "hello"


async def test_behind_a_proxy_the_signature_is_checked_against_the_public_url(
    db: Database,
) -> None:
    public = "https://hisaab.example.com"
    async with whatsapp_rig(db, public_url=public) as rig:
        # Twilio signs the URL it called: the proxy's, not the one our server listens on.
        app = web.Application()
        rig.adapter.install(app)
        async with TestClient(TestServer(app, host="127.0.0.1")) as local:
            phone = new_phone()
            params = message(phone, "stock rice", "SMproxy1")
            local_url = str(local.make_url("/twilio/whatsapp?x=1"))
            wrong = rig.twilio.sign(local_url, params)
            response = await local.post(
                "/twilio/whatsapp?x=1", data=params, headers={"X-Twilio-Signature": wrong}
            )
            assert response.status == 403
            right = rig.twilio.sign(public + "/twilio/whatsapp?x=1", params)
            response = await local.post(
                "/twilio/whatsapp?x=1", data=params, headers={"X-Twilio-Signature": right}
            )
            assert response.status == 200
        assert [row.message_id for row in await rig.inbox(phone)] == ["SMproxy1"]


async def test_an_overlong_body_is_stored_cut_to_the_limit_and_marked(db: Database) -> None:
    async with whatsapp_rig(db) as rig:
        phone = new_phone()
        body = "1234567890" * 100_000  # 1 MB, signed
        status, _, _ = await rig.twilio.inbound(rig.webhook_url, phone, body, sid="SMlong1")
        assert status == 200
        [row] = await rig.inbox(phone)
        update = Update.open(row, rig.cipher)
        assert update.text == body[:TEXT_LIMIT]
        assert update.too_long
        assert update.message().too_long
