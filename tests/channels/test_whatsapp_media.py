"""Voice notes are downloaded from Twilio with the account's credentials."""

from __future__ import annotations

import pytest

from bot.channels.base import MediaUnavailable
from bot.channels.whatsapp import TwilioConfig
from ledger import Database
from tests.channels.whatsapp_rig import whatsapp_rig

VOICE = b"OggS\x00\x02" + bytes(range(256)) * 4


async def test_a_voice_note_is_fetched_with_basic_auth(db: Database) -> None:
    async with whatsapp_rig(db) as rig:
        url = rig.twilio.add_media(VOICE, "audio/ogg")
        assert await rig.adapter.fetch_media(url) == VOICE
        assert rig.twilio.unauthorized == 0


async def test_a_redirect_to_storage_is_followed(db: Database) -> None:
    async with whatsapp_rig(db) as rig:
        url = rig.twilio.add_media(VOICE, "audio/ogg", redirect=True)
        assert await rig.adapter.fetch_media(url) == VOICE


async def test_wrong_credentials_make_the_media_unavailable(db: Database) -> None:
    async with whatsapp_rig(db) as rig:
        url = rig.twilio.add_media(VOICE, "audio/ogg")
        config: TwilioConfig = rig.adapter.config
        rig.adapter.config = TwilioConfig(
            config.account_sid, "wrong-token", config.whatsapp_from, config.public_base_url
        )
        with pytest.raises(MediaUnavailable, match="401"):
            await rig.adapter.fetch_media(url)
        assert rig.twilio.unauthorized == 1


async def test_a_vanished_voice_note_is_unavailable(db: Database) -> None:
    async with whatsapp_rig(db) as rig:
        with pytest.raises(MediaUnavailable, match="404"):
            await rig.adapter.fetch_media(rig.twilio.base_url + "/media/ME404")


async def test_an_unreachable_media_host_is_unavailable(db: Database) -> None:
    async with whatsapp_rig(db) as rig:
        with pytest.raises(MediaUnavailable, match="not fetched"):
            await rig.adapter.fetch_media("http://127.0.0.1:9/media/ME1")
