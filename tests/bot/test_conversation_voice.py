"""A voice note is read back and booked only after "yes"; one that cannot be heard books nothing."""

from __future__ import annotations

from decimal import Decimal

from ledger import Database
from tests.bot.helpers import books, conversation, greet, load_shop, on_hand, say, send
from voice import EmptyAudio, FakeTranscriber, NoSpeech, UndecodableAudio

NOTE = b"OggS\x00fake opus voice note"


async def test_a_voice_note_is_read_back_and_booked_after_yes(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db, "sold 2 rice to ahmed 40 each")
    await greet(conv, shop.owner)

    (readback,) = await send(conv, shop.owner, audio=NOTE)

    assert readback.text == (
        '🎙️ I heard: "sold 2 rice to ahmed 40 each"\n'
        "Sale: 2 × Rice 5kg @ AED 40 to Ahmed Khan = AED 80\n"
        "Book it? Reply yes or no."
    )
    assert (await books(db, shop)).invoices == 0

    booked = await say(conv, shop.owner, "yes")

    assert "2 × Rice 5kg @ AED 40 = AED 80" in booked
    assert (await books(db, shop)).invoices == 1
    assert await on_hand(db, shop, "Rice 5kg") == Decimal(23)


async def test_the_transcriber_hears_the_shops_own_words(db: Database) -> None:
    shop = await load_shop(db)
    transcriber = FakeTranscriber("sold 2 rice")
    conv = conversation(db, transcriber=transcriber)
    await greet(conv, shop.owner)

    await send(conv, shop.owner, audio=NOTE)

    (call,) = transcriber.calls
    assert (call.audio, call.mime_type) == (NOTE, "audio/ogg")
    assert {"Rice 5kg", "Eggs 30 tray", "Fatima Ali"} <= set(call.hints.words)
    # The shop's currency and unit words too (whisper wrote "derms" for dirhams without them).
    assert {"dirhams", "AED", "tray", "bag"} <= set(call.hints.words)


async def test_no_to_a_voice_note_books_nothing(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db, "fatima paid 20")
    await greet(conv, shop.owner)
    await send(conv, shop.owner, audio=NOTE)

    assert await say(conv, shop.owner, "no") == "OK, cancelled. Nothing was booked."
    assert (await books(db, shop)).payments == 0


async def test_a_voice_question_is_answered_without_a_read_back(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db, "how many eggs left")
    await greet(conv, shop.owner)

    (reply,) = await send(conv, shop.owner, audio=NOTE)

    assert "Eggs 30 tray: 12 tray" in reply.text  # only writes are read back


async def test_a_voice_note_with_no_speech_gets_the_clear_reply(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db, NoSpeech())
    await greet(conv, shop.owner)
    before = await books(db, shop)

    (reply,) = await send(conv, shop.owner, audio=NOTE)

    assert reply.text == f"🎙️ {NoSpeech().message}"
    assert "couldn't hear any words" in reply.text
    assert await books(db, shop) == before
    assert "nothing waiting" in await say(conv, shop.owner, "yes")
    assert await books(db, shop) == before


async def test_every_voice_error_is_a_friendly_reply(db: Database) -> None:
    shop = await load_shop(db)
    errors = (EmptyAudio(), UndecodableAudio(detail="moov atom not found in /tmp/x.m4a"))
    conv = conversation(db, *errors)
    await greet(conv, shop.owner)

    for error in errors:
        (reply,) = await send(conv, shop.owner, audio=NOTE)
        assert reply.text == f"🎙️ {error.message}"
        assert "moov" not in reply.text  # the detail is for the logs, not the shopkeeper
    assert (await books(db, shop)).invoices == 0


async def test_voice_notes_switched_off_say_so(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db, voice=False)
    await greet(conv, shop.owner)

    (reply,) = await send(conv, shop.owner, audio=NOTE)

    assert "Voice notes are switched off" in reply.text
    assert (await books(db, shop)).invoices == 0


async def test_a_voice_note_not_understood_says_what_was_heard(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db, "so old to bags of rise to a mid")
    await greet(conv, shop.owner)

    (reply,) = await send(conv, shop.owner, audio=NOTE)

    assert "so old to bags of rise to a mid" in reply.text and "heard" in reply.text
    assert (await books(db, shop)).invoices == 0
