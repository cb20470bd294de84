"""Goods sold in packs that people also count one by one: eggs by the dozen or the tray of 30.

INTENTS.md counts `qty` in the catalog's unit: "18 ande" where eggs are sold by the dozen is
1.5, "60 eggs" where they come in trays of 30 is 2. The conversion is made only where it is
exact to two decimals and the count is at least half a pack ("5 ande" stays 5 and is asked);
every such write is read back (intents.doubt: "dozen"), as the owner may have meant packs.
"""

from __future__ import annotations

import re
from decimal import Decimal

DOZEN_WORDS = ("dozen", "darjan", "dz", "doz", "درزن", "دزينة", "दर्जन")
# Units that hold several pieces, with another word people use for them.
PACKS = {"dozen": "dozen", "tray": "صينية", "carton": "كرتونة", "crate": "crate", "box": "box"}
PIECE_WORDS = ("piece", "pieces", "pcs", "pc", "nag", "adad", "حبة", "دانے")
CENT = Decimal("0.01")


def says_pack(text: str, unit: str) -> bool:
    """Whether the message counts in the product's pack ("2 dozen", "3 trays"), not pieces."""
    lowered = text.lower()
    words = DOZEN_WORDS if unit == "dozen" else (unit, PACKS.get(unit, unit))
    return any(word in lowered for word in words)


def pack_size(name: str, unit: str) -> int | None:
    """How many pieces a pack holds: 12 for a dozen, 30 for "Eggs 30 tray"; None if unknown."""
    if unit == "dozen":
        return 12
    if unit not in PACKS:
        return None
    found = re.search(rf"(\d+)\s*(?:-\s*)?{re.escape(unit)}", name.lower())
    return int(found.group(1)) if found and int(found.group(1)) > 1 else None


def in_packs(count: Decimal, size: int, text: str) -> Decimal | None:
    """A count of pieces in packs, where the message counts pieces and it divides exactly."""
    lowered = text.lower()
    said_pieces = any(re.search(rf"\b{re.escape(w)}\b", lowered) for w in PIECE_WORDS)
    if not said_pieces and abs(count) * 2 < size:
        return None
    packs = count / size
    if packs != packs.quantize(CENT):
        return None
    return packs.quantize(CENT).normalize()
