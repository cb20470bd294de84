"""Pick an engine: the LLM when a key is set (or asked for), else the rules."""

from __future__ import annotations

from typing import Literal

from intents.errors import ConfigError
from intents.parser import IntentParser
from intents.rules import RuleParser

EngineName = Literal["auto", "rules", "llm"]


def make_parser(
    engine: EngineName = "auto",
    *,
    openai_api_key: str | None = None,
    openai_base_url: str | None = None,
    openai_model: str = "gpt-4o-mini",
    timeout: float = 20.0,
    send_names: bool = True,
) -> IntentParser:
    """Build the parser the settings ask for; `auto` is the LLM when a key is set."""
    if engine == "rules" or (engine == "auto" and not openai_api_key):
        return RuleParser()
    if engine not in ("auto", "llm"):
        raise ConfigError(f"unknown engine {engine!r}")
    if not openai_api_key:
        raise ConfigError("the llm engine needs OPENAI_API_KEY")
    from intents.llm import LLMParser

    return LLMParser(
        api_key=openai_api_key,
        base_url=openai_base_url,
        model=openai_model,
        timeout=timeout,
        send_names=send_names,
    )
