"""Fetching a WhatsApp voice note: from Twilio's API host only, with the account's credentials
there and nowhere else, and the whole body up to WhatsApp's limit.

The real adapter fetches with aiohttp from the fake Twilio on 127.0.0.1 (and, for the hostile
cases, from a second server standing in for any other host)."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.channels.base import MediaTooLarge, MediaUnavailable
from bot.channels.whatsapp import MEDIA_LIMIT, TwilioConfig
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
        rig.adapter.config = replace(config, auth_token="wrong-token")
        with pytest.raises(MediaUnavailable, match="401"):
            await rig.adapter.fetch_media(url)
        assert rig.twilio.unauthorized == 1


async def test_a_vanished_voice_note_is_unavailable(db: Database) -> None:
    async with whatsapp_rig(db) as rig:
        with pytest.raises(MediaUnavailable, match="404"):
            await rig.adapter.fetch_media(rig.twilio.base_url + "/media/ME404")


async def test_an_unreachable_media_host_is_unavailable(db: Database) -> None:
    async with whatsapp_rig(db) as rig:
        await rig.twilio.stop()
        with pytest.raises(MediaUnavailable, match="not fetched"):
            await rig.adapter.fetch_media(rig.twilio.base_url + "/media/ME1")


@pytest.mark.parametrize("redirect", [False, True])
async def test_a_long_voice_note_arrives_whole(db: Database, redirect: bool) -> None:
    """A body of many chunks (25 s of Opus is about 100 KB; 1 MB to be sure) is read to its end;
    the first read returned only the first chunk."""
    note = os.urandom(1024 * 1024)
    async with whatsapp_rig(db) as rig:
        url = rig.twilio.add_media(note, "audio/ogg", redirect=redirect)
        assert await rig.adapter.fetch_media(url) == note
        if redirect:
            # The credentials went to Twilio's API host, not to where it redirected.
            assert rig.twilio.file_authorizations == [""]


async def test_a_voice_note_over_the_limit_is_refused_not_cut(db: Database) -> None:
    async with whatsapp_rig(db) as rig:
        url = rig.twilio.add_media(b"\0" * (MEDIA_LIMIT + 1), "audio/ogg")
        with pytest.raises(MediaTooLarge):
            await rig.adapter.fetch_media(url)


async def test_a_media_url_on_another_host_is_not_fetched(db: Database) -> None:
    """A signed webhook can name any MediaUrl: another host never sees a request, let alone
    the account's credentials."""
    seen: list[str] = []

    async def record(request: web.Request) -> web.Response:
        seen.append(request.headers.get("Authorization", ""))
        return web.Response(body=b"OggS", content_type="audio/ogg")

    app = web.Application()
    app.router.add_get("/{tail:.*}", record)
    elsewhere = TestServer(app, host="127.0.0.1")
    await elsewhere.start_server()
    try:
        async with whatsapp_rig(db) as rig:
            for url in (
                f"http://127.0.0.1:{elsewhere.port}/media/ME1",
                f"http://localhost:{elsewhere.port}/media/ME1",
                f"{rig.twilio.base_url}.evil.example/media/ME1",
                "http://127.0.0.1:5432/",
            ):
                with pytest.raises(MediaUnavailable):
                    await rig.adapter.fetch_media(url)
    finally:
        await elsewhere.close()
    assert seen == []
