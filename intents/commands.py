"""The words the conversation answers before any parse: yes and no to a question, paid or on
credit, STOP and START, the reply language, a customer's new name and the owner's decision on
it. They are understanding, so they live with the engines (`intents/`); the conversation asks
these functions and sets, and never keeps a word list of its own.
"""

from __future__ import annotations

import re

YES = frozenset({
    "yes", "y", "haan", "ha", "han", "ji", "ok", "okay", "confirm", "نعم", "ha ji", "haan ji",
    "theek",
})  # fmt: skip
NO = frozenset({"no", "n", "nahi", "nahin", "na", "cancel", "لا", "mat"})
STOP = frozenset({"stop", "stopall", "stop all", "unsubscribe", "توقف", "ايقاف", "band karo"})
START = frozenset({"start", "unstop", "subscribe", "resume", "ابدأ", "shuru karo"})
PAID = frozenset({
    "paid", "paid in full", "full", "diya", "de diya", "diye", "paid it", "done", "نقد", "دفعت",
})  # fmt: skip
CREDIT = frozenset({
    "credit", "on credit", "udhaar", "udhar", "udhaar pe", "baaki", "later", "not paid",
    "unpaid", "آجل", "بالآجل",
})  # fmt: skip
METHODS = {"cash": "cash", "card": "card", "upi": "upi", "bank": "bank", "transfer": "bank"}

LANGUAGE = re.compile(
    r"^\s*(?:lang(?:uage)?|bhasha)\s*[:=]?\s*(english|hinglish|hindi|arabic)\s*$", re.I
)
# "change my name to Fatima Ali": rectification, answered before parsing (consent/).
RENAME = re.compile(
    r"^\s*(?:please\s+)?(?:change|update|correct|set)\s+my\s+name\s+(?:to|as)\s*:?\s*(.*)$",
    re.I | re.S,
)
# "approve name fatima" / "reject name": the owner decides a customer's asked-for name.
NAME_DECISION = re.compile(
    r"^\s*(approve|accept|allow|reject|refuse|decline)\s+(?:the\s+)?(?:new\s+)?name"
    r"(?:\s+(?:of|for))?\s*[:,-]?\s*(.*?)\s*[.!]?\s*$",
    re.I | re.S,
)


def word_of(text: str) -> str:
    """A one-word (or few-word) answer as the questions compare it: lower case, no trailing
    '!' or '.', single spaces."""
    return " ".join(text.strip().lower().rstrip("!.").split())


def delivery_terms(word: str) -> tuple[str, str] | None:
    """ "paid" / "paid cash" / "credit" as (paid, method) for a delivery; None: no answer."""
    words = word.replace(",", " ").split()
    method = next((METHODS[w] for w in words if w in METHODS), "")
    rest = " ".join(w for w in words if w not in METHODS and w not in ("in", "by", "via"))
    if rest in CREDIT:
        return "credit", ""
    if rest in PAID or (method and not rest):
        return "full", method
    return None


def is_command(text: str) -> bool:
    """Whether the text is answered before any parse (language, rename, a name decision)."""
    return any(p.match(text) for p in (LANGUAGE, RENAME, NAME_DECISION))
