"""Settings that reach the parts they configure when `bot.bootstrap.build` wires a process."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.bootstrap import build
from bot.settings import Settings
from intents.llm import LLMParser
from voice import FakeTranscriber


@pytest.mark.parametrize("send_names", [True, False])
async def test_llm_send_names_reaches_the_engine(
    database_url: str, tmp_path: Path, send_names: bool
) -> None:
    settings = Settings(
        hisaab_data_dir=tmp_path,
        database_url=database_url,
        intent_engine="llm",
        openai_api_key=SecretStr("test-key"),
        openai_base_url="http://127.0.0.1:9/v1",
        llm_send_names=send_names,
        _env_file=None,
    )
    app = await build(settings, transcriber=FakeTranscriber(""))
    try:
        parser = app.conversation.parser
        assert isinstance(parser, LLMParser) and parser.send_names is send_names
    finally:
        await app.close()
