"""Find who a message is about: a known party, or a new name in a telling position."""

from __future__ import annotations

from collections.abc import Sequence

from intents import cues
from intents.lexicon import GROCERY, UNITS
from intents.matching import CatalogIndex
from intents.pieces import Piece
from intents.slots import PartyRef
from intents.stopwords import NOT_NAMES, is_stop

PARTICLES = frozenset({"al", "el", "bin", "abu", "de", "van", "mc"})
TITLES = frozenset({"mr", "mrs", "ms", "dr", "miss"})
BEFORE_NAME = TITLES | frozenset({
    "to", "for", "from", "customer", "naam", "named", "called", "paid",
})  # fmt: skip
AFTER_NAME = frozenset({
    "ne", "ko", "se", "ka", "ki", "ke", "pe", "par", "bought", "took", "purchased", "paid",
    "gave", "cleared", "liya", "li", "liye", "le", "kharida", "kharidi", "naya", "nayi",
    "new", "owes", "owe", "has", "sent", "deposited", "settled", "is", "bhai", "ji", "and",
    "naam",
})  # fmt: skip


def find_party(pieces: Sequence[Piece], index: CatalogIndex, *, leading: bool) -> PartyRef | None:
    """The party a message names: a catalog match first, else a new name in Title Case."""
    for piece in pieces:
        if piece.kind == "party" and piece.hit is not None:
            hit = piece.hit
            if hit.candidates:
                return PartyRef(
                    name=_title(piece), matched=False, score=hit.score, candidates=hit.candidates
                )
            return PartyRef(name=hit.name, matched=True, score=min(hit.score, 1.0))
    for n, piece in enumerate(pieces):
        if not _name_like(piece, index):
            continue
        prev = pieces[n - 1].text if n > 0 else ""
        if prev in ("is", "was", ":") and n > 1 and pieces[n - 2].text in ("name", "naam"):
            prev = "naam"  # "said his name is Tariq Hussain"
        if prev == "." and n > 1 and pieces[n - 2].text in TITLES:
            prev = pieces[n - 2].text  # "Mr. Rajesh Nair"
        # "to al noor cafe"; "Al Reef Restaurant took 5 rice": the particle opens the message
        if prev in PARTICLES and (n == 1 or pieces[n - 2].text in BEFORE_NAME):
            words = [_title(pieces[n - 1]), _title(piece)]  # "to al noor cafe"
            m = n + 1
            while m < len(pieces) and len(words) < 4 and _name_like(pieces[m], index):
                words.append(_title(pieces[m]))
                m += 1
            return PartyRef(name=" ".join(words), matched=False, score=0.0)
        nxt = pieces[n + 1].text if n + 1 < len(pieces) else ""
        nxt_kind = pieces[n + 1].kind if n + 1 < len(pieces) else ""
        if nxt in NEAR or (
            nxt in ("ke", "ki", "ka") and n + 2 < len(pieces) and pieces[n + 2].text in NEAR
        ):
            continue  # "masjid ke paas wale": where, not who
        if prev in ("for", "to") and nxt_kind == "num" and not _priced(pieces, n + 2):
            continue  # "for 40" is a price; "to 40" a change
        at_start = n == 0 or all(p.kind == "punct" for p in pieces[:n])
        if leading and at_start:
            # "layla hassan 4 dates 2 tea": a full name, then the goods
            m = n + 1
            while m < len(pieces) and m - n < 4 and (
                _name_like(pieces[m], index)
                # "Masjid Al Noor took 40 dates": a particle inside the name
                or (pieces[m].text in PARTICLES and m + 1 < len(pieces)
                    and _name_like(pieces[m + 1], index))
            ):  # fmt: skip
                m += 1
            ends = m < len(pieces) and (
                pieces[m].kind in ("num", "product") or pieces[m].text in ("took", "ne", "bought")
            )
            if m - n > 1 and ends:
                return PartyRef(
                    name=" ".join(_title(p) for p in pieces[n:m]), matched=False, score=0.0
                )
        # "new guy Yusuf from the laundry took …", "Kavita from 3rd floor": who, then where
        # they are from (the place is no name)
        from_where = nxt == "from" and (at_start or prev in cues.PEOPLE)
        if (
            prev in BEFORE_NAME
            or (nxt in AFTER_NAME and nxt != "and")
            or from_where
            or (leading and at_start and nxt_kind in ("num", "product"))
        ):
            words = [_title(piece)]
            if prev in BEFORE_NAME:  # "to al noor cafe", "from emirates foods"
                m = n + 1
                while m < len(pieces) and len(words) < 3 and _name_like(pieces[m], index):
                    words.append(_title(pieces[m]))
                    m += 1
            elif nxt in ("se", "ne", "ko"):  # "ramesh traders se": the name ends here
                m = n - 1
                while m >= 0 and len(words) < 3 and _name_like(pieces[m], index):
                    words.insert(0, _title(pieces[m]))
                    m -= 1
            return PartyRef(name=" ".join(words), matched=False, score=0.0)
    return _set_off(pieces, index)


