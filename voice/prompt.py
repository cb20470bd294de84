"""Turn the shop's vocabulary into whisper's initial prompt and hotwords."""

from __future__ import annotations

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
