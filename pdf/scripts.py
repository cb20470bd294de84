"""Split text into runs of one script each, so each run gets the font that can draw it."""

from __future__ import annotations

from dataclasses import dataclass

from pdf.fonts import Script

_RANGES: tuple[tuple[int, int, Script], ...] = (
    (0x0600, 0x06FF, Script.ARABIC),
    (0x0750, 0x077F, Script.ARABIC),
    (0x08A0, 0x08FF, Script.ARABIC),
    (0xFB50, 0xFDFF, Script.ARABIC),
    (0xFE70, 0xFEFF, Script.ARABIC),
    (0x0900, 0x097F, Script.DEVANAGARI),
    (0xA8E0, 0xA8FF, Script.DEVANAGARI),
    (0x1CD0, 0x1CFF, Script.DEVANAGARI),
)
# Characters that belong to no script; they join the run around them.
_NEUTRAL = frozenset(" \u00a0\u200c\u200d-.,'()/&")


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text drawn with one font."""

    script: Script
    text: str


def script_of(char: str) -> Script | None:
    """The script of a character, or None for a neutral one (space, punctuation)."""
    if char in _NEUTRAL:
        return None
    code = ord(char)
    if code < 0x0600:
        return Script.LATIN
    for low, high, script in _RANGES:
        if low <= code <= high:
            return script
    return Script.LATIN


def is_simple(text: str) -> bool:
    """True when text needs only the Latin font (no shaping, no direction change)."""
    return all(ord(ch) < 0x0600 or script_of(ch) is Script.LATIN for ch in text)


def split_runs(text: str) -> list[Run]:
    """Runs in logical order; a neutral joins a run only when the same script follows it."""
    scripts = [script_of(ch) for ch in text]
    resolved: list[Script] = []
    for i, script in enumerate(scripts):
        if script is None:
            before = resolved[-1] if resolved else None
            after = next((s for s in scripts[i + 1 :] if s is not None), None)
            script = before if before is not None and before == after else Script.LATIN
        resolved.append(script)
    runs: list[Run] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or resolved[i] != resolved[start]:
            if i > start:
                runs.append(Run(resolved[start], text[start:i]))
            start = i
    return runs
