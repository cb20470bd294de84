"""Tag a token list into pieces: numbers, units, currency, catalog products and parties."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from intents.lexicon import CURRENCY, UNITS
from intents.matching import CatalogIndex, Hit
from intents.numbers import Number, read_number
from intents.stopwords import NOT_NAMES, is_stop
from intents.text import Tok, tokenize

PieceKind = Literal[
    "num", "unit", "cur", "product", "party", "word", "punct", "phone", "invoice", "date"
]
_SIMPLE: dict[str, PieceKind] = {"punct": "punct", "phone": "phone", "invoice": "invoice"}
PRODUCT_MIN = 0.7
PARTY_MIN = 0.74


@dataclass(slots=True)
class Piece:
    """A run of tokens with one meaning."""

    kind: PieceKind
    start: int
    end: int
    text: str
    raw: str
    number: Number | None = None
    hit: Hit | None = None
    unit: str | None = None
    arabic: bool = False


# "daal do" after "me" is the verb put ("khate me daal do", "udhar mein dal dena").
PUT = frozenset({"daal", "dal", "daalo", "dalo", "daaldo", "daldo", "daliye", "daaliye"})
PUT_PARTICLES = frozenset({"do", "de", "dena", "diya", "diye", "dijiye", "dijie", "dia", "di"})
IN = frozenset({"me", "mein", "main", "mai", "mei", "pe", "par"})
DATE_WORDS = frozenset({"tareekh", "tarikh", "tarik", "taarikh", "tareek", "tarekh"})


def _put_verb(toks: Sequence[Tok], i: int) -> bool:
    if toks[i].text not in PUT or i == 0:
        return False
    nxt = toks[i + 1].text if i + 1 < len(toks) else ""
    before = toks[i - 1]
    if toks[i].text not in ("daal", "dal"):
        return True  # "mat daalo", "naam daaliye": the imperative is only ever the verb
    if before.text not in IN:
        # "galat naam daal diya", "entry dal di": put after a thing written down; never after
        # a count or a unit ("2 kilo daal do") or a person ("ravi ko daal do": give him dal)
        return (
            nxt in PUT_PARTICLES
            and before.text in WRITTEN_DOWN
            and not any(t.kind == "num" for t in toks[max(0, i - 3) : i])
        )
    return nxt in PUT_PARTICLES or not nxt


# What one puts in the books: "naam daal diya", "entry dal do", "amount galat daala"
WRITTEN_DOWN = frozenset({
    "naam", "name", "entry", "entri", "amount", "rate", "price", "qty", "quantity", "hisaab",
    "hisab", "galat", "galti", "bill", "number", "figure", "date", "tarikh",
})  # fmt: skip


# A mobile number as a shop's people write it, without the country code: India's ten digits
# from 6-9, the Gulf's 05x and Pakistan's 03xx (the spaced forms are joined by `normalise`)
LOCAL_MOBILE = re.compile(r"[6-9]\d{9}|05\d{8}|03\d{9}")


# "chai wale", "doodh wala": the one who sells it; "tea stall": where it is sold.
SELLER_WORDS = frozenset(
    {"wala", "wale", "wali", "walon", "walo", "waala", "waale", "waali", "waalon", "wallah"}
)
SELLING_PLACES = frozenset(
    {"stall", "stand", "canteen", "dukan", "dukaan", "dhaba", "cafe", "hotel", "restaurant"}
)
# What follows a person named by what they sell: "chai wale ko", "doodh wala aaya".
_SAID_OF_A_PERSON = frozenset(
    {"ko", "ne", "se", "ka", "ke", "ki", "bhai", "uncle", "sahab", "sahib", "ji", "aaya", "aayi"}
    | {"aaye", "came"}
)


def _describes_someone(toks: Sequence[Tok], found: Piece, pieces: Sequence[Piece]) -> bool:
    """Whether a product's name only says who someone is: "ravi chai wale ko 10 packet …",
    "the doodh wala came", "john from the tea stall" (never goods sold or bought)."""
    after = toks[found.end].text if found.end < len(toks) else ""
    if after in SELLING_PLACES:
        return True
    if after not in SELLER_WORDS:
        return False
    then = toks[found.end + 1].text if found.end + 1 < len(toks) else ""
    return (bool(pieces) and pieces[-1].kind == "party") or then in _SAID_OF_A_PERSON


# Number words a voice note may say twice in a row ("one one loaf", "two two packets")
SAID_TWICE = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"})


def _said_twice(toks: Sequence[Tok], end: int) -> bool:
    """Whether the token at `end`, after a number, repeats its one English word ("one one
    loaf")."""
    return (
        end < len(toks)
        and toks[end - 1].text in SAID_TWICE
        and toks[end].text == toks[end - 1].text
    )


@lru_cache(maxsize=32)
def tagged(text: str, index: CatalogIndex) -> tuple[tuple[Tok, ...], tuple[Piece, ...]]:
    """A message's tokens and pieces, read once however many readers ask (the rule engine,
    then the doubt check that decides whether it is read back). Neither is changed after."""
    toks = tokenize(text)
    return tuple(toks), tuple(tag(toks, index))


def tag(toks: Sequence[Tok], index: CatalogIndex) -> list[Piece]:
    """Group tokens into pieces, matching the longest catalog names first."""
    pieces: list[Piece] = []
    who: list[int] = []  # products that may only say who someone is
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.kind in ("punct", "phone", "invoice"):
            kind: PieceKind = "cur" if tok.text in ("₹", "$") else _SIMPLE[tok.kind]
            pieces.append(Piece(kind, i, i + 1, tok.text, tok.raw))
            i += 1
            continue
        if tok.kind == "num" and LOCAL_MOBILE.fullmatch(tok.raw):
            # "uska number 9812233445 hai": a phone written without its country code is
            # never a count or an amount (the records still read it from the tokens)
            pieces.append(Piece("phone", i, i + 1, tok.text, tok.raw))
            i += 1
            continue
        number = read_number(toks, i)
        if number is not None and number.end < len(toks) and toks[number.end].text in DATE_WORDS:
            # "1 tareekh hai": the day of the month, not an amount
            pieces.append(Piece("date", i, number.end + 1, tok.text, tok.raw))
            i = number.end + 1
            continue
        if number is not None:
            text = " ".join(t.text for t in toks[i : number.end])
            pieces.append(Piece("num", i, number.end, text, text, number=number))
            i = number.end
            if _said_twice(toks, i):
                i += 1  # "and one one loaf of bread": a voice note says a number twice
            continue
        if tok.kind == "date":
            pieces.append(Piece("date", i, i + 1, tok.text, tok.raw))
            i += 1
            continue
        if tok.text in CURRENCY:
            pieces.append(Piece("cur", i, i + 1, tok.text, tok.raw))
            i += 1
            continue
        found = _name(toks, i, index)
        if found is not None and _put_verb(toks, i):
            found = None  # "khate me daal do": put it on the account, not the product dal
        if (
            found is not None
            and found.kind == "product"
            and _describes_someone(toks, found, pieces)
        ):
            who.append(len(pieces))  # "ravi chai wale ko", "john from the tea stall"
        if found is not None:
            if found.kind == "product":
                _absorb_size(toks, found)
            pieces.append(found)
            i = found.end
            continue
        if tok.text in UNITS:
            pieces.append(Piece("unit", i, i + 1, tok.text, tok.raw, unit=UNITS[tok.text]))
        else:
            pieces.append(Piece("word", i, i + 1, tok.text, tok.raw, arabic=tok.script == "arabic"))
        i += 1
    if who and any(p.kind == "product" for n, p in enumerate(pieces) if n not in who):
        # The goods are named again: the first mention was of the person ("doodh wala aaya,
        # 20 packet de gaya" names no other goods, so there the milk is what came).
        for n in reversed(who):
            piece = pieces[n]
            pieces[n : n + 1] = [
                Piece("word", k, k + 1, toks[k].text, toks[k].raw)
                for k in range(piece.start, piece.end)
            ]
    return pieces


def _name(toks: Sequence[Tok], i: int, index: CatalogIndex) -> Piece | None:
    first = toks[i].text
    if toks[i].kind != "word" or first in UNITS:
        return None
    if is_stop(first) or first in NOT_NAMES:
        # A name that starts with a Hinglish word ("Sara Hussain": saara is "all") only when
        # the whole name is written; a word that is no name ("kal sham": in the evening) is a
        # party only when it is one exactly, never by likeness ("sham" is not Priya Sharma).
        for length in (3, 2) if is_stop(first) else (3, 2, 1):
            span = toks[i : i + length]
            if len(span) == length and all(t.kind == "word" for t in span):
                hit = index.party([t.text for t in span], arabic=span[0].script == "arabic")
                if hit is not None and hit.score >= 0.99:
                    return _piece("party", toks, i, length, hit)
        return None
    best: Piece | None = None
    for length in (3, 2, 1):
        span = toks[i : i + length]
        if len(span) < length or any(t.kind != "word" for t in span):
            continue
        words = [t.text for t in span]
        if length > 1 and len(words[-1]) == 1:
            continue  # "coke x 6": the x is a times sign, not part of the name
        inner_stop = any(is_stop(w) for w in words[1:])
        product = index.product(words)
        if product is not None and (length == 1 or product.score >= 0.99 or not inner_stop):
            ends_in_unit = length > 1 and words[-1] in UNITS
            if product.score >= PRODUCT_MIN and (not ends_in_unit or product.score >= 0.99):
                candidate = _piece("product", toks, i, length, product)
                if best is None or candidate.hit is None or _better(candidate, best):
                    best = candidate
        party = None if inner_stop else index.party(words, arabic=span[0].script == "arabic")
        # An ambiguous first name scores low on purpose, but it is still a party: keep it, so
        # the bot can offer the candidates instead of booking a stranger.
        if party is not None and (party.score >= PARTY_MIN or party.candidates):
            candidate = _piece("party", toks, i, length, party)
            if best is None or _better(candidate, best):
                best = candidate
        if best is not None and best.hit is not None and best.hit.score >= 0.99:
            break
    return best


_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]+)", re.IGNORECASE)


