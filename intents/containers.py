"""Goods counted in containers whose size is said: "3 crates tomatos 10kg each", "5 carton
milkpak, 12 dabbe per carton", "10 crate doodh, ek crate me 24 packet", "2 bori cheeni 50 kilo
wali". INTENTS.md counts `qty` in the catalog's unit, so the message is read as the count it
adds up to ("30 kg tomatos"); a price said per container is a price per piece ("54 per
carton" of 24 cans: 2.25). The figures the books get were not said as such, so the write is
read back (intents.doubt finds them unaccounted for in the message).

Only a size said with a marker (each, per carton, in each, ek crate me, wale/wali) is used: "2
cartons evaporated milk, 48 tins" may count all the tins, and is left as it is.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from intents.lexicon import CURRENCY

CONTAINER = (
    r"(?:crates?|cartons?|ctns?|sacks?|bori|boriyan|boriya|box(?:es)?|peti|petiyan|cases?"
    r"|dabbe|dabba)"
)
_NUM = r"\d+(?:\.\d+)?"
# What a container holds, said with its count: never a price ("2 box maggi 40 each" is 40 a box).
# Typed in a hurry too: "12 botles in each carton", "24 pakets", "6btl each", "(6 btl per ctn)".
_INNER = (
    r"(?:kgs?|kilos?|g|gm|grams?|l|ltrs?|litres?|liters?|bott?(?:le|el)s?|btls?|cans?|packets?|packs?"
    r"|pakets?|packts?|pkts?|pcs|pieces?|peices?|tins?|dabbe|dabba|jars?|pouch(?:es)?|sachets?"
    r"|units?|nos|dozens?"
    r"|trays?|rolls?|bags?)"
)
# "3 crates tomatos 10kg each", "10 cartons milk from gulf dairy 12 bottles per carton",
# "4 cartons coke to ahmed, 24 cans in each", "2 bori cheeni aayi 50 kilo wali"
_SIZED = re.compile(
    rf"\b(?P<n>{_NUM})\s*(?P<c>{CONTAINER})\b(?P<goods>(?:[ ,]+[a-z]+){{1,6}}?)[ ,(-]+"
    rf"(?P<m>{_NUM})\s*(?P<inner>{_INNER})\s*"
    rf"(?P<marker>each|per\s+{CONTAINER}|in\s+each|(?:wale|wali|wala)\b)",
    re.IGNORECASE,
)
# "10 crate doodh de gaya, ek crate me 24 packet"
_COUNTED = re.compile(rf"\b(?P<n>{_NUM})\s*(?P<c>{CONTAINER})\b", re.IGNORECASE)
_EACH_HOLDS = re.compile(
    rf"[ ,]*\b(?:ek|1|one|har|every|each)\s+{CONTAINER}\s+(?:me|mein|main|men|in|has|holds)\s+"
    rf"(?P<m>{_NUM})\s*(?P<inner>{_INNER})\b",
    re.IGNORECASE,
)
# The currency words a price may carry (the lexicon's, and "pkr"; not its hundredths, "fils"
# and "paise", whose figure is no price in the shop's currency)
_CURRENCY = "|".join(
    re.escape(word)
    for word in sorted((CURRENCY - {"fils", "paisa", "paise"}) | {"pkr"}, key=len, reverse=True)
)
# "54 per carton", "48 dhs a carton", "6 dirham per carton", "1152 ki ek peti": the price of
# one container
_PER_CONTAINER = re.compile(
    rf"\b(?P<price>{_NUM})\s*(?:{_CURRENCY})?\s*"
    rf"(?:per|a|ka|ki|ke)\s+(?:ek\s+|one\s+)?{CONTAINER}\b",
    re.IGNORECASE,
)


def unpacked(text: str) -> str:
    """The message with goods counted in containers of a said size counted in pieces, or the
    message itself."""
    sizes: list[Decimal] = []
    while (sized := _SIZED.search(text)) is not None:
        n, m = _number(sized["n"]), _number(sized["m"])
        if n is None or m is None or m <= 1:
            return text
        sizes.append(m)
        head = f"{_plain(n * m)} {_spelt(sized['inner'])}{sized['goods']}"
        text = text[: sized.start()] + head + text[sized.end() :]
    counted = _COUNTED.search(text)
    holds = _EACH_HOLDS.search(text, counted.end()) if counted is not None else None
    if counted is not None and holds is not None:
        n, m = _number(counted["n"]), _number(holds["m"])
        if n is None or m is None or m <= 1:
            return text
        sizes.append(m)
        text = (
            text[: counted.start()]
            + f"{_plain(n * m)} {_spelt(holds['inner'])}"
            + text[counted.end() : holds.start()]
            + text[holds.end() :]
        )
    return _repriced(text, sizes[0]) if len(sizes) == 1 else text


def _repriced(text: str, size: Decimal) -> str:
    """ "54 per carton" of 24 pieces: 2.25 each."""
    found = _PER_CONTAINER.search(text)
    price = _number(found["price"]) if found is not None else None
    if found is None or price is None:
        return text
    each = (price / size).quantize(Decimal("0.0001")).normalize()
    return text[: found.start()] + f"{_plain(each)} each" + text[found.end() :]


# A hurried spelling of what a container holds, as the item grammar knows the word
_SPELT = {"bot": "bottles", "btl": "bottles", "pak": "packets", "pac": "packets", "pei": "pieces"}


def _spelt(inner: str) -> str:
    """ "botles" is bottles, "pakets" packets: the word the rest of the parse reads."""
    lowered = inner.lower()
    if lowered in ("bottle", "bottles", "packet", "packets", "packs", "pack", "pieces", "piece"):
        return inner
    return _SPELT.get(lowered[:3], inner)


def _number(said: str) -> Decimal | None:
    try:
        return Decimal(said)
    except InvalidOperation:
        return None


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")
