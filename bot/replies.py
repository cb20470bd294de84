"""Reply texts from jinja2 templates, one file per language, one macro per reply."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from ledger import format_amount, to_minor

LANGUAGES = ("en", "hi", "ar")
_BLANKS = re.compile(r"\n{3,}")


def _qty(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return "0" if text == "-0" else text


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The shared template environment (built on first use, not at import)."""
    env = Environment(
        loader=PackageLoader("bot", "templates"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        autoescape=False,  # plain chat text, never HTML
    )
    env.filters["qty"] = _qty
    return env


def macro_names(language: str) -> set[str]:
    """Every reply a language defines."""
    module = environment().get_template(f"{language}.j2").make_module({"money": str, "price": str})
    return {name for name in dir(module) if not name.startswith("_")}


@lru_cache(maxsize=64)
def _module(language: str, currency: str) -> Any:
    """A language's macros with one currency's money format, made once (running a template's
    module defines every macro: a few hundred microseconds, once per message before)."""
    words = Replies(language, currency)
    return (
        environment()
        .get_template(f"{language}.j2")
        .make_module({"money": words.money, "price": words.price})
    )


class Replies:
    """Renders replies in one language with one shop's money format."""

    def __init__(self, language: str = "en", currency: str = "AED") -> None:
        self.language = language if language in LANGUAGES else "en"
        self.currency = currency

    def money(self, minor: int) -> str:
        """An amount in the shop's currency, the shop's way."""
        return format_amount(minor, self.currency, trim=True)

    def price(self, major: Decimal) -> str:
        """An amount said in major units (a read-back's prices), in the shop's currency."""
        return self.money(to_minor(major, self.currency))

    def render(self, key: str, **context: Any) -> str:
        """One reply text; falls back to English when a language lacks the reply."""
        macro = getattr(_module(self.language, self.currency), key, None)
        if macro is None:
            macro = getattr(_module("en", self.currency), key)
        text = str(macro(**context))
        lines = [line.rstrip() for line in text.strip().splitlines()]
        return _BLANKS.sub("\n\n", "\n".join(lines)).strip()