def sizes_in(name: str) -> set[tuple[Decimal, str]]:
    """The sizes a product's name carries ("Water 1.5L" -> {(1.5, "l")})."""
    found = set()
    for value, unit in _SIZE.findall(name):
        if unit.lower() in UNITS:
            found.add((Decimal(value), UNITS[unit.lower()]))
    return found


def _absorb_size(toks: Sequence[Tok], piece: Piece) -> None:
    """A size written after a product whose name carries it belongs to the name: "water
    1.5L" is the product Water 1.5L, not 1.5 of water (nor 1.5 lakh)."""
    assert piece.hit is not None
    sizes = sizes_in(piece.hit.name)
    j = piece.end
    if not sizes or j >= len(toks) or toks[j].kind != "num" or toks[j].value is None:
        return
    unit, end = toks[j].suffix, j + 1
    if not unit and end < len(toks) and toks[end].text in UNITS:
        unit, end = toks[end].text, end + 1
    if unit in UNITS and (toks[j].value, UNITS[unit]) in sizes:
        piece.end = end
        piece.text = " ".join(t.text for t in toks[piece.start : end])
        piece.raw = " ".join(t.raw for t in toks[piece.start : end])


def _better(new: Piece, old: Piece) -> bool:
    # Candidates come longest first: a shorter span wins only with a clearly better score.
    new_score = new.hit.score if new.hit else 0.0
    old_score = old.hit.score if old.hit else 0.0
    same = new.hit is not None and old.hit is not None and new.hit.name == old.hit.name
    if new.end - new.start < old.end - old.start:
        return not same and new_score > old_score + 0.15
    return new_score > old_score


def _piece(kind: PieceKind, toks: Sequence[Tok], i: int, length: int, hit: Hit) -> Piece:
    span = toks[i : i + length]
    return Piece(
        kind,
        i,
        i + length,
        " ".join(t.text for t in span),
        " ".join(t.raw for t in span),
        hit=hit,
        arabic=span[0].script == "arabic",
    )