def _set_off(pieces: Sequence[Piece], index: CatalogIndex) -> PartyRef | None:
    """A name said beside the person it names: "new lady came today, Priya Nair, she
    bought", "nayi family aayi hai, Meena Iyer, unko ...", "my nephew Faisal". A run of two or
    three name-like words set off by commas after a word for a person, or any name-like word
    right after a relation."""
    seen_person = False
    for n, piece in enumerate(pieces):
        prev = pieces[n - 1] if n else None
        if prev is not None and prev.text in cues.PEOPLE:
            seen_person = True
        after_relation = prev is not None and prev.text in RELATIONS
        set_off = seen_person and prev is not None and prev.kind == "punct"
        # "ek uncle aaye the Kamran, 2 lux …": the name said after the person came
        came = seen_person and prev is not None and _came(pieces, n)
        if not (after_relation or set_off or came) or not _name_like(piece, index):
            continue
        m = n + 1
        while m < len(pieces) and m - n < 3 and _name_like(pieces[m], index):
            m += 1
        end = pieces[m] if m < len(pieces) else None
        closed = end is None or end.kind == "punct"
        if after_relation or (m - n >= 2 and closed) or (came and closed):
            return PartyRef(name=" ".join(_title(p) for p in pieces[n:m]), matched=False, score=0.0)
    return None


# Came, and its past's helper: "aaye the", "aayi thi", "came"
CAME = frozenset({"aaye", "aayi", "aaya", "aye", "ayi", "aya", "came"})
WAS = frozenset({"the", "thi", "tha"})


def _came(pieces: Sequence[Piece], n: int) -> bool:
    """Whether the piece before `n` says someone came ("aaye the", "came")."""
    prev = pieces[n - 1].text if n else ""
    if prev in WAS and n > 1:
        prev = pieces[n - 2].text
    return prev in CAME


def _priced(pieces: Sequence[Piece], n: int) -> bool:
    """Whether the piece after a number marks it as a price ("28 each", "60 aed")."""
    if n >= len(pieces):
        return True
    return pieces[n].kind in ("cur", "punct") or pieces[n].text in (
        "each", "per", "@", "total", "for", "paid", "rate", "both", "ka", "ke",
    )  # fmt: skip


def name_like(piece: Piece, index: CatalogIndex) -> bool:
    """Whether a word could be someone's name (not grammar, a unit or a product)."""
    return _name_like(piece, index)


# Relations and roles a name follows: "my nephew Faisal", "new lady, Priya Nair"
RELATIONS = frozenset({
    "nephew", "niece", "son", "daughter", "cousin", "sister", "brother", "wife", "husband",
    "beta", "beti", "bhatija", "bhatiji", "bhanja", "bhanji",
})  # fmt: skip
# After "X ke", a word that makes X a place: "masjid ke paas wale", "school ke saamne"
NEAR = frozenset({
    "paas", "pass", "saamne", "samne", "peeche", "piche", "bagal", "side", "taraf", "wale",
    "wala", "wali", "waale", "andar", "upar",
})  # fmt: skip
NAMES_TOO = frozenset({"sara", "noor", "asha", "aman", "raja", "rani"})


def _name_like(piece: Piece, index: CatalogIndex) -> bool:
    word = piece.text
    if word in NOT_NAMES or word in cues.PEOPLE or word in cues.GROUPS:
        return False
    if piece.kind == "word" and word in NAMES_TOO:
        return True
    if piece.kind != "word" or len(word) < 3 or not word.isalpha() or is_stop(word):
        return False
    if word in UNITS or word in GROCERY or word in cues.EXPENSE:
        return False  # "for lunch", "for rent": what money went on, never who
    hit = index.product([word])
    return hit is None or hit.score < 0.6


def _title(piece: Piece) -> str:
    text = piece.raw if piece.raw.isascii() else piece.text
    return " ".join(w.capitalize() for w in text.split())
