"""Turn the shop's vocabulary into whisper's initial prompt and hotwords."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Whisper continues the style of its prompt, so a line of typical shop talk with digits makes
# it write "Sold 2 bags ... 40 each" rather than "so old to bags ... for the each".
EXAMPLE = "Sold 3 packets of tea to Ravi, 25 each. Received 12 boxes of soap. Ravi paid 500."
# Prompt and hotwords share whisper's 448-token window with the transcript; ~4 characters a
# token keeps both well under half of it.
MAX_WORDS_CHARS = 400


@dataclass(frozen=True, slots=True)
class Bias:
    """What to pass to faster-whisper as `initial_prompt` and `hotwords`."""

    prompt: str | None
    hotwords: str | None


# How people say a shop's currency; whisper writes "derms", "durams" without them.
CURRENCY_WORDS = {
    "AED": ["AED", "dirhams", "dirham", "fils"],
    "INR": ["rupees", "rupaye", "Rs"],
    "PKR": ["rupees", "Rs"],
    "SAR": ["riyals", "SAR"],
}
UNIT_WORDS = ["kilo", "grams", "litre", "dozen", "packets", "bottles", "each"]


def shop_words(names: list[str], currency: str, units: list[str]) -> list[str]:
    """What biases recognition for one shop: its product and party names first, then how its
    currency and units are said ("dirhams", "rupees", "tray", "kilo")."""
    said_units = [u for u in units if u and u.isalpha()]
    return [*names, *CURRENCY_WORDS.get(currency.upper(), []), *said_units, *UNIT_WORDS]


def echoes(text: str, words: list[str]) -> bool:
    """Whether a transcript only repeats the bias words: whisper's answer to silence or noise
    under a prompt, not something said. A real note has a number or a word of its own."""
    heard = re.findall(r"[^\W_]+", text.casefold())
    if not heard or any(w.isdigit() for w in heard):
        return False
    vocabulary = {w for name in words for w in re.findall(r"[^\W_]+", name.casefold())}
    return all(w in vocabulary for w in heard) and len(set(heard)) >= 2


def bias(words: list[str], *, language: str | None) -> Bias:
    """Build the prompt and hotwords from names, most important first; extra names are dropped."""
    names = _budget(_unique(words), MAX_WORDS_CHARS)
    # An English example would pull a Hindi or Arabic note towards English, so it is only
    # used when the note is known to be English.
    parts = [EXAMPLE] if language == "en" else []
    if names:
        parts.append(", ".join(names) + ".")
    return Bias(
        prompt=" ".join(parts) or None,
        # Hotwords are repeated before every 30 s window; the prompt only precedes the first.
        hotwords=" ".join(names) or None,
    )


def _unique(words: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for word in words:
        clean = " ".join(word.split())
        if clean and clean.casefold() not in seen:
            seen.add(clean.casefold())
            out.append(clean)
    return out


def _budget(names: list[str], limit: int) -> list[str]:
    out: list[str] = []
    used = 0
    for name in names:
        used += len(name) + 2
        if used > limit:
            break
        out.append(name)
    return out
