"""Sending on WhatsApp: the real twilio client against the fake Twilio REST API."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from bot.channels.whatsapp import BODY_LIMIT
from bot.messages import Document
from bot.transport.outbox import RetryLater, Undeliverable
from ledger import Database
from ledger.types import utcnow
from tests.channels.whatsapp_rig import PDF, whatsapp_rig
from tests.factories import new_phone

INVOICE = Document("INV-2026-0001.pdf", "application/pdf", PDF)


async def test_a_text_reply_goes_out_through_the_rest_api(db: Database) -> None:
    async with whatsapp_rig(db) as rig:
        phone = new_phone()
        sid = await rig.adapter.send(await rig.queue(phone, "Sold 2 Rice 5kg to Ahmed."))
        [sent] = rig.twilio.sent
        assert sent.sid == sid and sid.startswith("SM")
        assert sent.form["To"] == f"whatsapp:{phone}"
        assert sent.form["From"] == "whatsapp:+14155238886"
        assert sent.form["Body"] == "Sold 2 Rice 5kg to Ahmed."
        assert sent.form["StatusCallback"] == rig.public_url + "/twilio/status"
        assert rig.twilio.unauthorized == 0


async def test_a_long_report_is_sent_in_parts_twilio_accepts(db: Database) -> None:
    async with whatsapp_rig(db) as rig:
        phone = new_phone()
        lines = [f"Product {n}: 12 sold, AED 480.00" for n in range(120)]
        await rig.adapter.send(await rig.queue(phone, "\n".join(lines)))
        bodies = [m.form["Body"] for m in rig.twilio.sent]
        assert len(bodies) > 1 and all(len(b) <= BODY_LIMIT for b in bodies)
        assert "\n".join(bodies).splitlines() == lines


async def test_an_invoice_goes_as_a_signed_link_that_serves_the_exact_pdf(db: Database) -> None:
    async with whatsapp_rig(db) as rig:
        customer = new_phone()
        await rig.wrote_at(customer, utcnow() - timedelta(hours=2))
        message = await rig.queue(
            customer, "Your invoice INV-2026-0001", purpose="invoice", document=INVOICE
        )
        await rig.adapter.send(message)
        [sent] = rig.twilio.sent
        [url] = sent.media_urls
        assert url.startswith(rig.public_url + f"/documents/{message.id}/")
        assert url.endswith("/INV-2026-0001.pdf")
        assert sent.form["Body"] == "Your invoice INV-2026-0001"
        # Twilio downloads the media itself, without credentials.
        assert sent.media == [(200, "application/pdf", PDF)]
        # Changing the row id or the expiry breaks the signature; an expired link is gone.
        parts = url.removeprefix(rig.public_url).split("/")
        tampered = "/".join([*parts[:2], str(message.id + 1), *parts[3:]])
        assert (await rig.client.get(tampered)).status == 404
        later = "/".join([*parts[:3], str(int(parts[3]) + 3600), *parts[4:]])
        assert (await rig.client.get(later)).status == 404
        expired = rig.adapter.links.url_for(message.id, "x.pdf", utcnow() - timedelta(hours=25))
        assert (await rig.client.get(expired.removeprefix(rig.public_url))).status == 410


async def test_an_invoice_outside_the_window_without_a_template_is_not_sent(
    db: Database,
) -> None:
    async with whatsapp_rig(db) as rig:
        customer = new_phone()
        await rig.wrote_at(customer, utcnow() - timedelta(hours=25))
        message = await rig.queue(customer, "Invoice", purpose="invoice", document=INVOICE)
        with pytest.raises(Undeliverable) as raised:
            await rig.adapter.send(message)
        assert "24-hour window" in raised.value.reason
        assert "no approved template" in raised.value.reason
        assert rig.twilio.sent == []


async def test_a_reminder_to_someone_who_never_wrote_is_outside_the_window(db: Database) -> None:
    async with whatsapp_rig(db) as rig:
        with pytest.raises(Undeliverable, match="24-hour window"):
            await rig.adapter.send(await rig.queue(new_phone(), "You owe", purpose="reminder"))
        assert rig.twilio.sent == []


async def test_outside_the_window_the_approved_template_is_used(db: Database) -> None:
    template = "HX" + "1" * 32
    async with whatsapp_rig(db, content_sids={"invoice": template}) as rig:
        customer = new_phone()
        message = await rig.queue(
            customer, "Invoice INV-2026-0001\nTotal AED 84.00", purpose="invoice", document=INVOICE
        )
        await rig.adapter.send(message)
        [sent] = rig.twilio.sent
        assert sent.form["ContentSid"] == template
        assert "Body" not in sent.form and sent.media_urls == []
        variables = json.loads(sent.form["ContentVariables"])
        assert variables["1"] == "Invoice INV-2026-0001 Total AED 84.00"
        link = rig.public_url + "/" + variables["2"]
        assert (await rig.client.get(link.removeprefix(rig.public_url))).status == 200


async def test_a_reply_is_sent_as_text_whatever_the_window(db: Database) -> None:
    async with whatsapp_rig(db) as rig:
        phone = new_phone()
        await rig.adapter.send(await rig.queue(phone, "Hello again"))
        assert [m.form["Body"] for m in rig.twilio.sent] == ["Hello again"]


async def test_a_rate_limit_is_retried_later_with_twilios_delay(db: Database) -> None:
    async with whatsapp_rig(db) as rig:
        phone = new_phone()
        message = await rig.queue(phone, "Sold 1 milk")
        rig.twilio.fail_next(429, code=20429, retry_after=7)
        with pytest.raises(RetryLater) as raised:
            await rig.adapter.send(message)
        assert raised.value.after_seconds == 7.0
        assert rig.twilio.sent == []
        sid = await rig.adapter.send(message)  # the next try goes through
        assert [m.sid for m in rig.twilio.sent] == [sid]


async def test_a_server_error_is_retried_later(db: Database) -> None:
    async with whatsapp_rig(db) as rig:
        rig.twilio.fail_next(500)
        with pytest.raises(RetryLater, match="500"):
            await rig.adapter.send(await rig.queue(new_phone(), "Sold 1 soap"))


async def test_an_unreachable_twilio_is_retried_later(db: Database) -> None:
    async with whatsapp_rig(db, api_base_url="http://127.0.0.1:9") as rig:
        with pytest.raises(RetryLater, match="could not be reached"):
            await rig.adapter.send(await rig.queue(new_phone(), "Sold 1 soap"))


async def test_an_invalid_number_is_undeliverable_in_words(db: Database) -> None:
    async with whatsapp_rig(db) as rig:
        rig.twilio.fail_next(400, code=21211)
        with pytest.raises(Undeliverable) as raised:
            await rig.adapter.send(await rig.queue(new_phone(), "Sold 1 soap"))
        assert raised.value.reason == "the phone number is not valid"
