"""Telegram updates in: long polling and the webhook store each message once, before the 200."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from bot.channels.base import ChannelAdapter
from bot.channels.telegram import TelegramAdapter, TelegramConfig
from bot.settings import Settings
from bot.transport.intake import Intake
from bot.transport.telegram_links import link_phone
from consent.crypto import Cipher
from ledger import Database
from ledger.types import utcnow
from tests.channels.telegram_rig import PUBLIC_URL, SECRET, Rig, telegram_rig
from tests.factories import new_phone
from tests.fakes.telegram_server import (
    TOKEN,
    USERNAME,
    message_update,
    text_update,
    voice_update,
)

_chats = iter(range(7_000_000, 8_000_000))
CIPHER = Cipher(Fernet.generate_key())


async def linked_chat(rig: Rig) -> int:
    """A chat id no other test uses, linked to a fresh phone number."""
    chat = next(_chats)
    async with rig.db.session() as session:
        await link_phone(session, str(chat), new_phone(), utcnow())
    return chat


async def stored(rig: Rig, chat: int, count: int = 1, seconds: float = 5.0) -> None:
    """Wait until the chat has `count` stored updates."""
    for _ in range(int(seconds / 0.02)):
        if len(await rig.inbox(chat)) >= count:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"{len(await rig.inbox(chat))} updates stored, expected {count}")


async def test_polling_stores_a_text_once_even_when_telegram_sends_it_twice(db: Database) -> None:
    async with telegram_rig(db) as rig:
        chat = await linked_chat(rig)
        update = text_update(chat, "sold 2 rice to Ahmed 40 each", date=1_767_000_000)
        rig.telegram.push(update)
        await stored(rig, chat)
        polls = len(rig.telegram.called("getUpdates"))
        rig.telegram.replay_next()
        await rig.telegram.wait_for("getUpdates", polls + 2)

        assert rig.telegram.delivered.count(update["update_id"]) == 2
        [row] = await rig.inbox(chat)
        assert row.message_id == f"{chat}:{update['message']['message_id']}"
        assert row.handled_at is None  # waiting for the conversation
        [stored_update] = await rig.updates(chat)
        assert stored_update.text == "sold 2 rice to Ahmed 40 each"
        assert stored_update.sender == str(chat)
        assert stored_update.received_at == datetime.fromtimestamp(1_767_000_000, UTC)
        offsets = [c.fields.get("offset") for c in rig.telegram.called("getUpdates")]
        assert str(update["update_id"] + 1) in offsets  # moved past it once stored


async def test_polling_asks_for_messages_only_and_drops_no_webhook_updates(db: Database) -> None:
    async with telegram_rig(db) as rig:
        await rig.telegram.wait_for("getUpdates")
        assert rig.telegram.called("deleteWebhook")[0].fields.get("drop_pending_updates") in (
            None,
            "false",
            "False",
        )
        first = rig.telegram.called("getUpdates")[0].fields
        assert first["allowed_updates"] == '["message"]'


async def test_stopping_confirms_what_was_stored_and_ends_the_long_poll(db: Database) -> None:
    async with telegram_rig(db, poll_seconds=20) as rig:
        chat = await linked_chat(rig)
        update = text_update(chat, "what did I sell today")
        rig.telegram.push(update)
        await stored(rig, chat)
        await rig.telegram.wait_for("getUpdates", 2)  # a long poll is now waiting
        started = asyncio.get_running_loop().time()
        await rig.adapter.stop()
        assert asyncio.get_running_loop().time() - started < 5  # the 20 s poll was cut short
        last = rig.telegram.called("getUpdates")[-1].fields
        assert last["offset"] == str(update["update_id"] + 1)
        assert last.get("timeout") in (None, "0")
    assert len(await rig.inbox(chat)) == 1


async def test_webhook_is_registered_with_the_secret(db: Database) -> None:
    async with telegram_rig(db, webhook=True) as rig:
        [call] = rig.telegram.called("setWebhook")
        assert call.fields["url"] == PUBLIC_URL + "/telegram/webhook"
        assert call.fields["secret_token"] == SECRET
        assert not rig.telegram.called("getUpdates")


async def test_webhook_with_a_wrong_or_missing_secret_is_refused_and_stores_nothing(
    db: Database,
) -> None:
    async with telegram_rig(db, webhook=True) as rig:
        chat = await linked_chat(rig)
        assert await rig.post(text_update(chat, "Ahmed paid 100"), secret="wrong") == 401
        assert await rig.post(text_update(chat, "Ahmed paid 100"), secret=None) == 401
        assert await rig.post(text_update(chat, "Ahmed paid 100"), secret="") == 401
        assert await rig.inbox(chat) == []
        assert await rig.outbox(chat) == []


async def test_webhook_answers_200_after_storing_and_a_retry_is_stored_once(
    db: Database,
) -> None:
    async with telegram_rig(db, webhook=True) as rig:
        chat = await linked_chat(rig)
        update = text_update(chat, "Ahmed paid 100")
        assert await rig.post(update) == 200
        [row] = await rig.inbox(chat)  # stored by the time Telegram has its 200
        assert await rig.post(update) == 200
        assert [r.id for r in await rig.inbox(chat)] == [row.id]
        assert (await rig.updates(chat))[0].text == "Ahmed paid 100"


async def test_webhook_refuses_a_body_that_is_not_an_update(db: Database) -> None:
    async with telegram_rig(db, webhook=True) as rig:
        assert rig.client is not None
        response = await rig.client.post(
            "/telegram/webhook",
            data=b"not json",
            headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
        )
        assert response.status == 400


async def test_a_voice_note_is_stored_by_file_id_and_its_bytes_fetched_later(
    db: Database,
) -> None:
    async with telegram_rig(db, webhook=True) as rig:
        chat = await linked_chat(rig)
        audio = b"OggS\x00fake opus voice note" * 50
        file_id = rig.telegram.add_file(audio)
        assert await rig.post(voice_update(chat, file_id, size=len(audio))) == 200
        [update] = await rig.updates(chat)
        assert (update.media, update.media_mime, update.text) == (file_id, "audio/ogg", "")
        assert await rig.adapter.fetch_media(update.media) == audio
        assert rig.telegram.called("getFile")[0].fields["file_id"] == file_id
        assert rig.telegram.called("download")


async def test_audio_files_and_audio_documents_are_stored_as_voice(db: Database) -> None:
    async with telegram_rig(db, webhook=True) as rig:
        chat = await linked_chat(rig)
        song = {
            "file_id": "AUD1",
            "file_unique_id": "UA1",
            "duration": 4,
            "mime_type": "audio/mpeg",
        }
        memo = {"file_id": "DOC1", "file_unique_id": "UD1", "mime_type": "audio/mp4"}
        assert await rig.post(message_update(chat, audio=song, caption="for Ahmed")) == 200
        assert await rig.post(message_update(chat, document=memo)) == 200
        first, second = await rig.updates(chat)
        assert (first.media, first.media_mime, first.text) == ("AUD1", "audio/mpeg", "for Ahmed")
        assert (second.media, second.media_mime) == ("DOC1", "audio/mp4")


async def test_a_photo_gets_a_friendly_answer_and_reaches_no_conversation(db: Database) -> None:
    async with telegram_rig(db, webhook=True) as rig:
        chat = await linked_chat(rig)
        photo = [{"file_id": "P1", "file_unique_id": "UP1", "width": 90, "height": 90}]
        assert await rig.post(message_update(chat, photo=photo)) == 200
        [row] = await rig.inbox(chat)
        assert row.handled_at is not None and row.payload is None
        [answer] = await rig.outbox(chat)
        assert "text messages and voice notes" in answer.text
        assert rig.queued == [1]


async def test_group_chats_are_ignored(db: Database) -> None:
    async with telegram_rig(db, webhook=True) as rig:
        chat = -next(_chats)
        update = text_update(chat, "hello")
        update["message"]["chat"] = {"id": chat, "type": "group", "title": "Family"}
        assert await rig.post(update) == 200
        assert await rig.inbox(chat) == []


async def test_an_update_that_could_not_be_stored_is_fetched_again(
    db: Database, tmp_path: Path
) -> None:
    broken = Database(f"sqlite+aiosqlite:///{tmp_path / 'missing' / 'folder' / 'x.db'}")
    async with telegram_rig(db) as rig:
        chat = await linked_chat(rig)
        rig.intake.db = broken  # the database is away
        update = text_update(chat, "Ahmed paid 100")
        rig.telegram.push(update)
        for _ in range(250):
            if rig.telegram.delivered.count(update["update_id"]) >= 2:
                break
            await asyncio.sleep(0.02)
        assert rig.telegram.delivered.count(update["update_id"]) >= 2  # not moved past it
        rig.intake.db = db  # it is back
        await stored(rig, chat)
        assert [u.text for u in await rig.updates(chat)] == ["Ahmed paid 100"]
    await broken.dispose()


def test_webhook_mode_refuses_to_run_without_a_secret(tmp_path: Path) -> None:
    intake = Intake(Database(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}"), CIPHER)
    for secret in ("", "has spaces", "x" * 257):
        config = TelegramConfig(token=TOKEN, webhook_secret=secret, public_base_url=PUBLIC_URL)
        with pytest.raises(ValueError, match="TELEGRAM_WEBHOOK_SECRET"):
            TelegramAdapter(config, intake)


def test_the_settings_choose_webhook_or_polling() -> None:
    base = {"telegram_bot_token": TOKEN, "telegram_api_base_url": "http://127.0.0.1:9"}
    hooked = TelegramConfig.from_settings(
        Settings.model_validate(
            base | {"public_base_url": PUBLIC_URL + "/", "telegram_webhook_secret": SECRET}
        )
    )
    assert hooked.webhook_url == PUBLIC_URL + "/telegram/webhook"
    assert hooked.webhook_secret == SECRET
    polled = TelegramConfig.from_settings(Settings.model_validate(base | {"public_base_url": ""}))
    assert polled.webhook_url == ""
    assert polled.api_base_url == "http://127.0.0.1:9"


async def test_the_adapter_is_a_channel_adapter(db: Database) -> None:
    async with telegram_rig(db, webhook=True) as rig:
        adapter: ChannelAdapter = rig.adapter  # checked by mypy
        assert adapter.channel == "telegram"
        assert rig.adapter.username == USERNAME  # asked with getMe
